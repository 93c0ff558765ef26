"""What a user sees: the app started as the README starts it, in Debian's Chromium.

Screenshots go to test-artifacts/ (look at them: readable on a projector, nothing
clipped). The figures asserted are the engine's, computed here for the same levers.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from scenarios.engine import project
from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import format_tkr
from tests.browser.harness import METRIC_JS, metric_value, wait_until_idle

PAGES = [("oversikt", "/"), ("medlemsbidrag", "/medlemsbidrag"), ("projekt", "/projekt"),
         ("intakter", "/intakter"), ("budgettabell", "/budgettabell")]

def metric(page, label: str) -> str | None:
    return metric_value(page, label)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


@pytest.mark.parametrize("name, path", PAGES)
@pytest.mark.parametrize("federation", ["sodra-lappland", "jamtland"])
def test_every_page_opens(app_url, page, shot, name, path, federation):
    page.goto(f"{app_url}{path}?fed={federation}")
    wait_until_idle(page)
    no_exception(page)
    shot(page, f"{federation}-{name}")


def test_a_lever_moves_the_equity_figure_and_the_link_reopens_it(app_url, page, browser, shot, plans, rules):
    expected_base = format_tkr(project(plans["sodra-lappland"], rules).year(2026).closing_equity)
    scenario = Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),))
    expected = format_tkr(project(plans["sodra-lappland"], rules, scenario).year(2026).closing_equity)
    assert expected != expected_base

    page.goto(f"{app_url}/?fed=sodra-lappland")
    wait_until_idle(page)
    assert metric(page, "Eget kapital 2026") == expected_base

    page.goto(f"{app_url}/medlemsbidrag?fed=sodra-lappland")
    wait_until_idle(page)
    page.locator(".st-key-contrib_year").get_by_role("combobox").click()
    page.get_by_role("option", name="2025", exact=True).click()
    page.locator(".st-key-contrib_pct input").fill("10")
    page.locator(".st-key-contrib_add button").click()
    wait_until_idle(page)
    no_exception(page)
    shot(page, "medlemsbidrag-plus-10")

    page.get_by_role("link", name="Översikt").click()
    wait_until_idle(page)
    page.wait_for_function(f"() => ({METRIC_JS})('Eget kapital 2026') === {expected!r}", timeout=30_000)
    shot(page, "oversikt-plus-10")
    shared = page.url
    assert "c=2025" in shared

    other = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    try:
        other.goto(shared)
        wait_until_idle(other)
        assert metric(other, "Eget kapital 2026") == expected
        shot(other, "shared-link")
    finally:
        other.context.close()


def test_bad_input_keeps_the_last_valid_plan(app_url, page, shot):
    page.goto(f"{app_url}/medlemsbidrag?fed=sodra-lappland&c=2025:10")
    wait_until_idle(page)
    before = page.url
    page.locator(".st-key-contrib_pct input").fill("tio procent")
    page.locator(".st-key-contrib_add button").click()
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=30_000)
    no_exception(page)
    assert page.url == before
    shot(page, "medlemsbidrag-bad-input")


def test_meeting_mode_folds_the_editors_away(app_url, page, shot):
    page.goto(f"{app_url}/medlemsbidrag?fed=sodra-lappland&meet=1")
    wait_until_idle(page)
    assert page.locator(".st-key-contrib_pct").count() == 0
    page.goto(f"{app_url}/?fed=sodra-lappland&meet=1")
    wait_until_idle(page)
    assert metric(page, "Eget kapital 2026")
    shot(page, "meeting-mode")


def test_english_switch(app_url, page, shot):
    page.goto(f"{app_url}/?fed=sydnarke&lang=en")
    wait_until_idle(page)
    assert metric(page, "Equity 2026") is not None
    no_exception(page)
    shot(page, "english")


def test_budget_table_downloads_the_workbook(app_url, browser, tmp_path):
    from openpyxl import load_workbook

    context = browser.new_context(viewport={"width": 1600, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/budgettabell?fed=sodra-lappland&c=2025:10")
        wait_until_idle(page)
        with page.expect_download(timeout=60_000) as download:
            page.locator(".st-key-dl_xlsx button").click()
        path = tmp_path / "budget.xlsx"
        download.value.save_as(path)
        sheet = load_workbook(path).worksheets[0]
        formulas = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
        assert any(f.startswith("=SUM(") for f in formulas)
    finally:
        context.close()


def test_a_change_on_a_fragment_page_reaches_the_sidebar_and_the_link(app_url, page, shot, plans, rules):
    """Översikt's quick change and Medlemsbidrag rerun only the page (a fragment), yet the
    sidebar's 'remove all changes' comes alive, the link carries the change, and a
    picked kept scenario would say 'unsaved changes' (dashboard/lever_page.py)."""
    scenario = Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),))
    expected = format_tkr(project(plans["sodra-lappland"], rules, scenario).year(2026).closing_equity)
    page.goto(f"{app_url}/?fed=sodra-lappland")
    wait_until_idle(page)
    reset = page.locator('[data-testid="stSidebar"] .st-key-reset button')
    assert reset.is_disabled()
    page.locator(".st-key-ov_contrib_year").get_by_role("combobox").click()
    page.get_by_role("option", name="2025", exact=True).click()
    page.locator(".st-key-ov_contrib_pct input").fill("10")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({METRIC_JS})('Eget kapital 2026') === {expected!r}")
    wait_until_idle(page)
    no_exception(page)
    assert reset.is_enabled()
    assert "c=2025%3A10" in page.url or "c=2025:10" in page.url
    assert page.get_by_text(re.compile(r"Medlemsbidrag \+10\s%\sfrån 2025")).first.is_visible()
    shot(page, "oversikt-quick-change")

    reset.click()
    base = format_tkr(project(plans["sodra-lappland"], rules).year(2026).closing_equity)
    page.wait_for_function(f"() => ({METRIC_JS})('Eget kapital 2026') === {base!r}")  # the rerun may start late
    wait_until_idle(page)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"] .st-key-reset button').disabled")
