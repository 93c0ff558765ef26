"""Lever change to updated equity figure, in Debian's Chromium: the dashboard's pages
against a bare one-widget page, interleaved in one run.

    .venv/bin/python -m benchmarks.browser_latency [--changes 25]

Both apps are started as the README starts the dashboard (`make run`; the bare page
with the same streamlit flags), each with FINSAM_RUN_TIMING=1 so the server logs how
long every script run took (dashboard/run_timing.py). The samples are interleaved
(bare, Medlemsbidrag, bare, Översikt, bare, …) and every page sample is divided by
the mean of the bare samples either side of it, so load drift moves both alike.
Every change is committed the same way: Enter.

For each change the clock runs from the Enter to the moment the watched figure shows
the new number and Streamlit reports the run finished. Server time is the run's time
from the server's own log (the script plus Streamlit's post-run gc); browser time is
the rest (websocket, React, layout). Streamlit's `gc.collect(2)` after each run is
printed apart: it starts after the finished message is sent, so it delays the next
change (and other sessions), not this one. Prints median and p95 of each and the ratios.
Aim: p95 within 1.5× of the bare page (or p95 < 300 ms if Streamlit's floor forbids).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scenarios import store
from tests.browser.harness import chromium_browser, running_app, time_lever_change, wait_until_idle

RUN_LINE = re.compile(r"FINSAM_RUN total_ms=([\d.]+) gc_ms=([\d.]+)")
BARE_CMD = [".venv/bin/streamlit", "run", "benchmarks/bare_page.py", "--server.headless", "true",
            "--server.port", "{port}", "--browser.gatherUsageStats", "false"]
WATCHED = "Eget kapital 2026"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class RunLog:
    """The FINSAM_RUN lines a server has written since the last read."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def new_runs(self, wait: float = 3.0) -> list[tuple[float, float]]:
        """(total_ms, gc_ms) of the runs logged since the last call; waits for at
        least one (the line is written after Streamlit's post-run gc)."""
        deadline = time.monotonic() + wait
        while True:
            with open(self.path) as log:
                log.seek(self.offset)
                text = log.read()
            complete = text[: text.rfind("\n") + 1]
            runs = [(float(a), float(b)) for a, b in RUN_LINE.findall(complete)]
            if runs or time.monotonic() > deadline:
                self.offset += len(complete.encode())
                return runs
            time.sleep(0.01)


@dataclass
class Samples:
    name: str
    total: list[float] = field(default_factory=list)  # ms, Enter to figure shown
    server: list[float] = field(default_factory=list)  # ms, the server's script run(s), gc excluded
    gc: list[float] = field(default_factory=list)  # ms of gc in those runs (mostly after the run)
    ratio: list[float] = field(default_factory=list)  # against the neighbouring bare samples

    def add(self, seconds: float, runs: list[tuple[float, float]]) -> None:
        self.total.append(seconds * 1000)
        self.server.append(sum(r[0] - r[1] for r in runs))
        self.gc.append(sum(r[1] for r in runs))

    @property
    def browser(self) -> list[float]:
        return [t - s for t, s in zip(self.total, self.server)]


class Target:
    """One open page with a lever: `change()` commits the next value with Enter."""

    def __init__(self, name: str, page, log: RunLog, prepare_for):
        self.samples = Samples(name)
        self.page, self.log, self.prepare_for = page, log, prepare_for
        self.count = 0

    def change(self, record: bool = True) -> None:
        self.count += 1
        prepare = self.prepare_for(self.count)
        seconds = time_lever_change(self.page, prepare, lambda: self.page.keyboard.press("Enter"),
                                    self.label)
        runs = self.log.new_runs()
        if record:
            self.samples.add(seconds, runs)

    label = WATCHED


def open_page(browser, url: str):
    page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
    page.goto(url)
    wait_until_idle(page)
    return page


def bare_target(browser, url: str, log: RunLog) -> Target:
    page = open_page(browser, url)
    field = page.locator(".st-key-value input")
    target = Target("bare page", page, log, lambda n: lambda: field.fill(str(n % 15 + 1)))
    target.label = "Dubbelt"
    return target


