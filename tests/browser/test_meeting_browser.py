"""The room's view (issue 8) in Chromium: meeting mode on a 1280×720 projector and on a
larger screen, and a Swedish interface with no English left in it."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import TEXT
from tests.browser.conftest import ARTIFACTS
from tests.browser.harness import wait_until_idle

PAGES = ["", "medlemsbidrag", "projekt", "intakter", "budgettabell", "scenarier", "jamfor", "los",
         "handlingar", "baslinje", "uppfoljning", "ny-verksamhetsplan", "nytt-forbund"]

# Words a Swedish page never needs: Streamlit's own defaults and our English texts.
ENGLISH_WORDS = {"the", "and", "with", "of", "equity", "baseline", "contributions", "choose", "browse", "drag",
                 "drop", "upload", "files", "limit", "results", "submit", "warning", "error", "deploy",
                 "running", "rerun", "clear", "download", "changes", "year", "years", "costs", "income"}
ENGLISH_PHRASES = ("Choose an option", "No results", "Drag and drop", "Browse files", "per file",
                   "Press Enter", "Made with Streamlit")


def english_messages() -> list[str]:
    """Our own English texts long enough to be unmistakable, that differ from the Swedish."""
    out = []
    for entry in TEXT.values():
        en, sv = entry.get("en"), entry.get("sv")
        if en and en != sv and len(en) >= 12 and "{" not in en:
            out.append(en)
    return out


def english_found(text: str) -> list[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö]+", text)}
    found = sorted(words & ENGLISH_WORDS)
    found += [p for p in ENGLISH_PHRASES if p in text]
    found += [m for m in english_messages() if m in text]
    return found


@pytest.mark.parametrize("path", PAGES)
def test_every_page_speaks_swedish_only(app_url, page, path):
    page.goto(f"{app_url}/{path}?fed=sodra-lappland&c=2025:10")
    wait_until_idle(page)
    text = page.inner_text("body")
    for icon in page.locator('[data-testid="stIconMaterial"], [data-testid="stAlertDynamicIcon"]').all_inner_texts():
        text = text.replace(icon, " ", 1)  # icon names ("warning", "upload") are glyphs, not words
    for code in page.locator("code").all_inner_texts():
        text = text.replace(code, " ", 1)  # file paths (local mode's database file) are not language
    assert english_found(text) == [], (path, english_found(text))


@pytest.mark.parametrize("width, height", [(1280, 720), (1600, 1000)])
def test_meeting_mode_shows_the_answer_above_the_fold(app_url, browser, width, height):
    """Sidebar folded, every equity figure whole, the active changes and the whole
    equity chart visible without scrolling."""
    page = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE").new_page()
    page.goto(f"{app_url}/?fed=sodra-lappland&meet=1&c=2025:-60")
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"
    for value in page.locator('[data-testid="stMetricValue"]').all():
        clipped = value.evaluate("el => el.scrollWidth > el.clientWidth + 1")
        assert not clipped, value.inner_text()
    changes = page.locator(".st-key-changes_line")
    assert "Medlemsbidrag −60" in changes.inner_text().replace("\u00a0", " ")
    assert changes.bounding_box()["y"] + changes.bounding_box()["height"] <= height
    chart = page.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
    assert chart["y"] >= 0 and chart["y"] + chart["height"] <= height, chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"meeting-{width}x{height}.png"))  # what the room sees, no scrolling
    page.context.close()


def test_switching_meeting_mode_on_folds_the_sidebar(app_url, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 720}, locale="sv-SE").new_page()
    page.goto(f"{app_url}/?fed=sodra-lappland")
    wait_until_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "false"
    sidebar.get_by_text("Mötesläge (projektor)").click()
    page.wait_for_function("""() => document.querySelector('[data-testid="stSidebar"]')
                                 .getAttribute('data-collapsed') === 'true'""")
    wait_until_idle(page)
    assert page.locator('[data-testid="stMetricValue"]').count() >= 4  # the meeting view is drawn
    page.context.close()


@pytest.mark.parametrize("width, height", [(1280, 720), (1600, 1000)])
def test_what_the_room_sees_page_by_page(app_url, browser, width, height):
    """Each point of the meeting-ready work as a user sees it, at projector and desk size:
    the red state, the baseline marks, the member tables' totals, the plan year first,
    the rounded answer. Screenshots in test-artifacts/room-<page>-<size>.png."""
    page = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE").new_page()
    size = f"{width}x{height}"

    def visit(path: str, name: str):
        page.goto(f"{app_url}/{path}")
        wait_until_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"room-{name}-{size}.png"), full_page=True)
        return page.inner_text("body").replace("\u00a0", " ")

    text = visit("?fed=sodra-lappland&c=2025:-60", "oversikt-negativ")
    assert "Nej – negativt 2025" in text and "blir negativt 2025" in text
    for figure in page.locator('[data-testid="stMetricValue"], [data-testid="stMetricDelta"] div').all():
        assert not figure.evaluate("el => el.scrollWidth > el.clientWidth + 1"), figure.inner_text()
    assert "Svart streck på varje stapel: eget kapital i basplanen" in text
    text = visit("medlemsbidrag?fed=sydnarke&c=2025:10", "medlemsbidrag")
    assert "Ej fördelat per medlem" in text and "Arbetsförmedlingen (betalas av Försäkringskassan)" in text
    assert "Per invånare (kr)" in text  # Sydnärke's source gives the population
    assert page.locator(".st-key-contrib_cost_table tr.fin-total").count() == 1
    text = visit("projekt?fed=sodra-lappland&c=2025:-60", "projekt-negativ")
    assert "blir negativt 2025" in text
    visit("jamfor?fed=sodra-lappland&c=2025:10", "jamfor")
    assert page.get_by_role("tab", selected=True).inner_text().strip() == "Plan 2025"
    visit("los?fed=sodra-lappland", "los")
    page.locator(".st-key-solve_contrib button").click()
    page.get_by_text("Sänk medlemsbidragen med 4,1 % från 2025").wait_for()
    page.context.close()
