# Two commands for a newcomer (see README): `make run` and `make test`.
# Each installs what it needs: a virtual environment with the project's packages,
# and for the browser tests Debian's chromium.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run hosted test test-fast bench chromium office postgresql clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Start the dashboard on the embedded DuckDB file (created and seeded on first start).
run: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false --server.maxUploadSize 5

## Hosted mode on this computer: a throwaway PostgreSQL, two app processes (8501, 8502),
## demo users whose passwords are printed (deploy/README.md has the real set-up).
hosted: $(STAMP) postgresql
	$(BIN)/python deploy/try_hosted.py

## The whole test suite: engine, store, CLI, pages (AppTest) on both cores, then the
## browser tests (the app started as `make run` starts it, in Chromium) one at a time.
test: $(STAMP) chromium office postgresql
	$(BIN)/ruff check --select F,E9 scenarios dashboard tests benchmarks
	$(BIN)/python -m pytest -n 2 -m "not browser"
	$(BIN)/python -m pytest -m browser

## Everything but the browser tests.
test-fast: $(STAMP) office postgresql
	$(BIN)/python -m pytest -n 2 -m "not browser"

## Speed figures (prints them; asserts nothing about time).
bench: $(STAMP) chromium
	$(BIN)/python -m benchmarks.engine_bench
	$(BIN)/python -m benchmarks.solve_bench
	$(BIN)/python -m benchmarks.import_bench
	$(BIN)/python -m benchmarks.browser_latency
	$(BIN)/python -m benchmarks.load_bench
	$(BIN)/python -m benchmarks.cold_start

chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## LibreOffice (the Excel file is opened and recalculated in a test) and poppler (PDF pages to PNG).
office:
	@{ command -v libreoffice >/dev/null && command -v pdftoppm >/dev/null; } || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils; }

## PostgreSQL's server programs (initdb, pg_ctl): the tests start a throwaway server of their own.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

clean:
	rm -rf $(VENV) var .pytest_cache
