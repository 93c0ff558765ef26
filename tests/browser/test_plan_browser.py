"""A federation's own plan in the browser: bring in a new federation from the filled-in
template (Nytt förbund), and edit a baseline, save it, see the version and restore
the first one (Baslinje).

The session's app is shared with other browser tests, so both tests work on
federations of their own: one imported here through the page, one a copy of Södra
Lappland written into the app's database through the BaselineStore.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from scenarios.budget_file import read_budget_file
from scenarios.engine import project
from scenarios.numformat import format_tkr
from scenarios.plans import open_baselines
from tests.browser.harness import metric_value, wait_for_text, wait_until_idle

NEW_ID = "testforbund-taby"
NEW_NAME = "Samordningsförbundet Täby (webbtest)"
EDIT_ID = "testforbund-baslinje"


def wait_for_grid_text(page, key: str, text: str, timeout: float = 60_000) -> None:
    """Wait until the table (st.dataframe / st.data_editor) in the container `key`
    holds `text`. The grid is a canvas; its cells are also in a hidden accessible
    table, whose textContent (not innerText) has them."""
    page.wait_for_function(
        "([key, text]) => { const el = document.querySelector('.st-key-' + key);"
        " return el && el.textContent.includes(text); }",
        arg=[key, text], timeout=timeout)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def app_store(tmp_path_factory):
    """The running app's baseline store (the app_url fixture's database)."""
    files = sorted({f.resolve() for f in tmp_path_factory.getbasetemp().glob("browser*/finsam.duckdb")})
    assert len(files) == 1, files
    return open_baselines(files[0])


def filled_in_template(template: bytes, path) -> bytes:
    """The downloaded template as a federation chief fills it in: the name, the office
    costs raised from 2026, and the template's total rows deleted (they would no
    longer add up; the page recomputes them)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template))
    sheet = book["Budget"]
    rows = list(sheet.iter_rows())
    header = next(r for r in rows if r[0].value == "Rad")
    column = {cell.value: cell.column for cell in header}
    for row in rows:
        if row[0].value == "Förbund":
            row[1].value = NEW_NAME
        if row[0].value == "Kansli":
            sheet.cell(row=row[0].row, column=column["Plan 2026"], value=1900)
            sheet.cell(row=row[0].row, column=column["Plan 2027"], value=1950)
    totals = [row[0].row for row in rows if str(row[1].value or "").startswith(("summa", "årets", "utgående"))]
    for number in sorted(totals, reverse=True):
        sheet.delete_rows(number)
    book.save(path)
    return path.read_bytes()


def test_import_a_new_federation_from_the_template(app_url, page, shot, rules, tmp_path):
    page.goto(f"{app_url}/nytt-forbund?fed=sodra-lappland")
    wait_until_idle(page)
    with page.expect_download() as download:
        page.locator(".st-key-nf_template button").click()
    assert download.value.suggested_filename == "finsam-mall.xlsx"
    template = (tmp_path / "finsam-mall.xlsx")
    download.value.save_as(template)
    data = filled_in_template(template.read_bytes(), tmp_path / "taby.xlsx")

    page.locator(".st-key-nf_upload input[type=file]").set_input_files(str(tmp_path / "taby.xlsx"))
    wait_until_idle(page)
    page.locator(".st-key-nf_id input").fill(NEW_ID)
    page.locator(".st-key-nf_id input").press("Enter")
    wait_until_idle(page)
    wait_for_text(page, '[data-testid="stMainBlockContainer"]', f"Filen är läst: {NEW_NAME} ({NEW_ID})")
    wait_for_grid_text(page, "nf_preview_table", "Utgående eget kapital")
    page.wait_for_selector(".st-key-nf_preview_chart canvas, .st-key-nf_preview_chart svg", timeout=60_000)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    no_exception(page)
    page.set_viewport_size({"width": 1600, "height": 1800})
    page.get_by_text("Filen är läst:").scroll_into_view_if_needed()
    shot(page, "nytt-forbund-forhandsvisning")

    page.locator(".st-key-nf_comment input").fill("Budget 2025 enligt styrelsens beslut")
    page.locator(".st-key-nf_save button").click()
    wait_until_idle(page)
    wait_for_text(page, '[data-testid="stMainBlockContainer"] h1', NEW_NAME)
    assert f"fed={NEW_ID}" in page.url
    plan = read_budget_file(data, "taby.xlsx", federation_id=NEW_ID).plan
    expected = project(plan, rules).year(2027).closing_equity
    assert metric_value(page, "Eget kapital 2027") == format_tkr(expected)
    assert page.locator('[data-testid="stSidebar"] .st-key-w_fed input').input_value() == "Täby (webbtest)"
    no_exception(page)
    shot(page, "nytt-forbund-oversikt")


@pytest.fixture
def own_federation(app_url, tmp_path_factory):
    """A copy of Södra Lappland in the running app's database, for this test alone."""
    store = app_store(tmp_path_factory)
    plan = replace(store.newest("sodra-lappland").plan, federation_id=EDIT_ID,
                   name="Samordningsförbundet Baslinjetest")
    store.create_federation(plan, user="webbläsartest", comment="Kopia av Södra Lappland för testet")
    return store


