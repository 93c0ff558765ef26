"""Hardening (issue 10, in part): user text stays text in exports, and no file or URL
input reaches a user as a traceback."""

from __future__ import annotations

import csv
import dataclasses
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios import budget_file as bf
from scenarios.budget_findings import BudgetFileError

NASTY = ['=HYPERLINK("http://x","klicka")', "+SUM(A1)", "-2+3", "@SUM(A1)", "\u2212cmd"]


def test_formula_looking_names_are_text_in_the_csv_and_come_back_unchanged(plans):
    """A member and a cost line named like spreadsheet formulas: the CSV cell starts with
    an apostrophe (Excel shows text, runs nothing), and reading the file gives the names back."""
    plan = plans["sodra-lappland"]
    members = tuple(dataclasses.replace(m, name=NASTY[i]) if m.kind == "municipality" and i < len(NASTY) else m
                    for i, m in enumerate(plan.members))
    renamed = [m for m in members if m.name in NASTY]
    assert renamed
    plan = dataclasses.replace(plan, members=members)
    data = bf.write_csv(plan)
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";") for c in row]
    for member in renamed:
        assert "'" + member.name in cells and member.name not in cells
    back = bf.read_budget_file(data, "plan.csv", federation_id="kopia", name="Kopia").plan
    assert back is not None
    assert {m.name for m in back.members} >= {m.name for m in renamed}


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cells = st.one_of(st.text(max_size=12), st.integers(-10**16, 10**16).map(str),
                  st.sampled_from(["Rad", "Typ", "Budget 2025", "Plan 2026", "Enhet", "tkr", "kr", "medlem",
                                   "kommun", "summa kostnader", "1 000,5", "−3", "=1+1", ";", "\"", ""]))


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=7), max_size=12), sep=st.sampled_from([";", ","]))
def test_any_csv_gives_findings_or_a_plan_never_a_crash(rows, sep):
    text = "\r\n".join(sep.join(row) for row in rows)
    for data in (text.encode("utf-8"), text.encode("utf-8", errors="replace")[:200]):
        try:
            result = bf.read_budget_file(data, "fuzz.csv")
        except BudgetFileError:
            continue  # a file that is no budget at all: one clear message
        assert (result.plan is None) == bool(result.errors)


@FUZZ
@given(data=st.binary(max_size=400), kind=st.sampled_from(["csv", "xlsx", "toml"]))
def test_any_bytes_give_findings_or_a_plan_never_a_crash(data, kind):
    try:
        result = bf.read_budget_file(data, f"fuzz.{kind}")
    except BudgetFileError:
        return
    assert (result.plan is None) == bool(result.errors)


URL_NAMES = ["fed", "lang", "meet", "scen", "s", "c", "esf", "new", "cost", "end", "drop", "grant", "util",
             "key", "cap", "eqcap", "eqfloor"]
url_values = st.one_of(st.text(max_size=20), st.sampled_from([
    "2025:10", "2025:-99", "2019:10", "x:2025-2026:800000", "esf:2025:0", "lycksele:0", "150", "1e9", "::",
    "2025:1e400", "-", "sodra-lappland", "nan", "inf", "'; DROP TABLE scenario; --"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(params=st.dictionaries(st.sampled_from(URL_NAMES), st.lists(url_values, min_size=1, max_size=2),
                              max_size=5))
def test_any_url_opens_the_dashboard_without_a_traceback(monkeypatch, db_file, params):
    """Whatever a link carries, the page opens: bad parameters become warnings, and the
    database still opens and reads afterwards (nothing half-written)."""
    from streamlit.testing.v1 import AppTest

    from scenarios.plans_db import plans_db_path, release_all

    monkeypatch.setenv("FINSAM_DB", str(db_file))
    at = AppTest.from_file("../dashboard/app.py", default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, (params, [e.value for e in at.exception])
    release_all()
    from scenarios.scenario_store import ScenarioStore

    assert ScenarioStore(plans_db_path(db_file)).list("sodra-lappland") is not None


def test_a_users_text_is_shown_as_text_never_as_markdown_or_html(monkeypatch, db_file):
    """An intervention named with markdown, HTML and a link: the change list escapes
    every markdown character, the HTML table escapes the tags."""
    from streamlit.testing.v1 import AppTest

    from dashboard.tables import read

    name = "**fet** <b>x</b> [länk](http://x)"
    monkeypatch.setenv("FINSAM_DB", str(db_file))
    at = AppTest.from_file("../dashboard/app.py", default_timeout=60)
    at.query_params.update({"fed": "sodra-lappland", "new": f"{name}:2025-2026:100000"})
    at.run()
    at.switch_page("views/projects.py").run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    listed = [x for x in texts if "fet" in x and not x.startswith("<")]
    assert listed and all("\\*\\*fet\\*\\*" in x and "\\[länk\\]\\(http" in x for x in listed), listed
    tables = [x for x in texts if 'class="fin-table"' in x and "fet" in x]
    assert tables and all("<b>x</b>" not in x and "&lt;b&gt;x&lt;/b&gt;" in x for x in tables)
    assert name in set(read(tables[0]).iloc[:, 0])  # and reads back as the very text typed
