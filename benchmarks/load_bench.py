"""N sessions at once against one dashboard server: lever changes and saves.

    .venv/bin/python -m benchmarks.load_bench [--sessions 1 5 10 20] [--rounds 2] [--changes 5]

One server (`make run`, FINSAM_RUN_TIMING=1) on a fresh seeded file. For each N the
browsers run in a separate process (its own process group, `--client`), N sessions
in one headless Chromium, each doing `rounds` times: open Medlemsbidrag, make
`changes` lever changes (Enter in the form), go to Scenarier and keep the levers as a
new scenario. The server's own run times (dashboard/run_timing.py, by the button that
started the run: `contrib_add` = lever change, `scen_save_new` = save) give the
server-side p50/p95; the client's observed times and its CPU use are printed beside
them, so the browsers' load on the 2 cores is visible. Afterwards every acknowledged
save (the success message was shown) is looked up in the scenario store, and every
page is checked for an error or exception shown. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout

from benchmarks.browser_latency import percentile
from scenarios.scenario_store import scenario_db_path
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, METRIC_JS, REPO, running_app

SERVER_CPU = "0"
CLIENT_CPUS = f"1-{max(1, (os.cpu_count() or 2) - 1)}"
RUN_LINE = re.compile(r"FINSAM_RUN total_ms=([\d.]+) gc_ms=([\d.]+) trigger=(\S+)")
FED = "sodra-lappland"
WATCHED = "Eget kapital 2026"
IDLE_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && document.querySelectorAll('[data-stale="true"]').length === 0"""
ERROR_JS = """() => document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]').length"""


# --- Client side (a process of its own) ------------------------------------------------------


async def _idle(page) -> None:
    await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', state="visible", timeout=120_000)
    await page.wait_for_function(IDLE_JS, timeout=120_000)


async def _open_contributions(page) -> None:
    await page.get_by_role("link", name="Medlemsbidrag").click()
    await page.wait_for_selector(".st-key-contrib_pct input", timeout=120_000)
    await _idle(page)
    for attempt in range(5):  # a late redraw in the browser can close the list: open it again
        await page.locator(".st-key-contrib_year").get_by_role("combobox").click()
        try:
            await page.get_by_role("option", name="2025", exact=True).click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 4:
                raise
    await _idle(page)


async def _lever_change(page, value: str) -> float:
    before = await page.evaluate(METRIC_JS, WATCHED)
    await page.locator(".st-key-contrib_pct input").fill(value)
    start = time.perf_counter()
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        f"""() => {{ const now = ({METRIC_JS})({json.dumps(WATCHED)});
            return now !== null && now !== {json.dumps(before)} && ({IDLE_JS})(); }}""",
        polling="raf", timeout=120_000)
    return time.perf_counter() - start


async def _save(page, name: str) -> float:
    await page.get_by_role("link", name="Scenarier").click()
    await page.wait_for_selector(".st-key-scen_new_name input", timeout=120_000)
    await _idle(page)
    await page.locator(".st-key-scen_new_name input").fill(name)
    await page.locator(".st-key-scen_new_name input").press("Tab")  # the name reaches the server
    await _idle(page)
    start = time.perf_counter()
    await page.locator(".st-key-scen_save_new button").click()
    await page.get_by_text(f"Sparat som ”{name}”.").wait_for(timeout=120_000)
    return time.perf_counter() - start


async def _session(browser, url: str, index: int, rounds: int, changes: int, out: dict) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(180_000)  # 20 browsers on one core are slow clickers
    page = await context.new_page()
    await page.goto(f"{url}/?fed={FED}")
    await _idle(page)
    value = index
    for round_no in range(rounds):
        await _open_contributions(page)
        for _ in range(changes):
            value = value % 30 + 1
            out["changes"].append(await _lever_change(page, str(value)))
            out["errors"] += await page.evaluate(ERROR_JS)
        name = f"last-{index}-{round_no}-{os.getpid()}"
        out["saves"].append(await _save(page, name))
        out["acknowledged"].append(name)
        out["errors"] += await page.evaluate(ERROR_JS)


