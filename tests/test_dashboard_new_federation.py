"""Nytt förbund (import a federation from a file) and Baslinje (edit the adopted plan,
versions, restore), driven through AppTest on a database of each test's own.

The Baslinje editor is an st.data_editor: a test seeds its edit state (edited_rows,
added_rows, deleted_rows) in session state before a run, as the browser would send it.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from dashboard import baseline_edit as be
from scenarios import plans as plans_module
from scenarios.budget_file import template_xlsx
from scenarios.engine import project
from scenarios.numformat import format_number, format_tkr
from tests.apptest_support import metric, open_app, run, shown_table

SL = "sodra-lappland"
TABY = "testforbund-taby-apptest"
SEEDED = ("sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland")


def store(db):
    return plans_module.open_baselines(db)


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def successes(at) -> list[str]:
    return [s.value for s in at.success]


# --- Nytt förbund ----------------------------------------------------------------------------


def template_csv(changes: dict) -> bytes:
    """The template's fictitious federation as a Swedish CSV, with cells replaced:
    changes maps (row name, column header) -> text."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(template_xlsx())).worksheets[0]
    # The template's totals are formulas; this CSV leaves them empty (an empty total is not checked).
    rows = [["" if v is None or str(v).startswith("=") else str(v) for v in row]
            for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r[:2] == ["Rad", "Typ"])
    for (name, column), value in changes.items():
        row = next(r for r in rows if r[0] == name)
        row[header.index(column)] = value
    return "\n".join(";".join(r) for r in rows).encode("utf-8")


def upload(at, filename: str, data: bytes):
    at.file_uploader[0].set_value((filename, data, "application/octet-stream"))
    return run(at)


def test_new_federation_page_offers_the_template(db):
    at = open_app({"fed": SL}, page="new_federation")
    assert at.title[0].value == "Nytt förbund"
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Ladda ner mallen (Excel)"]
    assert at.file_uploader[0].allowed_type == [".xlsx", ".csv", ".toml"]
    assert at.button(key="nf_save").disabled
    assert any("Ingen fil" in i.value for i in at.info)


def test_the_template_uploaded_shows_the_plan_and_saves_a_new_federation(db):
    at = open_app({"fed": SL}, page="new_federation")
    upload(at, "finsam-mall.xlsx", template_xlsx())
    at.text_input(key="nf_name").input("Samordningsförbundet Täby (test)")
    at.text_input(key="nf_id").input(TABY)
    run(at)
    assert not errors(at)
    assert any("Filen är läst" in s and TABY in s for s in successes(at))
    preview = shown_table(at, "nf_preview_table")
    assert "Utgående eget kapital" in list(preview.iloc[:, 0])
    assert list(preview.columns[1:]) == ["Utfall 2024", "Budget 2025", "Plan 2026", "Plan 2027"]
    chart = at.container(key="nf_preview_chart").children[0]
    assert chart.type == "vega_lite_chart", chart.type
    assert not at.button(key="nf_save").disabled

    at.text_input(key="nf_comment").input("Budget enligt styrelsens beslut")
    at.text_input(key="user_name").input("Anna Andersson")
    at.button(key="nf_save").click()
    run(at)
    # Översikt of the new federation, picked in the sidebar
    assert at.session_state["fed"] == TABY
    assert at.title[0].value == "Samordningsförbundet Täby (test)"
    assert "Täby (test)" in at.selectbox(key="w_fed").options
    assert at.toast[0].value.startswith("Förbundet ”Samordningsförbundet Täby (test)” är sparat")
    saved = store(db).newest(TABY)
    assert saved.version == 1
    assert (saved.info.action, saved.info.user, saved.info.comment) == (
        "import", "Anna Andersson", "Budget enligt styrelsens beslut")
    expected = project(saved.plan, store_rules(db))
    assert metric(at, "Eget kapital 2027") == format_tkr(expected.year(2027).closing_equity)


def store_rules(db):
    from scenarios import store as seed_store

    with seed_store.open_reader(db) as con:
        return seed_store.load_rules(con)


def test_a_file_with_errors_shows_every_finding_and_stores_nothing(db):
    at = open_app({"fed": SL}, page="new_federation")
    bad = template_csv({("Täby kommun", "Budget 2025"): "−700", ("Lokaler", "Typ"): "hyra",
                        ("Kansli", "Plan 2026"): "tolvhundra"})
    upload(at, "taby.csv", bad)
    shown = errors(at)
    assert shown[0].startswith("3 fel i filen. Inget har sparats")
    assert any(e.startswith("Rad 8, kolumn 'Budget 2025' (cell D8)") and "negativt" in e for e in shown), shown
    assert any("typen 'hyra' är okänd" in e for e in shown), shown
    assert any("'tolvhundra' är inget tal" in e for e in shown), shown
    assert at.button(key="nf_save").disabled
    assert "nf_preview_table" not in [c.key for c in at.container]
    assert {f["id"] for f in store(db).federations()} == set(SEEDED)


