"""kill -9 in the middle of saving loses nothing that was saved and leaves nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path


from scenarios.baseline_store import BaselineStore
from scenarios.plans import open_baselines
from scenarios.plans_db import plans_location
from scenarios.scenario_store import ScenarioStore

WRITER = textwrap.dedent("""
    import sys
    from dataclasses import replace
    from scenarios.baseline_store import BaselineStore
    from scenarios.scenario_file import ScenarioSpec
    from scenarios.scenario_store import ScenarioStore

    path, linger = sys.argv[1], float(sys.argv[2])
    baselines, kept = BaselineStore(path, linger=linger), ScenarioStore(path, linger=linger)
    plan = baselines.newest("sydnarke").plan
    scenario = kept.create(ScenarioSpec("sydnarke", "Under last"))
    for i in range(1, 100000):
        saved = baselines.save(replace(plan, opening_equity=plan.opening_equity + i), user="w", comment=str(i))
        print("baseline", saved.version, flush=True)  # acknowledged: must survive
        stored = kept.save(scenario.id, replace(scenario.spec, description=str(i)), user="w")
        print("scenario", stored.version, flush=True)
""")


def test_kill_9_during_saves(db, tmp_path, plans_db_at):
    """Every kind of database: the DuckDB file by short connections (CLI) and by the
    dashboard's leased one, and PostgreSQL (the killed process's open transaction is
    rolled back by the server)."""
    linger = plans_db_at[1]
    path = plans_location(db)
    open_baselines(db)  # the database exists, seeded, as after the first start
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    writer = subprocess.Popen([sys.executable, str(script), str(path), str(linger)], stdout=subprocess.PIPE,
                              text=True, env=env)
    acknowledged: dict[str, int] = {}
    deadline = time.monotonic() + 60
    while acknowledged.get("scenario", 0) < 15 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        kind, version = line.split()
        acknowledged[kind] = int(version)
    os.kill(writer.pid, signal.SIGKILL)  # mid-stream: the next save is under way
    writer.wait()
    assert acknowledged.get("scenario", 0) >= 15, "the writer did not get going"

    baselines = BaselineStore(path)
    history = baselines.history("sydnarke")
    versions = [h.version for h in history]
    assert versions == list(range(len(versions), 0, -1))  # no gap, no half-written version
    assert versions[0] >= acknowledged["baseline"]  # every acknowledged save is there
    seeded = baselines.version("sydnarke", 1).plan.opening_equity
    for info in history[:-1]:  # every saved version whole: its plan reads back as it was saved
        assert baselines.version("sydnarke", info.version).plan.opening_equity == seeded + int(info.comment)
    kept = ScenarioStore(path)
    stored = kept.find("sydnarke", "Under last")
    assert stored.version >= acknowledged["scenario"]
    assert [e.version for e in kept.history(stored.id)] == list(range(1, stored.version + 1))
    assert stored.spec.description == str(stored.version - 1)  # the row and its newest event agree
