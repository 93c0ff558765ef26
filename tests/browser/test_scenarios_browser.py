"""Issue 4 in the browser: keep a scenario, reload, compare it with the baseline,
solve for the ceiling and keep the answer."""

from __future__ import annotations

from decimal import Decimal

from scenarios.engine import project
from scenarios.levers import ContributionChange, Scenario
from scenarios.numformat import format_number, kr_to_tkr
from tests.browser.harness import metric_value, wait_for_text, wait_until_idle


def test_save_reload_and_compare(app_url, page, shot, plans, rules):
    page.goto(f"{app_url}/scenarier?fed=sodra-lappland&c=2025:10")
    wait_until_idle(page)
    page.locator(".st-key-scen_new_name input").fill("Plus tio i webbläsaren")
    page.locator(".st-key-scen_save_new button").click()
    wait_until_idle(page)
    wait_for_text(page, ".st-key-scen_list", "Plus tio i webbläsaren")
    shot(page, "scenarier-saved")
    assert "s=" in page.url

    page.reload()  # a new session: what was kept is read back from DuckDB
    wait_until_idle(page)
    wait_for_text(page, ".st-key-scen_list", "Plus tio i webbläsaren")
    expected = project(plans["sodra-lappland"], rules,
                       Scenario(contribution_changes=(ContributionChange(2025, Decimal(10)),)))
    page.get_by_role("link", name="Översikt").click()
    wait_until_idle(page)
    assert metric_value(page, "Eget kapital 2026") == f"{format_number(kr_to_tkr(expected.year(2026).closing_equity))}\u00a0tkr"

    page.get_by_role("link", name="Jämför").click()
    wait_until_idle(page)
    page.wait_for_selector(".st-key-compare_chart [data-testid='stVegaLiteChart'], "
                           ".st-key-compare_chart canvas, .st-key-compare_chart svg", timeout=60_000)
    page.locator(".st-key-compare_pick").get_by_role("combobox").click()
    page.get_by_role("option", name="Plus tio i webbläsaren").click()
    page.keyboard.press("Escape")
    wait_until_idle(page)
    wait_for_text(page, ".st-key-compare_pick", "Plus tio i webbläsaren")
    assert "Basplan" in page.locator(".st-key-compare_pick").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "jamfor")


def test_solve_for_the_ceiling_and_keep_the_answer(app_url, page, shot, plans, rules):
    from scenarios.solve import contribution_change_for_target

    answer = contribution_change_for_target(plans["sodra-lappland"], rules, Scenario(), (), 2025, 2026, "cap")
    shown = format_number(answer.percent, 1) + "\u00a0%"  # as a board decides it; exact in the detail

    page.goto(f"{app_url}/los?fed=sodra-lappland")
    wait_until_idle(page)
    page.locator(".st-key-solve_contrib button").click()
    wait_until_idle(page)
    wait_for_text(page, ".st-key-solve_contrib_result", shown)
    shot(page, "los-svar")
    page.locator(".st-key-solve_keep_contrib button").click()
    wait_until_idle(page)
    name = page.locator(".st-key-solve_keep_contrib_name input").input_value()
    assert "4,1 %" in name

    page.get_by_role("link", name="Scenarier").click()
    wait_until_idle(page)
    wait_for_text(page, ".st-key-scen_list", name)
    shot(page, "scenarier-med-svaret")