def test_an_id_that_is_taken_or_malformed_is_said_inline(db):
    at = open_app({"fed": SL}, page="new_federation")
    upload(at, "finsam-mall.xlsx", template_xlsx())
    at.text_input(key="nf_id").input("sodra-lappland")
    run(at)
    assert any("Det finns redan ett förbund med id ”sodra-lappland”" in e for e in errors(at))
    assert at.button(key="nf_save").disabled
    at.text_input(key="nf_id").input("Täby Förbund")
    run(at)
    assert any("”Täby Förbund” går inte att använda" in e and "taby-forbund" in e for e in errors(at))
    assert at.button(key="nf_save").disabled


def test_a_file_over_the_size_limit_is_refused(db):
    assert be.too_big_text("stor.csv", 2 * 1024 * 1024) is None
    text = be.too_big_text("stor.csv", 3 * 1024 * 1024)
    assert "högst 2 MB" in text and "3,0 MB" in text
    result, problem = be.read_upload(b"x" * (3 * 1024 * 1024), "stor.csv", federation_id=None, name=None)
    assert result is None and problem == text


# --- Baslinje --------------------------------------------------------------------------------


def edit(at, cells: dict | None = None, added: list | None = None, deleted: list[str] = ()):
    """Seed the Baslinje editor's edit state: cells maps (row name, column) -> text,
    deleted lists row names; then run."""
    base = at.session_state["bl_base"]
    names = list(base["start"]["Rad"])
    edited_rows: dict[int, dict] = {}
    for (name, column), value in (cells or {}).items():
        edited_rows.setdefault(names.index(name), {})[column] = value
    at.session_state[f"bl_editor_{base['gen']}"] = {
        "edited_rows": edited_rows, "added_rows": list(added or []),
        "deleted_rows": [names.index(n) for n in deleted]}
    return run(at)


def save(at, comment: str):
    at.text_input(key="bl_comment").input(comment)
    at.button(key="bl_save").click()
    return run(at)


def test_baseline_page_shows_the_plan_in_an_editor_and_its_history(db):
    at = open_app({"fed": SL}, page="baseline")
    assert at.title[0].value == "Baslinje – Samordningsförbundet Södra Lappland"
    editor = at.data_editor[0]
    assert editor.editing_mode == "dynamic"
    table = editor.value
    assert list(table.columns[:6]) == ["Rad", "Typ", "Budget 2023", "Budget 2024", "Plan 2025", "Plan 2026"]
    row = table[table["Rad"] == "Förbundschef"].iloc[0]
    assert (row["Typ"], row["Budget 2024"]) == ("kansli", "1\u00a0400")
    history = shown_table(at, "bl_history")
    assert list(history["Version"]) == ["1"]
    assert list(history["Vad"]) == ["Från källdokumentet"]
    assert at.button(key="bl_save").disabled  # nothing changed yet


def test_saving_an_edit_makes_version_2_and_the_projection_follows(db):
    at = open_app({"fed": SL}, page="baseline")
    edit(at, {("Förbundschef", "Plan 2025"): "900", ("Förbundschef", "Plan 2026"): "900,5"})
    effect = shown_table(at, "bl_effect")
    assert list(effect.iloc[2, 1:]) == ["0", "0", "100", "200"]  # 1 000 -> 900 and 1 000 -> 900,5 tkr
    save(at, "Styrelsen beslutade budget 2025 den 28 november 2024")
    assert any("Sparat som version 2" in s for s in successes(at)), (successes(at), errors(at))

    newest = store(db).newest(SL)
    assert newest.version == 2
    assert (newest.info.action, newest.info.comment) == ("edit", "Styrelsen beslutade budget 2025 den 28 november 2024")
    chief = next(c for c in newest.plan.costs if c.id == "forbundschef")  # the id is kept
    assert (chief.amounts[2025], chief.amounts[2026]) == (900_000, 900_500)
    history = shown_table(at, "bl_history")
    assert list(history["Version"]) == ["2", "1"] and history["Vad"][0] == "Ändring"
    assert at.text_input(key="bl_comment").value == ""  # ready for the next change

    before = project(store(db).version(SL, 1).plan, store_rules(db))
    at.switch_page("views/overview.py")
    run(at)
    shown = metric(at, "Eget kapital 2026")
    assert shown == format_tkr(before.year(2026).closing_equity + 199_500)
    assert shown != format_tkr(before.year(2026).closing_equity)


