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
from tests.browser.harness import change_and_time, chromium_browser, running_app, wait_until_idle

# What a board member does: change the contribution increase, watch equity 2026.
DASHBOARD_PATH = "/?fed=sodra-lappland"
DASHBOARD_INPUT = ".st-key-contrib_pct input"
DASHBOARD_OUTPUT = ".st-key-kpi_equity_2026 [data-testid='stMetricValue']"
BARE_INPUT = ".st-key-value input"
BARE_OUTPUT = "[data-testid='stMetricValue']"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(browser, url: str, input_sel: str, output_sel: str, values: list[str]) -> list[float]:
    page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
    page.goto(url)
    wait_until_idle(page)
    page.wait_for_selector(output_sel)
    change_and_time(page, input_sel, values[-1], output_sel)  # warm-up, not counted
    samples = [change_and_time(page, input_sel, v, output_sel) for v in values]
    page.context.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=25)
    args = parser.parse_args()
    values = [str(v) for v in (list(range(1, 16)) * 10)[: args.changes]]
    with tempfile.TemporaryDirectory() as tmp:
        db = store.ensure_seeded(Path(tmp) / "bench.duckdb")
        bare_cmd = [".venv/bin/streamlit", "run", "benchmarks/bare_page.py", "--server.headless", "true",
                    "--server.port", "{port}", "--browser.gatherUsageStats", "false"]
        with chromium_browser() as browser:
            with running_app(db) as url:
                app = measure(browser, url + DASHBOARD_PATH, DASHBOARD_INPUT, DASHBOARD_OUTPUT, values)
            with running_app(db, command=bare_cmd) as url:
                bare = measure(browser, url, BARE_INPUT, BARE_OUTPUT, values)
    for name, samples in (("dashboard", app), ("bare page", bare)):
        print(f"{name:>9}: median {statistics.median(samples) * 1000:6.1f} ms, "
              f"p95 {percentile(samples, 95) * 1000:6.1f} ms over {len(samples)} changes")
    ratio_median = statistics.median(app) / statistics.median(bare)
    ratio_p95 = percentile(app, 95) / percentile(bare, 95)
    print(f"    ratio: median {ratio_median:.2f}×, p95 {ratio_p95:.2f}× (aim: p95 < 300 ms, within 1.5×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
