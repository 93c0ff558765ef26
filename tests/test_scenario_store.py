"""Named scenarios in a real DuckDB file: round trip, history, restore, protection."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scenarios.plans_db import release_all

from scenarios.levers import ContributionChange
from scenarios.plan_levers import NewIntervention
from scenarios.scenario_file import ScenarioSpec
from scenarios.scenario_store import ADOPTED_NAME, ProtectedScenario, ScenarioStore, ScenarioStoreError, scenario_db_path


@pytest.fixture
def kept(plans_db_at):
    """Every kind of database: the DuckDB file by short connections (CLI) and by the
    dashboard's lease, and PostgreSQL."""
    location, linger = plans_db_at
    return ScenarioStore(location, linger=linger)


def plus_ten(name="Plus 10 %"):
    return ScenarioSpec("sodra-lappland", name, contrib=(ContributionChange(2025, Decimal(10)),))


def test_save_and_reload_in_a_new_store_object(kept, plans, rules):
    saved = kept.create(plus_ten(), user="Anna")
    again = ScenarioStore(kept.path).find("sodra-lappland", "plus 10 %")
    assert again.id == saved.id and again.spec == saved.spec
    assert again.spec.project(plans["sodra-lappland"], rules).projection.year(2025).contributions == 4_127_200


def test_every_change_is_recorded_and_any_state_restores(kept):
    saved = kept.create(plus_ten(), user="Anna")
    kept.rename(saved.id, "Tio procent", user="Bo")
    bigger = ScenarioSpec("sodra-lappland", "Tio procent",
                          contrib=(ContributionChange(2025, Decimal(10)),),
                          levers=(NewIntervention("Ny insats", 2025, 2026, 800_000),))
    kept.save(saved.id, bigger, user="Bo", expected_version=2)
    kept.delete(saved.id, user="Cecilia")
    assert [s.name for s in kept.list("sodra-lappland")] == []
    history = kept.history(saved.id)
    assert [(e.version, e.action, e.user) for e in history] == [
        (1, "create", "Anna"), (2, "rename", "Bo"), (3, "update", "Bo"), (4, "delete", "Cecilia")]
    restored = kept.restore(saved.id, 1, user="Anna")  # the deleted one is back, as first saved
    assert (restored.name, restored.deleted, restored.version) == ("Plus 10 %", False, 5)
    assert restored.spec == plus_ten()
    assert kept.state_at(saved.id, 3) == bigger


def test_the_adopted_budget_can_be_copied_never_overwritten(kept):
    adopted = kept.ensure_adopted("sodra-lappland")
    assert adopted.name == ADOPTED_NAME and adopted.adopted
    assert kept.ensure_adopted("sodra-lappland").id == adopted.id
    for change in (lambda: kept.save(adopted.id, plus_ten(ADOPTED_NAME)),
                   lambda: kept.rename(adopted.id, "Något annat"),
                   lambda: kept.delete(adopted.id),
                   lambda: kept.restore(adopted.id, 1)):
        with pytest.raises(ProtectedScenario):
            change()
    copy = kept.duplicate(adopted.id, "Kopia av budgeten")
    assert not copy.adopted and copy.spec.levers == () and copy.spec.contrib == ()
    assert kept.get(adopted.id).version == 1


def test_names_are_unique_per_federation(kept):
    kept.create(plus_ten())
    with pytest.raises(ScenarioStoreError, match="already"):
        kept.create(plus_ten("PLUS 10 %"))
    kept.create(ScenarioSpec("jamtland", "Plus 10 %"))  # another federation may use it


def test_a_lost_update_is_refused(kept):
    saved = kept.create(plus_ten())
    kept.rename(saved.id, "Ny")
    with pytest.raises(ScenarioStoreError, match="changed meanwhile"):
        kept.save(saved.id, plus_ten("Ny"), expected_version=1)


def test_a_failed_write_leaves_nothing_behind(kept):
    saved = kept.create(plus_ten())
    other = kept.create(plus_ten("Annan"))
    with pytest.raises(ScenarioStoreError):
        kept.rename(other.id, "Plus 10 %")
    assert kept.get(other.id).version == 1 and len(kept.history(other.id)) == 1
    assert kept.get(saved.id).name == "Plus 10 %"


def test_scenario_file_sits_beside_the_baseline(tmp_path, monkeypatch):
    monkeypatch.delenv("FINSAM_SCENARIOS_DB", raising=False)
    assert scenario_db_path(tmp_path / "finsam.duckdb") == tmp_path / "finsam-scenarios.duckdb"


def test_a_lease_lets_another_process_write_once_idle(tmp_path):
    """The dashboard leases the file; the CLI (another process) writes once the lease has
    been idle for `linger`, and the dashboard then sees that write (a new generation)."""
    import subprocess
    import sys

    from scenarios.plans_db import generation

    path = tmp_path / "finsam-scenarios.duckdb"
    dashboard = ScenarioStore(path, linger=0.3)
    dashboard.create(plus_ten("Från instrumentpanelen"))
    opened = generation(path)
    assert opened is not None
    code = ("import sys; from pathlib import Path; from scenarios.scenario_store import ScenarioStore; "
            "from scenarios.scenario_file import ScenarioSpec; "
            "ScenarioStore(Path(sys.argv[1]), wait_seconds=20).create(ScenarioSpec('sodra-lappland', 'Från CLI'))")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    names = {s.name for s in dashboard.list("sodra-lappland")}
    assert names == {"Från instrumentpanelen", "Från CLI"}
    assert generation(path) not in (None, opened)
    release_all()


def test_a_held_lease_makes_another_process_say_busy(tmp_path):
    """While the dashboard is using the file, a writer in another process gets the clear
    'busy' message after its wait, not a traceback, and nothing is half-written."""
    import subprocess
    import sys

    path = tmp_path / "finsam-scenarios.duckdb"
    dashboard = ScenarioStore(path, linger=60)
    dashboard.create(plus_ten())
    code = ("import sys; from pathlib import Path; from scenarios.scenario_store import ScenarioStore, "
            "ScenarioStoreError; from scenarios.scenario_file import ScenarioSpec\n"
            "try:\n ScenarioStore(Path(sys.argv[1]), wait_seconds=0.5).create(ScenarioSpec('sodra-lappland', 'B'))\n"
            "except ScenarioStoreError as exc:\n print(exc); sys.exit(2)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "busy" in done.stdout, done
    assert [s.name for s in dashboard.list("sodra-lappland")] == ["Plus 10 %"]
    release_all()
