"""The printable PDF report: key figures, rendering (poppler), text content."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scenarios import store
from scenarios.engine import project
from scenarios.levers import ContributionChange, EsfAmount, Scenario
from scenarios.report import equity_chart_png, key_figures, scenario_report

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "report"
CREATED = date(2025, 3, 1)
UP10 = Scenario("+10 % medlemsbidrag från 2025", (ContributionChange(2025, Decimal("10")),))
NO_ESF = Scenario("ESF avslås 2025", esf_amounts=(EsfAmount(2025, 0),))

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(
    not POPPLER and not os.environ.get("CI"),
    reason="poppler-utils not installed (pdftoppm, pdftotext); required under CI",
)


def _render(pdf: bytes, name: str) -> tuple[list[Path], str]:
    """Write the PDF, render every page to PNG (pdftoppm) and extract its text."""
    if not POPPLER:
        pytest.fail("poppler-utils (pdftoppm, pdftotext) are required under CI")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / name)], check=True, timeout=120)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          timeout=120).stdout.decode("utf-8")
    return sorted(ARTIFACTS.glob(f"{name}-*.png")), text.replace("\u00a0", " ")


def _report(con, plans, rules, fid, scenarios, **kw):
    plan = plans[fid]
    entries = [(s.name, plan, project(plan, rules, s)) for s in scenarios]
    return scenario_report(
        entries, federation_name=plan.name, created=CREATED,
        provenance=store.load_provenance(con, fid), contradictions=store.load_contradictions(con, fid), **kw,
    )


def test_key_figures(plans, rules):
    plan = plans["sodra-lappland"]
    kf = key_figures(plan, project(plan, rules))
    assert [y["closing_tkr"] for y in kf["years"]] == [2096, 1665, 1346, 1027]
    assert kf["cap_share"] == Decimal("0.2") or float(kf["cap_share"]) == 0.2
    assert kf["first_negative_year"] is None and kf["within_range_year"] is None
    assert all(y["over_cap"] for y in kf["years"])
    assert round(kf["years"][-1]["ratio"], 3) == 0.274

    jamtland = plans["jamtland"]
    assert key_figures(jamtland, project(jamtland, rules))["within_range_year"] == 2025
    sydnarke = plans["sydnarke"]
    cut = project(sydnarke, rules, Scenario("m", (ContributionChange(2024, Decimal("-5")),)))
    assert key_figures(sydnarke, cut)["first_negative_year"] == 2024


def test_chart_is_a_png(plans, rules):
    plan = plans["jamtland"]
    png = equity_chart_png([("Basplan", plan, project(plan, rules))])
    assert png.startswith(b"\x89PNG")


def test_too_many_scenarios(plans, rules):
    plan = plans["sodra-lappland"]
    p = project(plan, rules)
    with pytest.raises(ValueError):
        scenario_report([(str(i), plan, p) for i in range(5)], federation_name="x", created=CREATED)


@needs_poppler
def test_single_scenario_report(con, plans, rules):
    pdf = _report(con, plans, rules, "sodra-lappland", [Scenario()])
    assert pdf.startswith(b"%PDF")
    pages, text = _render(pdf, "sodra-lappland")
    assert len(pages) >= 1
    assert "Samordningsförbundet Södra Lappland" in text
    assert "1 027" in text  # closing equity 2026
    assert "27,4 %" in text  # its ratio to contributions
    assert "6 422" in text and "4 071" in text  # budget table totals
    assert "Antaganden och källor" in text and "Tabellrubrik" in text  # the contradiction
    assert "2025-03-01" in text


@needs_poppler
def test_comparison_report(con, plans, rules):
    pdf = _report(con, plans, rules, "sodra-lappland", [Scenario(), UP10, NO_ESF])
    pages, text = _render(pdf, "sodra-lappland-comparison")
    assert len(pages) >= 3
    assert "Jämförelse av scenarier" in text
    assert "Medlemsbidrag +10 % från 2025" in text and "ESF-medel 2025: 0 tkr" in text
    assert "1 777" in text  # +10 %: closing equity 2026
    assert "−300" in text  # ESF refused: 300 tkr less equity
    # what each member pays extra against the reference (kr), only where something changed
    assert "Vad varje medlem betalar extra: 2. " in text and "Lycksele kommun" in text
    assert "Vad varje medlem betalar extra: 3." not in text  # refusing ESF changes no contribution
    assert "Årets resultat" in text


@needs_poppler
def test_report_with_outcome_years_negative_equity_and_formula_names(con, plans, rules):
    cut = Scenario('=HYPERLINK("x")', (ContributionChange(2024, Decimal("-5")),))
    pdf = _report(con, plans, rules, "sydnarke", [Scenario(), cut])
    pages, text = _render(pdf, "sydnarke-negative")
    assert len(pages) >= 2
    assert '=HYPERLINK("x")' in text
    assert "Varning: eget kapital blir negativt 2024" in text
    assert "−705" in text
    assert "Hålls på 2023 års utfall" in text  # a stored assumption


@needs_poppler
def test_long_horizon_report(con, plans, rules):
    pdf = _report(con, plans, rules, "jamtland", [Scenario()])
    pages, text = _render(pdf, "jamtland")
    assert "Utfall" in text and "Plan" in text and "2018" in text and "2026" in text
    assert "Eget kapital ligger mellan noll och taket (20 %) från 2025 till planperiodens slut." in text