def _stat_fields(pid: str) -> list[str] | None:
    try:
        return (Path("/proc") / pid / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _client_cpu_seconds() -> float:
    """User + system CPU of this client and every live process under it (/proc):
    Chromium starts its processes in sessions of their own, so follow parent ids."""
    stats = {pid: f for pid in os.listdir("/proc") if pid.isdigit() and (f := _stat_fields(pid))}
    tree, frontier = {str(os.getpid())}, [str(os.getpid())]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, f in stats.items() if f[1] == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    ticks = os.sysconf("SC_CLK_TCK")
    own = os.times()  # this process's own figures, plus children it has reaped
    return (sum(int(stats[p][11]) + int(stats[p][12]) for p in tree if p != str(os.getpid())) / ticks
            + own.user + own.system + own.children_user + own.children_system)


async def run_client(url: str, sessions: int, rounds: int, changes: int) -> dict:
    from playwright.async_api import async_playwright

    out = {"changes": [], "saves": [], "acknowledged": [], "errors": 0}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        start = time.perf_counter()
        await asyncio.gather(*(_session(browser, url, i, rounds, changes, out) for i in range(sessions)))
        out["wall_s"] = time.perf_counter() - start
        out["cpu_s"] = _client_cpu_seconds()  # before the browser's processes exit
        await browser.close()
    return out


# --- Server side and report -------------------------------------------------------------------


def server_runs(log: Path, offset: int) -> tuple[list[tuple[float, float, str]], int]:
    text = log.read_text()[offset:]
    return [(float(a), float(b), c) for a, b, c in RUN_LINE.findall(text)], offset + len(text)


def streamlit_rss_mb(make_pid: int) -> float:
    """Resident memory of the streamlit process under `make run` (its process group)."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            pgid = os.getpgid(int(status.parent.name))
        except (OSError, ProcessLookupError):
            continue
        if pgid == make_pid and "streamlit" in (status.parent / "cmdline").read_text(errors="replace"):
            return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024
    return float("nan")


def stats(values: list[float]) -> str:
    if not values:
        return "     –"
    return f"p50 {statistics.median(values):7.0f}  p95 {percentile(values, 95):7.0f}"


def found_in_store(db: Path, names: list[str]) -> int:
    """How many of `names` the scenario store holds, read in a fresh process (a DuckDB
    instance kept open in this one could show an older state of the file). A name kept
    under another federation than the benchmark's is reported, not counted."""
    # The server keeps its leased connection until it has been idle a moment
    # (scenarios/plans_db.py); the short connection waits for that, as the CLI does.
    code = ("import json, sys; from scenarios.plans_db import open_plans_db; "
            "db = open_plans_db(sys.argv[1], wait_seconds=30)\n"
            "with db.connection(write=False) as con:\n"
            "    print(json.dumps(con.execute('SELECT name, federation_id, deleted FROM scenario').fetchall()))")
    listed = subprocess.run([sys.executable, "-c", code, str(scenario_db_path(db))], cwd=REPO,
                            capture_output=True, text=True, check=True)
    rows = json.loads(listed.stdout.strip().splitlines()[-1])
    kept = {name for name, fid, deleted in rows if fid == FED and not deleted}
    elsewhere = {name: fid for name, fid, deleted in rows if name in names and fid != FED}
    missing = [name for name in names if name not in kept]
    if missing:
        print(f"  not found: {missing}; under another federation: {elsewhere}", flush=True)
    return len(names) - len(missing)


def run_level(url: str, log: Path, offset: int, n: int, args) -> tuple[dict, int]:
    """One load level: the client in its own process group; the server's runs meanwhile."""
    command = [sys.executable, "-m", "benchmarks.load_bench", "--client", url,
               "--sessions", str(n), "--rounds", str(args.rounds), "--changes", str(args.changes)]
    if args.pin:
        command = ["taskset", "-c", CLIENT_CPUS, *command]
    client = subprocess.run(command, cwd=REPO, capture_output=True, text=True, start_new_session=True,
                            timeout=1800)
    if client.returncode != 0:
        raise RuntimeError(client.stderr[-3000:])
    result = json.loads(client.stdout.strip().splitlines()[-1])
    time.sleep(1.0)  # the last runs' lines (written after the post-run gc)
    runs, offset = server_runs(log, offset)
    result["server_change"] = [total for total, _, trig in runs if "contrib_add" in trig]
    result["server_save"] = [total for total, _, trig in runs if "scen_save_new" in trig]
    return result, offset


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--rounds", type=int, default=2, help="saves per session")
    parser.add_argument("--changes", type=int, default=5, help="lever changes before each save")
    parser.add_argument("--server-log", type=Path, help="keep a copy of the server's log here")
    parser.add_argument("--pin", action="store_true",
                        help="server on CPU 0, browsers on the others (taskset): the server's own latency "
                             "under N sessions, not its share of a machine the browsers saturate")
    parser.add_argument("--client", help=argparse.SUPPRESS)  # internal: run the browsers only
    args = parser.parse_args()
    if args.client:
        out = asyncio.run(run_client(args.client, args.sessions[0], args.rounds, args.changes))
        out["changes"] = [s * 1000 for s in out["changes"]]
        out["saves"] = [s * 1000 for s in out["saves"]]
        print(json.dumps(out))
        return 0

    from scenarios import store

    os.environ["FINSAM_RUN_TIMING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        db = store.ensure_seeded(Path(tmp) / "load.duckdb")
        server = ["taskset", "-c", SERVER_CPU, "make", "--no-print-directory", "run", "PORT={port}"] if args.pin else None
        with running_app(db, command=server) as url:
            port = url.rsplit(":", 1)[1]
            log = Path(tmp) / f"app-{port}.log"
            make_pid = int(next(p.parent.name for p in Path("/proc").glob("[0-9]*/cmdline")
                                if f"PORT={port}" in p.read_text(errors="replace")
                                and "taskset" not in p.read_text(errors="replace")))
            idle_rss = streamlit_rss_mb(make_pid)
            offset = len(log.read_text())
            print(f"server RSS before any session: {idle_rss:.0f} MB")
            print("   N | server ms per lever change | server ms per save | client ms per change | "
                  "client ms per save | client CPU | RSS MB (per session) | saves found | errors")
            for n in args.sessions:
                r, offset = run_level(url, log, offset, n, args)
                rss = streamlit_rss_mb(make_pid)
                found = found_in_store(db, r["acknowledged"])
                print(f"{n:>4} | {stats(r['server_change'])} | {stats(r['server_save'])} | "
                      f"{stats(r['changes'])} | {stats(r['saves'])} | "
                      f"{r['cpu_s']:.0f} s in {r['wall_s']:.0f} s | {rss:.0f} ({(rss - idle_rss) / n:.1f}) | "
                      f"{found}/{len(r['acknowledged'])} | {r['errors']}", flush=True)
                if args.server_log:
                    args.server_log.write_text(log.read_text())
    print("aim at N = 20: server p95 < 1000 ms per lever change, < 2000 ms per save; "
          "every acknowledged save found; no error shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