def test_restoring_version_1_makes_version_3_with_its_figures(db):
    at = open_app({"fed": SL}, page="baseline")
    edit(at, {("Övriga insatser", "Plan 2026"): "2 500"}, deleted=["Information"])
    save(at, "Ny insats 2026")
    assert store(db).newest(SL).version == 2
    at.selectbox(key="bl_view_version").set_value(1)
    run(at)
    view = shown_table(at, "bl_view_table")
    assert "– Information" in list(view.iloc[:, 0])
    at.text_input(key="bl_restore_comment").input("Tillbaka till källdokumentet")
    at.button(key="bl_restore").click()
    run(at)
    assert any("Version 1 är återställd som version 3" in s for s in successes(at)), errors(at)
    newest = store(db).newest(SL)
    assert newest.version == 3
    assert (newest.info.action, newest.info.restored_from) == ("restore", 1)
    assert newest.plan == store(db).version(SL, 1).plan
    history = shown_table(at, "bl_history")
    assert history["Vad"][0] == "Återställd (version 1)"
    assert history["Kommentar"][0] == "Tillbaka till källdokumentet"
    table = at.data_editor[0].value  # the editor is on version 3 now
    assert "Information" in list(table["Rad"])


def test_a_bad_edit_shows_every_finding_and_stores_nothing(db):
    at = open_app({"fed": SL}, page="baseline")
    edit(at, {("Försäkringskassan", "Budget 2024"): "−1 876", ("Hyra kontor", "Typ"): "hyra",
              ("Revision", "Plan 2025"): "femtio"})
    shown = errors(at)
    assert ("Raden ”Försäkringskassan” (rad 2 i tabellen), kolumn ”Budget 2024”: "
            "medlemsbidraget −1\u00a0876 tkr är negativt.") in shown
    assert any("Hyra kontor" in e and "typen 'hyra' är okänd" in e for e in shown), shown
    assert any("Revision" in e and "'femtio' är inget tal" in e for e in shown), shown
    save(at, "Felaktig ändring")
    assert any(e.startswith("3 fel i tabellen. Inget har sparats") for e in errors(at)), errors(at)
    assert store(db).newest(SL).version == 1
    # the edit is kept in the editor for the user to correct
    assert at.session_state[f"bl_editor_{at.session_state['bl_base']['gen']}"]["edited_rows"]


def test_a_save_without_a_comment_stores_nothing(db):
    at = open_app({"fed": SL}, page="baseline")
    edit(at, {("Revision", "Plan 2025"): "60"})
    save(at, "  ")
    assert any("Skriv en kommentar" in e for e in errors(at))
    assert store(db).newest(SL).version == 1


def test_a_save_made_meanwhile_is_not_overwritten(db):
    at = open_app({"fed": SL}, page="baseline")
    other = store(db)
    plan = other.newest(SL).plan
    other.save(plan, user="Bertil", comment="Någon annans ändring", expected_version=1)
    edit(at, {("Revision", "Plan 2025"): "60"})
    save(at, "Min ändring")
    assert any(e.startswith("Någon annan sparade en ny version under tiden") for e in errors(at)), errors(at)
    assert store(db).newest(SL).version == 2
    assert store(db).newest(SL).info.user == "Bertil"
    assert at.button(key="bl_reload")  # offered: load the newest version


