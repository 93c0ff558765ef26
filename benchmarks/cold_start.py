"""Cold start: from `make run` to the first Översikt paint, on a fresh and an existing file.

    .venv/bin/python -m benchmarks.cold_start [--repeat 3]

Chromium is started first (not counted). Each sample starts the server as the README
does (`make run`, its own DuckDB file via FINSAM_DB) and times from launching the
command to "Eget kapital 2026" shown on Översikt in the browser (page requested as
soon as the server answers its health check). *Fresh*: a new folder, so the first
start builds the seed file and the plans database. *Existing*: the same folder again,
server restarted. Prints figures; asserts nothing. Aim: under 5 s on an existing file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.browser.harness import chromium_browser, metric_value, running_app

WATCHED = "Eget kapital 2026"


def one_start(browser, db: Path) -> tuple[float, float]:
    """(seconds to the server's health answer, seconds to the figure painted)."""
    start = time.perf_counter()
    with running_app(db) as url:
        healthy = time.perf_counter() - start
        page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
        page.goto(f"{url}/?fed=sodra-lappland")
        metric_value(page, WATCHED, timeout=120_000)
        painted = time.perf_counter() - start
        page.context.close()
    return healthy, painted


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fresh, existing = [], []
    with chromium_browser() as browser, tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            folder = Path(tmp) / f"start-{i}"
            folder.mkdir()
            db = folder / "finsam.duckdb"
            fresh.append(one_start(browser, db))  # creates and seeds both files
            existing.append(one_start(browser, db))
    for name, samples in (("fresh file (seeding)", fresh), ("existing file", existing)):
        health = [h for h, _ in samples]
        paint = [p for _, p in samples]
        print(f"{name:>22}: to first Översikt paint median {statistics.median(paint):.2f} s "
              f"(max {max(paint):.2f} s); server answering after median {statistics.median(health):.2f} s; "
              f"n = {len(samples)}")
    print("aim: under 5 s on an existing file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
