"""Two app processes on one PostgreSQL save the same kept scenario at the same moment:
one save wins, the other user is told that someone else saved first, nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

from scenarios.levers import ContributionChange
from scenarios.plans import open_baselines
from scenarios.scenario_file import ScenarioSpec
from scenarios.scenario_store import ScenarioStore
from scenarios.users import add_user

ROOT = Path(__file__).resolve().parents[1]
SL = "sodra-lappland"
PASSWORD = "rätt-lösenord-1"

# One app process: a user signs in, picks the kept scenario, adds a contribution change,
# opens Scenarier, waits for the go, and presses "Spara ändringar".
SESSION = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from streamlit.testing.v1 import AppTest

    user, pct, scenario_id, folder = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    at = AppTest.from_file(sys.argv[5], default_timeout=60)
    at.run()
    at.text_input(key="signin_user").input(user)
    at.text_input(key="signin_pw").input(sys.argv[6])
    at.button(key="signin_submit").click()
    at.run()
    at.selectbox(key="w_view").set_value(scenario_id)
    at.run()
    at.switch_page("views/contributions.py")
    at.run()
    at.selectbox(key="contrib_year").set_value(2026)
    at.text_input(key="contrib_pct").input(pct)
    at.button(key="contrib_add").click()
    at.run()
    at.switch_page("views/scenarios.py")
    at.run()
    (folder / f"ready-{user}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    at.button(key="scen_save").click()
    at.run()
    print(json.dumps({"exceptions": [str(e.value) for e in at.exception],
                      "success": [s.value for s in at.success], "error": [e.value for e in at.error],
                      "levers": at.query_params.get("c")}), flush=True)
""")


def test_two_app_processes_save_the_same_scenario_at_once(db, tmp_path, postgres_url):
    users = tmp_path / "users.toml"
    add_user(users, "anna", "Anna Andersson", PASSWORD, roles={SL: "redigerare"})
    add_user(users, "cecilia", "Cecilia Chef", PASSWORD, roles={SL: "förbundschef"})
    open_baselines(db)
    kept = ScenarioStore(postgres_url)
    shared = kept.create(ScenarioSpec(SL, "Gemensamt", contrib=(ContributionChange(2025, Decimal(10)),)),
                         user="förberedelse")
    script = tmp_path / "session.py"
    script.write_text(SESSION)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FINSAM_MODE": "hosted", "FINSAM_USERS_FILE": str(users),
           "FINSAM_DATABASE_URL": postgres_url}
    processes = {}
    for user, pct in (("anna", "3"), ("cecilia", "7")):
        own = tmp_path / f"{user}.duckdb"  # each app process has its own seed file, as when hosted
        shutil.copy(db, own)
        processes[user] = subprocess.Popen(
            [sys.executable, str(script), user, pct, shared.id, str(tmp_path), str(ROOT / "dashboard" / "app.py"),
             PASSWORD], env={**env, "FINSAM_DB": str(own)}, cwd=str(ROOT / "tests"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{u}").exists() for u in processes):
        assert time.monotonic() < deadline and all(p.poll() is None for p in processes.values()), \
            {u: p.stderr.read() for u, p in processes.items() if p.poll() is not None}
        time.sleep(0.05)
    (tmp_path / "go").touch()  # both press "Spara ändringar" now
    said = {}
    for user, process in processes.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        said[user] = json.loads(out.strip().splitlines()[-1])
        assert not said[user]["exceptions"], said[user]

    winners = [u for u, s in said.items() if s["success"] == ["Ändringarna i ”Gemensamt” är sparade (version 2)."]]
    losers = [u for u in said if u not in winners]
    assert len(winners) == 1 and len(losers) == 1, said
    loser = said[losers[0]]
    assert loser["success"] == [] and loser["error"] == [
        "Någon annan hann spara ”Gemensamt” före dig (version 2). Dina ändringar är inte sparade men finns "
        "kvar här: spara dem som ett nytt scenario, eller välj scenariot igen i sidomenyn och gör om ändringen."]
    pct = {"anna": "3", "cecilia": "7"}
    assert loser["levers"] == ["2025:10", f"2026:{pct[losers[0]]}"]  # the loser's changes are still in the session

    stored = kept.get(shared.id)
    assert stored.version == 2  # one save, not two, and none half-written
    assert stored.spec.contrib == (ContributionChange(2025, Decimal(10)),
                                   ContributionChange(2026, Decimal(pct[winners[0]])))
    names = {"anna": "Anna Andersson (anna)", "cecilia": "Cecilia Chef (cecilia)"}
    assert [(e.version, e.user) for e in kept.history(shared.id)] == [(1, "förberedelse"), (2, names[winners[0]])]
