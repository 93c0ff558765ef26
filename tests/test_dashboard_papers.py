"""Handlingar (/handlingar) through AppTest: the Excel workbook and the PDF report are
built only on "Skapa handlingar", for the current scenario or 1–4 picked ones.
Every test has its own copy of the seeded database (FINSAM_DB)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_support import open_app, run

from scenarios.levers import ContributionChange
from scenarios.scenario_file import ScenarioSpec
from scenarios.scenario_store import ScenarioStore, scenario_db_path

SL = "sodra-lappland"


@pytest.fixture
def app(db):
    """The page, on a database of the test's own."""
    return lambda params=None: open_app(params, page="papers")


def downloads(at: AppTest) -> list[str]:
    return [el.proto.id for el in at.get("download_button")]


def test_nothing_is_built_until_asked(app):
    at = app()
    assert at.multiselect(key="papers_pick").value == ["current"]
    assert "papers" not in at.session_state
    assert not at.get("download_button")
    assert any("Skapa handlingar" in c.value for c in at.caption)


def test_current_scenario_papers(app):
    at = app({"fed": SL, "c": "2025:10"})
    at.button(key="papers_build").click()
    run(at)
    papers = at.session_state["papers"]
    assert papers["pdf"].startswith(b"%PDF")
    wb = openpyxl.load_workbook(io.BytesIO(papers["xlsx"]))
    # the reference (by default the adopted budget) first, the scenario, their comparison
    assert wb.sheetnames == ["Beslutad budget", "Aktuella ändringar", "Jämförelse"]
    assert any("Skapade " in s.value and "”Beslutad budget”, ”Aktuella ändringar”" in s.value for s in at.success)
    ids = downloads(at)
    assert len(ids) == 2 and any("dl_workbook" in i for i in ids) and any("dl_report" in i for i in ids)
    # a change afterwards: the papers are stale, no downloads until built again
    at.switch_page("views/contributions.py")
    run(at)
    at.text_input(key="contrib_pct").input("5")
    at.button(key="contrib_add").click()
    run(at)
    at.switch_page("views/papers.py")
    run(at)
    assert any("Skapa dem igen" in w.value for w in at.warning)
    assert not at.get("download_button")


def test_comparison_of_kept_scenarios(app, db):
    store = ScenarioStore(scenario_db_path(db))
    kept = store.create(ScenarioSpec(federation_id=SL, name="Plus tio",
                                     contrib=(ContributionChange(2025, Decimal(10)),)))
    at = app({"fed": SL, "new": "Ny insats:2025-2026:300000"})
    at.multiselect(key="papers_pick").set_value(["base", "current", kept.id])
    run(at)
    at.button(key="papers_build").click()
    run(at)
    papers = at.session_state["papers"]
    assert papers["names"] == ["Beslutad budget", "Basplan", "Aktuella ändringar", "Plus tio"]
    wb = openpyxl.load_workbook(io.BytesIO(papers["xlsx"]))
    assert len(wb.sheetnames) == 5 and "Jämförelse" in wb.sheetnames
    assert papers["pdf"].startswith(b"%PDF") and len(papers["pdf"]) > 5000
    # the pick survives a trip to another page
    at.switch_page("views/overview.py")
    run(at)
    at.switch_page("views/papers.py")
    run(at)
    assert at.multiselect(key="papers_pick").value == ["base", "current", kept.id]
    assert len(downloads(at)) == 2


def test_empty_pick(app):
    at = app()
    at.multiselect(key="papers_pick").set_value([])
    run(at)
    assert any("Välj minst ett scenario." in i.value for i in at.info)
    assert at.button(key="papers_build").disabled


def test_assumptions_name_every_lever(app):
    at = app({"fed": SL, "c": "2025:10", "new": "Ny insats:2025-2026:300000"})
    at.button(key="papers_build").click()
    run(at)
    wb = openpyxl.load_workbook(io.BytesIO(at.session_state["papers"]["xlsx"]))
    texts = [c.value for row in wb["Aktuella ändringar"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Medlemsbidrag +10") for t in texts), texts
    assert any("Ny insats" in t and "2025–2026" in t for t in texts), texts


def test_reference_status_description_and_file_names(app, db):
    """The reference is chosen (here the baseline), the papers say they are a proposal
    with its text, the kept scenario's description is printed, the ceiling row is a
    formula, and the file names carry the scenario's name."""
    store = ScenarioStore(scenario_db_path(db))
    kept = store.create(ScenarioSpec(federation_id=SL, name="Plus tio från 2025", description="Höjning efter dialog.",
                                     contrib=(ContributionChange(2025, Decimal(10)),)))
    at = app({"fed": SL})
    at.multiselect(key="papers_pick").set_value([kept.id])
    at.selectbox(key="papers_ref").set_value("base")
    at.radio(key="papers_status").set_value("proposal")
    run(at)
    at.text_area(key="papers_proposal").input("Styrelsen föreslås besluta att höja bidragen med 10 %.")
    at.button(key="papers_build").click()
    run(at)
    papers = at.session_state["papers"]
    assert papers["names"] == ["Basplan", "Plus tio från 2025"]
    wb = openpyxl.load_workbook(io.BytesIO(papers["xlsx"]))
    sheet = wb["Plus tio från 2025"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Förslag till beslut: Styrelsen föreslås besluta att höja") and "basplan version 1" in t
               for t in texts), texts
    assert "Höjning efter dialog." in texts
    ceiling_row = next(r for r in sheet.iter_rows() if r[0].value == "Rekommenderat tak för eget kapital")
    assert all(str(c.value).startswith("=ROUND(0.2*") for c in ceiling_row[1:] if c.value is not None)
    files = at.session_state["papers"]["files"]
    assert files["xlsx"].startswith("sodra-lappland-plus-tio-fran-2025-") and files["pdf"].endswith(".pdf"), files
