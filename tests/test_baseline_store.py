"""Baseline versions in the read-write database: nothing a user saved is ever lost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scenarios import plans as plan_source
from scenarios import store
from scenarios.baseline_store import BaselineStore, BaselineStoreError
from scenarios.engine import project
from scenarios.plan_json import plan_from_json, plan_to_json


@pytest.fixture
def baselines(db, plans_db_at):
    """Every kind of database: the DuckDB file by short connections (CLI) and by the
    dashboard's lease, and PostgreSQL (plans_location follows $FINSAM_DATABASE_URL)."""
    return plan_source.open_baselines(db, linger=plans_db_at[1])


def _cost_changed(plan, line_id: str, year: int, amount: int):
    costs = tuple(replace(c, amounts={**c.amounts, year: amount}) if c.id == line_id else c for c in plan.costs)
    return replace(plan, costs=costs)


@pytest.mark.parametrize("fid", ["sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"])
def test_plan_json_round_trip_is_exact(plans, fid):
    assert plan_from_json(plan_to_json(plans[fid])) == plans[fid]


def test_a_new_file_starts_with_the_four_seeded_federations(baselines, plans):
    feds = {f["id"]: f for f in baselines.federations()}
    assert set(feds) == set(plans)
    for fid, plan in plans.items():
        newest = baselines.newest(fid)
        assert newest.plan == plan and newest.version == 1 and newest.info.action == "seed"


def test_edit_restore_and_history(baselines, rules):
    v1 = baselines.newest("sodra-lappland")
    line = next(c for c in v1.plan.costs if c.group == "projects")
    edited = _cost_changed(v1.plan, line.id, 2025, line.amounts[2025] + 100_000)
    v2 = baselines.save(edited, user="Anna", comment="Styrelsen beslutade budget 2025 den 28 november 2024",
                        expected_version=1)
    assert v2.version == 2
    assert project(baselines.newest("sodra-lappland").plan, rules).year(2026).closing_equity == \
        project(v1.plan, rules).year(2026).closing_equity - 100_000
    v3 = baselines.restore("sodra-lappland", 1, user="Bertil", expected_version=2)
    assert v3.version == 3 and v3.info.restored_from == 1 and v3.plan == v1.plan
    history = baselines.history("sodra-lappland")
    assert [(h.version, h.action, h.user) for h in history] == [
        (3, "restore", "Bertil"), (2, "edit", "Anna"), (1, "seed", None)]
    assert history[1].comment == "Styrelsen beslutade budget 2025 den 28 november 2024"
    assert baselines.version("sodra-lappland", 2).plan == edited  # every version stays viewable


def test_a_save_on_an_old_version_is_refused(baselines):
    plan = baselines.newest("jamtland").plan
    baselines.save(replace(plan, name=plan.name + " "), user="A", comment="x", expected_version=1)
    with pytest.raises(BaselineStoreError) as caught:
        baselines.save(plan, user="B", comment="y", expected_version=1)
    assert caught.value.code == "changed_meanwhile"
    assert [h.version for h in baselines.history("jamtland")] == [2, 1]


def test_a_failed_save_writes_nothing(baselines, monkeypatch):
    plan = baselines.newest("sydnarke").plan

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr("scenarios.baseline_store.plan_to_json", crash)  # fails mid-transaction
    with pytest.raises(RuntimeError):
        baselines.save(plan, user="A", comment="x")
    monkeypatch.undo()
    assert [h.version for h in baselines.history("sydnarke")] == [1]


def test_user_federation_survives_a_reseed_and_seed_changes_never_override_edits(db, baselines, plans, monkeypatch):
    own = replace(plans["sodra-lappland"], federation_id="taby", name="Samordningsförbundet Täby")
    baselines.create_federation(own, user="Anna", comment="Importerad")
    with pytest.raises(BaselineStoreError) as caught:
        baselines.create_federation(own, user="Anna", comment="igen")
    assert caught.value.code == "id_taken"
    edited = _cost_changed(plans["jamtland"], plans["jamtland"].costs[-1].id, 2026, 1)
    baselines.save(edited, user="Anna", comment="egen ändring")

    # The seed data changes: the seed file is rebuilt, every seeded plan differs from before.
    changed = {fid: replace(p, name=p.name + " (rättad)") for fid, p in plans.items()}
    monkeypatch.setattr(store, "seed_fingerprint", lambda *a, **k: "changed-seeds")
    monkeypatch.setattr(plan_source, "seed_plans", lambda con: list(changed.values()))
    reopened = plan_source.open_baselines(db)

    assert reopened.newest("taby").plan == own  # a user's federation is untouched
    assert reopened.newest("jamtland").plan == edited  # a user's edit is never overwritten by a seed
    lappland = reopened.history("sodra-lappland")
    assert [h.action for h in lappland] == ["seed_update", "seed"]  # unedited: the corrected seed, old kept
    assert reopened.newest("sodra-lappland").plan.name.endswith("(rättad)")
    assert reopened.path == plan_source.plans_location(db)  # the user's database, not the seed file


def test_unknown_federation_and_version(baselines):
    with pytest.raises(BaselineStoreError) as caught:
        baselines.newest("nowhere")
    assert caught.value.code == "unknown_federation"
    with pytest.raises(BaselineStoreError) as caught:
        baselines.version("sydnarke", 7)
    assert caught.value.code == "unknown_version"


def test_two_stores_on_one_file_see_each_others_versions(db, baselines):
    other = BaselineStore(baselines.path)
    plan = other.newest("sodra-norrbotten").plan
    other.save(replace(plan, name="Ny"), user="B", comment="från CLI")
    assert baselines.newest("sodra-norrbotten").plan.name == "Ny"


def test_a_cached_read_is_never_stale_after_any_write(db, baselines, plans_db_at):
    """The dashboard's read cache (plans_db.cached_read) on every kind of database: a write
    through another store object (on PostgreSQL: as another process would) is seen."""
    from scenarios.plans_db import cached_read

    def names():
        return cached_read(baselines.db, ("test-names",), lambda: {f["id"]: f["name"] for f in baselines.federations()})

    assert names()["sydnarke"] != "Omdöpt"
    other = BaselineStore(baselines.path)
    other.save(replace(other.newest("sydnarke").plan, name="Omdöpt"), user="B", comment="annan process")
    assert names()["sydnarke"] == "Omdöpt"
    if plans_db_at[1] > 0 or baselines.db.cache_id.startswith("postgresql"):  # leased, PostgreSQL
        assert names() is names()  # cached while nobody writes