def _contribution_form_target(browser, url: str, log: RunLog, label: str, path: str, prefix: str) -> Target:
    """A page's contribution-step form (state.contribution_form, keys `<prefix>_year` and
    `<prefix>_pct`): the increase from 2025 typed into it, Enter submits it."""
    page = open_page(browser, f"{url}{path}?fed=sodra-lappland")
    page.locator(f".st-key-{prefix}_year").get_by_role("combobox").click()
    page.get_by_role("option", name="2025", exact=True).click()
    field = page.locator(f".st-key-{prefix}_pct input")
    return Target(label, page, log, lambda n: lambda: field.fill(str(n % 15 + 1)))


def contributions_target(browser, url: str, log: RunLog) -> Target:
    """Medlemsbidrag: the contribution form of the page."""
    return _contribution_form_target(browser, url, log, "Medlemsbidrag", "/medlemsbidrag", "contrib")


def overview_target(browser, url: str, log: RunLog) -> Target:
    """Översikt: the quick contribution change on the page."""
    return _contribution_form_target(browser, url, log, "Översikt", "/", "ov_contrib")


def overview_sidebar_target(browser, url: str, log: RunLog) -> Target:
    """Översikt with a +10 % step in the link: the sidebar's scenario box flips between
    the scenario and the baseline (typed into the box, Enter picks it): a whole-app rerun."""
    page = open_page(browser, url + "/?fed=sodra-lappland&c=2025:10")
    names = ["Scenario med ändringar", "Basplan (utan ändringar)"]  # n = 1 flips to the baseline

    def prepare_for(n):
        def prepare():
            page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Visa", exact=True).click()
            page.keyboard.type(names[n % 2])
        return prepare

    return Target("Översikt, sidopanelen", page, log, prepare_for)


def interleave(bare: Target, pages: list[Target], rounds: int) -> None:
    """bare, page 1, bare, page 2, bare, …: each page sample between two bare ones."""
    for target in (bare, *pages):
        target.change(record=False)  # warm-up
    bare.change()
    for _ in range(rounds):
        for target in pages:
            target.change()
            bare.change()
            before, after = bare.samples.total[-2], bare.samples.total[-1]
            target.samples.ratio.append(target.samples.total[-1] / ((before + after) / 2))


def report(bare: Samples, pages: list[Samples]) -> None:
    def line(name, values):
        return f"{name:>14}: median {statistics.median(values):6.1f}  p95 {percentile(values, 95):6.1f}"

    for s in (bare, *pages):
        print(f"{s.name} ({len(s.total)} changes), ms")
        print(line("total", s.total))
        print(line("server script", s.server))
        print(line("browser", s.browser))
        print(line("(server gc)", s.gc))
    for s in pages:
        print(f"{s.name} / bare: median of per-sample ratios {statistics.median(s.ratio):.2f}×, "
              f"p95 ratio {percentile(s.total, 95) / percentile(bare.total, 95):.2f}× "
              f"(median {statistics.median(s.total) / statistics.median(bare.total):.2f}×); "
              f"server p95 {percentile(s.server, 95) / percentile(bare.server, 95):.2f}×, "
              f"browser p95 {percentile(s.browser, 95) / percentile(bare.browser, 95):.2f}×")
    print("aim: p95 ≤ 1.5× the bare page (or p95 < 300 ms if Streamlit's floor forbids it)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=25, help="changes per dashboard page")
    parser.add_argument("--sidebar", action="store_true",
                        help="also time the sidebar's scenario/baseline switch on Översikt (whole-app rerun)")
    parser.add_argument("--bare-gc-freeze", action="store_true",
                        help="give the bare page the dashboard's gc.freeze() too (like against like)")
    args = parser.parse_args()
    os.environ["FINSAM_RUN_TIMING"] = "1"
    if args.bare_gc_freeze:
        os.environ["FINSAM_BARE_GC_FREEZE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        db = store.ensure_seeded(Path(tmp) / "bench.duckdb")
        with chromium_browser() as browser, running_app(db) as app_url, \
                running_app(db, command=BARE_CMD) as bare_url:
            bare = bare_target(browser, bare_url, RunLog(Path(tmp) / f"app-{bare_url.rsplit(':', 1)[1]}.log"))
            app_log = RunLog(Path(tmp) / f"app-{app_url.rsplit(':', 1)[1]}.log")
            pages = [contributions_target(browser, app_url, app_log), overview_target(browser, app_url, app_log)]
            if args.sidebar:
                pages.append(overview_sidebar_target(browser, app_url, app_log))
            app_log.new_runs(wait=0)  # drop the page loads' runs
            bare.log.new_runs(wait=0)
            interleave(bare, pages, args.changes)
    report(bare.samples, [p.samples for p in pages])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
