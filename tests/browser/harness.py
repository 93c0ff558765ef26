"""Start the app the way the README does (`make run`) and drive it in Debian's Chromium."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# The flags this machine needs: no sandbox as root, no network beyond localhost.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(db_file: Path, *, command: list[str] | None = None, timeout: float = 90,
                env: dict | None = None):
    """`make run` on a free port with FINSAM_DB (and `env`) set; yields the base URL."""
    port = free_port()
    command = command or ["make", "--no-print-directory", "run", f"PORT={port}"]
    command = [part.replace("{port}", str(port)) for part in command]
    env = {**os.environ, **(env or {}), "FINSAM_DB": str(db_file)}
    log = open(db_file.parent / f"app-{port}.log", "w")
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited early; see {log.name}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not answer within {timeout} s; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:  # it exited already (the error above says why)
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@contextmanager
def chromium_browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_idle(page, timeout: float = 60_000) -> None:
    """Streamlit has finished its run: the app is rendered and no run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', state="visible", timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && document.querySelectorAll('[data-stale="true"]').length === 0
               && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )



METRIC_JS = """(label) => {
    for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
        const l = m.querySelector('[data-testid="stMetricLabel"]');
        if (l && l.innerText.trim() === label)
            return m.querySelector('[data-testid="stMetricValue"]').innerText.trim();
    }
    return null;
}"""


def metric_value(page, label: str, timeout: float = 60_000) -> str:
    """The shown value of the st.metric labelled `label` (waits for it to appear)."""
    page.wait_for_function(f"() => ({METRIC_JS})({json.dumps(label)}) !== null", timeout=timeout)
    return page.evaluate(METRIC_JS, label)


def time_lever_change(page, prepare, commit, label: str, timeout: float = 60_000) -> float:
    """Seconds from committing a lever (`commit`, e.g. a click or Enter, after `prepare`
    has typed the value) to the metric `label` showing a new value with the run done."""
    before = metric_value(page, label)
    prepare()
    start = time.perf_counter()
    commit()
    page.wait_for_function(
        f"""() => {{
            const now = ({METRIC_JS})({json.dumps(label)});
            return now !== null && now !== {json.dumps(before)}
                && !document.querySelector('[data-testid="stStatusWidget"]');
        }}""",
        polling="raf",
        timeout=timeout,
    )
    return time.perf_counter() - start


def wait_for_text(page, selector: str, text: str, timeout: float = 60_000) -> None:
    """Wait until the element `selector` shows `text` (Streamlit fills pages in steps)."""
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel); return el && el.innerText.includes(text); }",
        arg=[selector, text], timeout=timeout)
