"""The year cycle in the browser: record a year's outcome from a file, see it followed
up against the budget, then roll the plan forward and see the new plan years.

The session's app is shared with other browser tests, so this test works on a
federation of its own ("Cykeltest", a copy of Sydnärke's plan), written into the
app's database through the BaselineStore as another app process would.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from scenarios.budget_file import table_rows
from scenarios.numformat import format_percent
from scenarios.plans import open_baselines
from scenarios.year_cycle import outcome_template
from tests.browser.harness import wait_for_text, wait_until_idle

FID = "cykeltest"


@pytest.fixture(scope="module")
def own_plan(app_url, tmp_path_factory):
    """Cykeltest in the running app's database (the app_url fixture's file)."""
    files = sorted({f.resolve() for f in tmp_path_factory.getbasetemp().glob("browser*/finsam.duckdb")})
    assert len(files) == 1, files
    store = open_baselines(files[0])  # seeds it, as the app does on its first request
    plan = replace(store.newest("sydnarke").plan, federation_id=FID, name="Samordningsförbundet Cykeltest")
    store.create_federation(plan, user="webbläsartest", comment="Kopia av Sydnärke för testet")
    return plan


def outcome_file(plan, tmp_path):
    """Utfall 2024 as the template gives it, with Samordningsteam at 3 000 000 kr."""
    template = outcome_template(plan, 2024)
    costs = tuple(replace(c, amounts={2024: 3_000_000}) if c.id == "samordningsteam" else c
                  for c in template.costs)
    rows = table_rows(replace(template, costs=costs), unit=1, totals=False)
    path = tmp_path / "utfall-2024.csv"
    path.write_bytes("\r\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
                     .encode("utf-8-sig"))
    return path


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def test_record_an_outcome_then_roll_the_plan_forward(app_url, page, shot, own_plan, tmp_path):
    page.set_viewport_size({"width": 1600, "height": 3200})  # the whole page in each screenshot
    page.goto(f"{app_url}/uppfoljning?fed={FID}")
    wait_until_idle(page)
    wait_for_text(page, "[data-testid='stMainBlockContainer']", "Inget utfall att följa upp ännu")
    shot(page, "uppfoljning-start")
    page.locator(".st-key-fu_source").get_by_text("Skriv in i tabellen").click()
    wait_until_idle(page)
    page.wait_for_selector(".st-key-fu_table_2024_cykeltest_1 canvas", timeout=60_000)
    shot(page, "uppfoljning-tabell")
    page.locator(".st-key-fu_source").get_by_text("Ladda upp fil").click()
    wait_until_idle(page)

    upload = page.locator(".st-key-fu_file_cykeltest_1 input[type='file']")
    upload.set_input_files(str(outcome_file(own_plan, tmp_path)))
    wait_until_idle(page)
    wait_for_text(page, "[data-testid='stMainBlockContainer']", "Förhandsgranskning: budget mot utfall 2024")
    page.locator(".st-key-fu_comment input").fill("Årsredovisning 2024")
    page.locator(".st-key-fu_comment input").press("Enter")
    wait_until_idle(page)
    shot(page, "uppfoljning-forhandsgranskning")
    page.locator(".st-key-fu_save button").click()
    wait_until_idle(page)
    wait_for_text(page, "[data-testid='stMainBlockContainer']", "Utfallet 2024 är sparat som version 2.")
    wait_for_text(page, "[data-testid='stMainBlockContainer']", "Utfall 2024 mot budget")
    page.wait_for_selector(".st-key-fu_rows_2024 [data-testid='stDataFrame']")
    page.wait_for_selector(".st-key-fu_equity_chart canvas, .st-key-fu_equity_chart svg", timeout=60_000)
    no_exception(page)
    shot(page, "uppfoljning-sparad")

    main = "[data-testid='stMainBlockContainer']"
    assert "Filen har ingen kolumn" not in page.inner_text(main)  # the uploader starts empty again
    page.goto(f"{app_url}/ny-verksamhetsplan?fed={FID}")  # behind "View 3 more" in the sidebar
    wait_until_idle(page)
    wait_for_text(page, main, "Ny verksamhetsplan: Budget 2025, Plan 2026–2027")
    wait_for_text(page, main, "Utfall 2019–2024, Budget 2025, Plan 2026–2027")
    shot(page, "ny-verksamhetsplan")
    page.locator(".st-key-rf_save button").click()
    wait_until_idle(page)
    wait_for_text(page, main, "Den nya verksamhetsplanen är sparad som version 3; version 2 finns kvar.")
    wait_for_text(page, main, "Nuvarande plan (version 3)")
    no_exception(page)
    shot(page, "ny-verksamhetsplan-sparad")
    # The utilization shown is the engine's (3 000 000 of 3 744 704 kr).
    assert format_percent(3_000_000 / 3_744_704) == "80,1\u00a0%"
