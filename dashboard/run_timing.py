"""Server-side timing of each script run, for the benchmarks (off unless asked for).

With FINSAM_RUN_TIMING=1 every script run (a whole-app rerun or a fragment rerun)
writes one line to stderr:

    FINSAM_RUN total_ms=<run incl. Streamlit's post-run gc> gc_ms=<gc in that run> trigger=<keys>

`trigger` names the buttons (by widget key) whose click started the run, "-" if none
(a page load or a changed input), so a load test can tell lever changes from saves.

The benchmarks read these lines from the server's log, so a figure can be split into
server time and browser time. Installed once per process by patching Streamlit's
ScriptRunner._run_script (the loop that runs the script and then `gc.collect(2)`).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time

ENV = "FINSAM_RUN_TIMING"
PREFIX = "FINSAM_RUN"
_gc = threading.local()


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def _on_gc(phase: str, info: dict) -> None:
    # gc runs in whichever thread triggered it; count it for the script thread only.
    if phase == "start":
        _gc.started = time.perf_counter()
    elif getattr(_gc, "started", None) is not None:
        _gc.total = getattr(_gc, "total", 0.0) + time.perf_counter() - _gc.started
        _gc.started = None


def _triggers(rerun_data) -> str:
    """The user keys of the buttons that triggered this run (widget ids end in the key)."""
    states = getattr(rerun_data, "widget_states", None)
    keys = [w.id.rsplit("-", 1)[-1] for w in (states.widgets if states else [])
            if w.WhichOneof("value") == "trigger_value" and w.trigger_value]
    return ",".join(keys) or "-"


def install() -> None:
    """Patch the script runner once per process (no-op unless FINSAM_RUN_TIMING=1)."""
    from streamlit.runtime.scriptrunner import script_runner

    runner = script_runner.ScriptRunner
    if not enabled() or getattr(runner, "_finsam_timed", False):
        return
    original = runner._run_script

    def timed_run(self, rerun_data):
        _gc.total = 0.0
        trigger = _triggers(rerun_data)
        start = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            total = (time.perf_counter() - start) * 1000
            print(f"{PREFIX} total_ms={total:.1f} gc_ms={_gc.total * 1000:.1f} trigger={trigger}",
                  file=sys.stderr, flush=True)

    runner._run_script = timed_run
    runner._finsam_timed = True
    gc.callbacks.append(_on_gc)
