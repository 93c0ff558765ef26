"""The DuckDB store on real files in a temp folder: seeding, transactions, lock."""

from __future__ import annotations

import copy
import tomllib

import duckdb
import pytest

from scenarios import store
from scenarios.seedfile import SeedError, parse_seed


def test_first_open_creates_and_seeds(tmp_path):
    path = tmp_path / "new" / "finsam.duckdb"
    con = store.open_reader(path)
    try:
        assert {f["id"] for f in store.list_federations(con)} == {
            "sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"}
        assert store.is_seeded(con, store.seed_fingerprint())
    finally:
        con.close()


def test_seed_is_not_reloaded_when_unchanged(db_file):
    before = db_file.stat().st_mtime_ns
    store.ensure_seeded(db_file)
    assert db_file.stat().st_mtime_ns == before


def test_a_failing_seed_loads_nothing_and_keeps_the_old_data(db_file, tmp_path):
    path = tmp_path / "copy.duckdb"
    path.write_bytes(db_file.read_bytes())
    records = store.read_seed_documents()
    broken = copy.deepcopy(records)
    broken[-1].cost_amounts.append(dict(broken[-1].cost_amounts[0]))  # duplicate primary key
    con = duckdb.connect(str(path))
    try:
        with pytest.raises(duckdb.Error):
            store.seed(con, broken, store.read_rules_file(), "broken")
        assert store.is_seeded(con, store.seed_fingerprint())
        assert con.execute("SELECT count(*) FROM federation").fetchone()[0] == 4
    finally:
        con.close()


def test_loaded_plan_matches_the_seed_file(con):
    plan = store.load_plan(con, "sodra-lappland")
    assert plan.years == (2023, 2024, 2025, 2026)
    assert plan.opening_equity == 2_670_000
    assert [m.id for m in plan.members][:2] == ["forsakringskassan", "arbetsformedlingen"]
    lines = {line.id: line for line in plan.costs}
    assert lines["verksamhetsutvecklare"].amounts == {2023: 0, 2024: 956_000, 2025: 956_000, 2026: 956_000}
    assert lines["flerpartssamverkan"].end.isoformat() == "2023-12-31"


def test_unknown_federation(con):
    with pytest.raises(store.UnknownFederation, match="known: "):
        store.load_plan(con, "atlantis")


def test_sql_takes_parameters(con):
    # a hostile id is data, not SQL
    with pytest.raises(store.UnknownFederation):
        store.load_plan(con, "x' OR '1'='1")


def seed_doc(name="sodra-lappland"):
    with (store.SEED_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def mutate(doc, path, value):
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return doc


@pytest.mark.parametrize(
    "path, value, message",
    [
        (("federation", "colour"), "blue", "unknown key"),
        (("costs", 0, "group"), "catering", "unknown group"),
        (("costs", 0, "source"), KeyError, "exactly one of 'source' or 'assumption'"),
        (("costs", 0, "assumption"), "both", "exactly one of 'source' or 'assumption'"),
        (("costs", 0, "amounts"), {"2031": 5}, "outside the years"),
        (("costs", 0, "amounts"), {"2023": 7.5}, "not a whole number"),
        (("contributions", 0, "member"), "atlantis", "unknown member"),
        (("members", 0, "kind"), "county", "unknown kind"),
        (("years", 1, "basis"), "outcome", "outcome years must come before"),
        (("opening_equity", "year"), 2024, "first year"),
        (("costs", 0, "start"), "last spring", "not a date"),
    ],
)
def test_seed_mistakes_are_named(path, value, message):
    with pytest.raises(SeedError, match=message):
        parse_seed(mutate(seed_doc(), path, value))


def test_a_line_given_twice_for_a_year_is_refused():
    doc = seed_doc()
    doc["costs"].append(dict(doc["costs"][0]))
    with pytest.raises(SeedError, match="given twice"):
        parse_seed(doc)