def test_adding_a_plan_year_and_a_cost_line(db):
    at = open_app({"fed": SL}, page="baseline")
    at.button(key="bl_add_year").click()
    run(at)
    table = at.data_editor[0].value
    assert list(table.columns[2:7]) == ["Budget 2023", "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
    chief = table[table["Rad"] == "Förbundschef"].iloc[0]
    assert chief["Plan 2027"] == chief["Plan 2026"] == "1\u00a0000"
    edit(at, added=[{"Rad": "Ny insats Unga vuxna", "Typ": "insats", "Plan 2027": "400"}])
    save(at, "Plan 2027 med ny insats")
    newest = store(db).newest(SL)
    assert newest.version == 2 and newest.plan.years[-1] == 2027
    assert newest.plan.basis[2027] == "plan"
    line = next(c for c in newest.plan.costs if c.name == "Ny insats Unga vuxna")
    assert (line.group, line.amounts) == ("projects", {2027: 400_000})


# --- The helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("fid", SEEDED)
def test_the_editor_table_reads_back_as_the_same_plan(db, fid):
    plan = store(db).newest(fid).plan
    result = be.check_edit(be.editor_frame(plan), plan)
    assert result.ok, [f.text() for f in result.findings]
    assert result.plan == replace(plan, assumed_years=frozenset())  # the page keeps them (below)


def test_assumed_years_are_kept_unless_the_user_clears_them(db):
    plan = store(db).newest("jamtland").plan
    assert plan.assumed_years == {2024, 2025, 2026}
    frame = be.editor_frame(plan)
    outcome = be.save_edit(str(db), plan, 1, frame, user=None, comment="Samma plan")
    assert outcome.ok and outcome.saved.plan.assumed_years == {2024, 2025, 2026}
    outcome = be.save_edit(str(db), outcome.saved.plan, 2, frame, user=None, comment="2024 är beslutad",
                           assumed={2025, 2026})
    assert outcome.ok and store(db).newest("jamtland").plan.assumed_years == {2025, 2026}


def test_with_plan_year_copies_the_last_year_but_not_the_opening_equity(db):
    plan = store(db).newest(SL).plan
    frame = be.with_plan_year(be.editor_frame(plan))
    assert be.year_columns(frame)[-1] == "Plan 2027"
    assert frame.loc[frame["Typ"] == "ingående eget kapital", "Plan 2027"].iloc[0] == ""
    result = be.check_edit(frame, plan)
    assert result.ok and result.plan.years == (2023, 2024, 2025, 2026, 2027)
    assert sum(a.get(2027, 0) for a in result.plan.contributions.values()) == 3_752_000


def test_finding_text_names_the_row_and_column_of_the_editor(db):
    plan = store(db).newest(SL).plan
    frame = be.editor_frame(plan)
    names = list(frame["Rad"])
    frame.loc[names.index("Revision"), "Plan 2025"] = "abc"
    frame.loc[names.index("Information"), "Rad"] = "Revision"
    result = be.check_edit(frame, plan)
    texts = [be.finding_text(f, frame, "sv") for f in result.errors]
    position = names.index("Revision") + 1
    assert f"Raden ”Revision” (rad {position} i tabellen), kolumn ”Plan 2025”: 'abc' är inget tal." in texts
    assert any(f"finns redan på rad {position}" in text for text in texts), texts


def test_assumed_years_are_marked_and_survive_a_visit_to_another_page(db):
    at = open_app({"fed": "jamtland"}, page="baseline")
    assert any(w.startswith("2024, 2025, 2026: antagande, inte förbundets egen siffra") for w in warnings(at))
    assert at.multiselect(key="bl_assumed").value == [2024, 2025, 2026]
    at.switch_page("views/overview.py")
    run(at)
    at.switch_page("views/baseline.py")
    run(at)
    assert at.multiselect(key="bl_assumed").value == [2024, 2025, 2026]
    assert at.button(key="bl_save").disabled  # nothing counts as changed
    at.multiselect(key="bl_assumed").unselect(2024)
    run(at)
    assert not at.button(key="bl_save").disabled
    save(at, "Budget 2024 beslutad av styrelsen")
    assert store(db).newest("jamtland").plan.assumed_years == {2025, 2026}


def test_another_federation_picked_opens_its_own_plan(db):
    at = open_app({"fed": SL}, page="baseline")
    edit(at, {("Revision", "Plan 2025"): "60"})
    at.selectbox(key="w_fed").set_value("sydnarke")
    run(at)
    assert at.title[0].value == "Baslinje – Samordningsförbundet Sydnärke"
    assert "Askersunds kommun" in list(at.data_editor[0].value["Rad"])
    assert at.button(key="bl_save").disabled


@pytest.mark.parametrize("page, title", [("baseline", "Baseline – Samordningsförbundet Södra Lappland"),
                                         ("new_federation", "New federation")])
def test_the_pages_in_english(db, page, title):
    at = open_app({"fed": SL, "lang": "en"}, page=page)
    assert at.title[0].value == title


def test_meeting_mode_shows_the_baseline_without_editing(db):
    at = open_app({"fed": SL, "meet": "1"}, page="baseline")
    assert not at.data_editor
    assert any("Mötesläge" in i.value for i in at.info)
    assert "– Förbundschef" in list(shown_table(at, "bl_view_table").iloc[:, 0])


def test_a_chief_enters_population_and_members_see_kronor_per_inhabitant(db):
    """No source gives Södra Lappland's population: the Baslinje editor always has the
    Befolkning column, and once entered Medlemsbidrag shows kronor per inhabitant."""
    at = open_app({"fed": SL}, page="baseline")
    assert "Befolkning" in at.data_editor[0].value.columns
    edit(at, {("Lycksele kommun", "Befolkning"): "7 500"})
    save(at, "Befolkning 16–64 år enligt SCB")
    assert any("Sparat som version 2" in s for s in successes(at)), (successes(at), errors(at))
    assert store(db).newest(SL).plan.member("lycksele").population == 7500
    at = open_app({"fed": SL, "c": "2025:10"}, page="contributions")
    cost = shown_table(at, "contrib_cost_table")
    assert "Per invånare (kr)" in cost.columns
    lycksele = cost[cost.iloc[:, 0] == "Lycksele kommun"].iloc[0]
    total = int(lycksele["Summa förändring"].replace("\u00a0", ""))
    assert lycksele["Per invånare (kr)"] == format_number(total / 7500, 2)
