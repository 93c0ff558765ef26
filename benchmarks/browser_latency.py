"""Lever change to updated view, in Debian's Chromium: the dashboard against a bare page.

    .venv/bin/python -m benchmarks.browser_latency [--changes 25]

Both apps are started as the README starts the dashboard (`make run`, the bare page
with the same streamlit flags) on this machine. For each of N changes the clock runs
from the key press that commits a new value to the moment the watched figure shows
the new number and Streamlit reports the run finished (the equity chart is drawn in
the same run). Prints median and p95 for each and the ratio. Aim: p95 < 300 ms and
within 1.5× of the bare page.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from scenarios import store
from tests.browser.harness import chromium_browser, running_app, time_lever_change, wait_until_idle

# What a board member does: on Medlemsbidrag, change the increase from 2025 and read
# equity 2026 beside the lever. The bare page: one number input, one metric.
DASHBOARD_PATH = "/medlemsbidrag?fed=sodra-lappland"
WATCHED = "Eget kapital 2026"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure_dashboard(browser, url: str, values: list[str]) -> list[float]:
    page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
    page.goto(url + DASHBOARD_PATH)
    wait_until_idle(page)
    page.locator(".st-key-contrib_year").get_by_role("combobox").click()
    page.get_by_role("option", name="2025", exact=True).click()
    field = page.locator(".st-key-contrib_pct input")
    button = page.locator(".st-key-contrib_add button")

    def change(value):
        return time_lever_change(page, lambda: field.fill(value), button.click, WATCHED)

    change("20")  # warm-up, not counted
    samples = [change(v) for v in values]
    page.context.close()
    return samples


def measure_bare(browser, url: str, values: list[str]) -> list[float]:
    page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
    page.goto(url)
    wait_until_idle(page)
    field = page.locator(".st-key-value input")

    def change(value):
        return time_lever_change(page, lambda: field.fill(value), lambda: field.press("Enter"), "Dubbelt")

    change("20")
    samples = [change(v) for v in values]
    page.context.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=25)
    args = parser.parse_args()
    values = [str(v) for v in (list(range(1, 16)) * 10)[: args.changes]]  # each differs from the last
    with tempfile.TemporaryDirectory() as tmp:
        db = store.ensure_seeded(Path(tmp) / "bench.duckdb")
        bare_cmd = [".venv/bin/streamlit", "run", "benchmarks/bare_page.py", "--server.headless", "true",
                    "--server.port", "{port}", "--browser.gatherUsageStats", "false"]
        with chromium_browser() as browser:
            with running_app(db) as url:
                app = measure_dashboard(browser, url, values)
            with running_app(db, command=bare_cmd) as url:
                bare = measure_bare(browser, url, values)
    for name, samples in (("dashboard", app), ("bare page", bare)):
        print(f"{name:>9}: median {statistics.median(samples) * 1000:6.1f} ms, "
              f"p95 {percentile(samples, 95) * 1000:6.1f} ms over {len(samples)} changes")
    ratio_median = statistics.median(app) / statistics.median(bare)
    ratio_p95 = percentile(app, 95) / percentile(bare, 95)
    print(f"    ratio: median {ratio_median:.2f}×, p95 {ratio_p95:.2f}× (aim: p95 < 300 ms, within 1.5×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