GRID_JS = """([key, rowName, column]) => {
    const root = document.querySelector('.st-key-' + key);
    const heads = [...root.querySelectorAll('th[role=columnheader]')];
    const head = heads.find(th => th.textContent.trim().startsWith(column));
    const cells = [...root.querySelectorAll('td[id^="glide-cell-1-"]')];
    const cell = cells.find(td => td.textContent.trim() === rowName);
    if (!head || !cell) return null;
    return [Number(head.getAttribute('aria-colindex')), Number(cell.id.split('-').pop())];
}"""


def grid_cell(page, key: str, row_name: str, column: str) -> tuple[int, int]:
    """(column index, row index) of a cell of the grid in `key` (waits for the grid)."""
    args = [key, row_name, column]
    page.wait_for_function(f"(args) => ({GRID_JS})(args) !== null", arg=args, timeout=60_000)
    return tuple(page.evaluate(GRID_JS, args))


def cell_text(page, key: str, row_name: str, column: str) -> str:
    col, row = grid_cell(page, key, row_name, column)
    return page.locator(f".st-key-{key} #glide-cell-{col}-{row}").text_content().strip()


SELECTED_JS = """(key) => {
    const cell = document.querySelector('.st-key-' + key + ' td[aria-selected=true]');
    return cell ? cell.id : null;
}"""


def select_cell(page, key: str, col: int, row: int) -> None:
    """Move the grid's selection to (col, row) with the arrow keys, one step at a time
    (each step waits for the grid to follow)."""
    page.locator(f".st-key-{key} #glide-cell-1-0").focus()  # selects a cell if none is
    page.wait_for_function(f"(key) => ({SELECTED_JS})(key) !== null", arg=key)
    for _ in range(200):
        at = page.evaluate(SELECTED_JS, key)
        at_col, at_row = (int(n) for n in at.split("-")[-2:])
        if (at_col, at_row) == (col, row):
            return
        if at_col != col:
            page.keyboard.press("ArrowRight" if col > at_col else "ArrowLeft")
        else:
            page.keyboard.press("ArrowDown" if row > at_row else "ArrowUp")
        page.wait_for_function(f"([key, was]) => ({SELECTED_JS})(key) !== was", arg=[key, at])
    raise AssertionError(f"could not select cell {col},{row} of {key}")


def edit_cell(page, key: str, row_name: str, column: str, text: str) -> None:
    """Type into the data editor's cell as a user does with the keyboard: select it,
    Enter opens the cell editor, Enter commits."""
    col, row = grid_cell(page, key, row_name, column)
    select_cell(page, key, col, row)
    page.keyboard.press("Enter")
    box = page.locator("textarea.gdg-input")  # the grid's cell editor, an overlay
    box.wait_for(state="visible")
    box.fill(text)
    box.press("Enter")


def test_edit_the_baseline_save_and_restore(app_url, page, shot, own_federation):
    page.set_viewport_size({"width": 1600, "height": 2000})  # the whole editor in view
    page.goto(f"{app_url}/baslinje?fed={EDIT_ID}")
    wait_until_idle(page)
    wait_for_grid_text(page, "bl_editor", "Förbundschef")
    assert cell_text(page, "bl_editor", "Förbundschef", "Plan 2025") == "1\u00a0000"
    edit_cell(page, "bl_editor", "Förbundschef", "Plan 2025", "1250")
    wait_until_idle(page)
    wait_for_grid_text(page, "bl_effect", "Skillnad")
    assert cell_text(page, "bl_editor", "Förbundschef", "Plan 2025") == "1250"
    page.locator(".st-key-bl_comment input").fill("Styrelsen beslutade budget 2025 den 28 november 2024")
    page.locator(".st-key-user_name input").fill("Webbläsartest")
    page.locator(".st-key-user_name input").press("Enter")
    wait_until_idle(page)
    page.locator(".st-key-bl_save button").click()
    wait_until_idle(page)
    wait_for_text(page, '[data-testid="stMainBlockContainer"]', "Sparat som version 2")
    wait_for_grid_text(page, "bl_history", "Styrelsen beslutade budget 2025 den 28 november 2024")
    newest = own_federation.newest(EDIT_ID)
    assert (newest.version, newest.info.user) == (2, "Webbläsartest")
    assert next(c for c in newest.plan.costs if c.id == "forbundschef").amounts[2025] == 1_250_000
    no_exception(page)
    shot(page, "baslinje-version-2")

    picker = page.locator(".st-key-bl_view_version").get_by_role("combobox")
    picker.scroll_into_view_if_needed()  # a scroll while the list is open closes it
    picker.click()
    page.get_by_role("option", name="Version 1 –").click()
    wait_until_idle(page)
    wait_for_text(page, '[data-testid="stMainBlockContainer"]', "Version 1 som budgettabell")
    shot(page, "baslinje-version-1-visas")
    page.locator(".st-key-bl_restore button").click()
    wait_until_idle(page)
    wait_for_text(page, '[data-testid="stMainBlockContainer"]', "Version 1 är återställd som version 3")
    wait_for_grid_text(page, "bl_history", "Återställd (version 1)")
    assert cell_text(page, "bl_editor", "Förbundschef", "Plan 2025") == "1\u00a0000"
    newest = own_federation.newest(EDIT_ID)
    assert (newest.version, newest.info.restored_from) == (3, 1)
    assert newest.plan == own_federation.version(EDIT_ID, 1).plan
    no_exception(page)
    shot(page, "baslinje-aterstalld")
