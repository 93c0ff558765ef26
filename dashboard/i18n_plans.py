"""Texts of the pages Nytt förbund (import of a federation) and Baslinje (the baseline editor and its versions): Swedish first, English second (merged into i18n.TEXT)."""

TEXT: dict[str, dict[str, str]] = {
    "page_baseline": {"sv": "Baslinje", "en": "Baseline"},
    "page_new_federation": {"sv": "Nytt förbund", "en": "New federation"},
    # --- Shared by both pages ---------------------------------------------------------------
    "plan_comment": {"sv": "Kommentar (varför, vilket beslut)", "en": "Comment (why, which decision)"},
    "plan_finding_errors": {
        "sv": "{n} fel i tabellen. Inget har sparats; rätta felen och försök igen.",
        "en": "{n} errors in the table. Nothing was saved; correct them and try again.",
    },
    "plan_finding_warnings": {
        "sv": "{n} saker att kontrollera (planen kan ändå sparas).",
        "en": "{n} things to check (the plan can be saved anyway).",
    },
    "plan_store_busy": {
        "sv": "Databasen är upptagen just nu: {message} Inget har sparats; försök igen om en stund.",
        "en": "The database is busy right now: {message} Nothing was saved; try again in a moment.",
    },
    "plan_store_error": {
        "sv": "Det gick inte att spara: {message} Inget har sparats.",
        "en": "Could not save: {message} Nothing was saved.",
    },
    "plan_years": {"sv": "År i planen: {years}.", "en": "Years in the plan: {years}."},
    "plan_assumed": {
        "sv": "{years}: antagande, inte förbundets egen siffra. Källdokumentet har ingen plan för "
              "{those}; siffrorna är framskrivna av oss. Skriv in förbundets egna siffror när de finns.",
        "en": "{years}: an assumption, not the federation's own figure. The source document has no plan "
              "for {those}; the figures were carried forward by us. Enter the federation's own figures "
              "when there are any.",
    },
    "plan_those_one": {"sv": "det året", "en": "that year"},
    "plan_those_many": {"sv": "de åren", "en": "those years"},
    "plan_assumed_short": {"sv": "antagande", "en": "assumption"},
    "plan_assumed_help": {
        "sv": "Antagande, inte förbundets egen siffra.",
        "en": "An assumption, not the federation's own figure.",
    },
    # --- Nytt förbund -----------------------------------------------------------------------
    "nf_intro": {
        "sv": "Lägg in ett förbund som inte finns i programmet: ladda ner mallen, fyll i förbundets "
              "budget och läs in filen. Du ser resultatet innan något sparas.",
        "en": "Add a federation the planner does not have yet: download the template, fill in the "
              "federation's budget and upload the file. You see the result before anything is saved.",
    },
    "nf_step_template": {"sv": "1. Mallen", "en": "1. The template"},
    "nf_layout": {
        "sv": "Mallen är förbundets budgettabell, en rad per medlem, intäkt och kostnad och en kolumn per år "
              "(bladet *Instruktioner* i mallen förklarar allt):\n\n"
              "- `Förbund` och namnet (valfri rad överst).\n"
              "- **Rubrikraden:** `Rad`, `Typ` och sedan ett år per kolumn, till exempel `Utfall 2024`, "
              "`Budget 2025`, `Plan 2026`, `Plan 2027`.\n"
              "- **Raden under:** `Enhet` och `tkr` (eller `kr`).\n"
              "- **Rad** är radens namn (medlemmens eller kostnadens), **Typ** vad raden är: "
              "`ingående eget kapital` (bara första året), `stat`, `region`, `kommun`, `esf`, "
              "`övrig intäkt`, `styrelse`, `kansli`, `lokaler`, `övrig administration`, `insats`, "
              "`medlemsbidrag ej fördelat` eller `kostnader ej fördelade`.\n"
              "- Rader med `summa …` och `utgående eget kapital` får stå kvar: de räknas om och "
              "jämförs med dina siffror, men sparas inte.\n\n"
              "Du kan också läsa in samma rader som CSV (semikolon mellan fälten) eller en TOML-fil "
              "som programmet har skrivit.",
        "en": "The template is the federation's budget table, one row per member, income and cost and "
              "one column per year (the sheet *Instruktioner* in the template explains it all):\n\n"
              "- `Förbund` and the name (an optional first row).\n"
              "- **The header row:** `Rad`, `Typ`, then one year per column, e.g. `Utfall 2024`, "
              "`Budget 2025`, `Plan 2026`, `Plan 2027` (Utfall = outcome).\n"
              "- **The row below:** `Enhet` and `tkr` (or `kr`).\n"
              "- **Rad** is the row's name (the member's or the cost's), **Typ** what the row is: "
              "`ingående eget kapital` (opening equity, first year only), `stat`, `region`, `kommun`, "
              "`esf`, `övrig intäkt`, `styrelse`, `kansli`, `lokaler`, `övrig administration`, "
              "`insats`, `medlemsbidrag ej fördelat` or `kostnader ej fördelade`.\n"
              "- Rows `summa …` and `utgående eget kapital` may stay: they are recomputed and "
              "compared with your figures, but not stored.\n\n"
              "You can also upload the same rows as CSV (semicolons between fields) or a TOML file "
              "written by the planner.",
    },
    "nf_template": {"sv": "Ladda ner mallen (Excel)", "en": "Download the template (Excel)"},
    "nf_step_file": {"sv": "2. Läs in förbundets fil", "en": "2. Upload the federation's file"},
    "nf_file": {"sv": "Fil (xlsx, csv eller toml, högst {mb} MB)", "en": "File (xlsx, csv or toml, at most {mb} MB)"},
    "nf_too_big": {
        "sv": "Filen ”{file}” är {size} MB; högst {mb} MB går att läsa in. Inget har lästs in.",
        "en": "The file “{file}” is {size} MB; at most {mb} MB can be read. Nothing was read.",
    },
    "nf_no_file": {"sv": "Ingen fil inläst ännu.", "en": "No file uploaded yet."},
    "nf_name": {"sv": "Förbundets namn", "en": "The federation's name"},
    "nf_name_help": {
        "sv": "Till exempel Samordningsförbundet Täby. Tomt: namnet i filen.",
        "en": "E.g. Samordningsförbundet Täby. Empty: the name in the file.",
    },
    "nf_id": {"sv": "Id (i adressen och i filer)", "en": "Id (in the address and in files)"},
    "nf_id_help": {
        "sv": "Små bokstäver a–z, siffror och bindestreck. Tomt: bildas av namnet ({suggestion}).",
        "en": "Lower-case letters a–z, digits and hyphens. Empty: made from the name ({suggestion}).",
    },
    "nf_id_taken": {
        "sv": "Det finns redan ett förbund med id ”{fid}” ({name}). Välj ett annat id.",
        "en": "There is already a federation with id “{fid}” ({name}). Choose another id.",
    },
    "nf_id_taken_store": {
        "sv": "Det finns redan ett förbund med id ”{fid}” (någon sparade det nyss). Välj ett annat id; "
              "inget har sparats.",
        "en": "There is already a federation with id “{fid}” (someone just saved it). Choose another id; "
              "nothing was saved.",
    },
    "nf_unreadable": {
        "sv": "Filen ”{file}” kunde inte läsas: {message}. Inget har lästs in.",
        "en": "The file “{file}” could not be read: {message}. Nothing was read.",
    },
    "nf_id_bad": {
        "sv": "Id ”{fid}” går inte att använda: bara små bokstäver a–z, siffror och bindestreck "
              "(till exempel ”{suggestion}”).",
        "en": "The id “{fid}” cannot be used: only lower-case letters a–z, digits and hyphens "
              "(for example “{suggestion}”).",
    },
    "nf_id_missing": {
        "sv": "Förbundet behöver ett namn eller ett id.",
        "en": "The federation needs a name or an id.",
    },
    "nf_step_preview": {"sv": "3. Kontrollera innan du sparar", "en": "3. Check before saving"},
    "nf_preview_ok": {
        "sv": "Filen är läst: {name} ({fid}), {first}–{last}, belopp i {unit}. Så här ser planen ut:",
        "en": "The file is read: {name} ({fid}), {first}–{last}, amounts in {unit}. This is the plan:",
    },
    "nf_errors": {
        "sv": "{n} fel i filen. Inget har sparats; rätta filen och läs in den igen.",
        "en": "{n} errors in the file. Nothing was saved; correct the file and upload it again.",
    },
    "nf_preview_table": {"sv": "Budgettabell (tkr)", "en": "Budget table (tkr)"},
    "nf_comment_default": {"sv": "Inläst från filen {file}", "en": "Imported from the file {file}"},
    "nf_save": {"sv": "Spara förbundet", "en": "Save the federation"},
    "nf_save_blocked": {
        "sv": "Förbundet kan sparas när filen är utan fel och id:t är ledigt.",
        "en": "The federation can be saved once the file has no errors and the id is free.",
    },
    "nf_saved": {
        "sv": "Förbundet ”{name}” är sparat (version 1) och valt i menyn till vänster.",
        "en": "The federation “{name}” is saved (version 1) and picked in the sidebar.",
    },
    "nf_saved_link": {"sv": "Öppna Översikt", "en": "Open Overview"},
    # --- Baslinje ---------------------------------------------------------------------------
    "bl_intro": {
        "sv": "Förbundets beslutade plan, som alla scenarier utgår från. Ändra belopp i tkr "
              "(decimaler går bra), lägg till eller ta bort rader och spara som en ny version med en "
              "kommentar. Tidigare versioner finns kvar och kan återställas.",
        "en": "The federation's adopted plan, the base of every scenario. Change amounts in tkr "
              "(decimals are fine), add or remove rows and save as a new version with a comment. "
              "Earlier versions are kept and can be restored.",
    },
    "bl_editing": {
        "sv": "Du redigerar version {version} ({when}, {what}).",
        "en": "You are editing version {version} ({when}, {what}).",
    },
    "bl_newer": {
        "sv": "Någon har sparat version {newest} sedan du öppnade version {version}. Läs in den "
              "senaste versionen för att redigera den (dina osparade ändringar försvinner).",
        "en": "Someone saved version {newest} since you opened version {version}. Load the newest "
              "version to edit it (your unsaved changes are dropped).",
    },
    "bl_reload": {"sv": "Läs in senaste versionen", "en": "Load the newest version"},
    "bl_editor_help": {
        "sv": "Dubbelklicka på en cell för att ändra den. En ny rad läggs till längst ned (＋); markera "
              "en rad till vänster och tryck Delete för att ta bort den. Summor och utgående eget "
              "kapital räknas ut när du sparar.",
        "en": "Double-click a cell to change it. Add a row at the bottom (＋); select a row on the left "
              "and press Delete to remove it. Totals and closing equity are computed when you save.",
    },
    "bl_col_name": {"sv": "Rad", "en": "Row"},
    "bl_col_type": {"sv": "Typ", "en": "Type"},
    "bl_add_year": {"sv": "Lägg till planår {year}", "en": "Add plan year {year}"},
    "bl_add_year_help": {
        "sv": "En ny kolumn Plan {year} med förra årets siffror som början.",
        "en": "A new column Plan {year}, starting from the previous year's figures.",
    },
    "bl_unsaved": {"sv": "Osparade ändringar.", "en": "Unsaved changes."},
    "bl_no_changes": {"sv": "Inga ändringar att spara.", "en": "No changes to save."},
    "bl_comment_placeholder": {
        "sv": "Till exempel: Styrelsen beslutade budget 2025 den 28 november 2024",
        "en": "For example: The board adopted the 2025 budget on 28 November 2024",
    },
    "bl_save_header": {"sv": "Spara", "en": "Save"},
    "bl_comment": {"sv": "Kommentar (krävs): vad ändrades och varför", "en": "Comment (required): what changed and why"},
    "bl_assumed": {"sv": "År med antagna siffror", "en": "Years with assumed figures"},
    "bl_assumed_none": {"sv": "Inga: alla år är förbundets egna siffror", "en": "None: every year is the federation's own"},
    "bl_assumed_help": {
        "sv": "År vars siffror är ett antagande och inte förbundets egna. Ta bort ett år här när du har "
              "skrivit in förbundets egna siffror för det.",
        "en": "Years whose figures are an assumption, not the federation's own. Remove a year here once "
              "you have entered the federation's own figures for it.",
    },
    "bl_extra_Start": {"sv": "Insatsens startdatum (ÅÅÅÅ-MM-DD).", "en": "The intervention's start date (YYYY-MM-DD)."},
    "bl_extra_Slut": {"sv": "Insatsens slutdatum (ÅÅÅÅ-MM-DD).", "en": "The intervention's end date (YYYY-MM-DD)."},
    "bl_extra_Nyckel": {
        "sv": "Kommunens fördelningsnyckel (relativ vikt inom kommunernas fjärdedel).",
        "en": "The municipality's key (relative weight within the municipal quarter).",
    },
    "bl_extra_Befolkning": {"sv": "Invånare 16–64 år.", "en": "Inhabitants aged 16–64."},
    "bl_extra_Projekt": {"sv": "Projektets id för en ESF- eller intäktsrad.", "en": "The project id of an ESF or income row."},
    "bl_save": {"sv": "Spara som ny version", "en": "Save as a new version"},
    "bl_discard": {"sv": "Ångra ändringarna", "en": "Discard the changes"},
    "bl_comment_missing": {
        "sv": "Skriv en kommentar: vad ändrades och varför (till exempel vilket beslut). Inget har sparats.",
        "en": "Write a comment: what changed and why (for example which decision). Nothing was saved.",
    },
    "bl_changed_meanwhile": {
        "sv": "Någon annan sparade en ny version under tiden (version {newest}; du utgick från version "
              "{expected}). Inget har sparats och dina ändringar finns kvar i tabellen. Läs in den "
              "senaste versionen och gör ändringen igen.",
        "en": "Someone else saved a new version meanwhile (version {newest}; you started from version "
              "{expected}). Nothing was saved and your changes are still in the table. Load the newest "
              "version and make the change again.",
    },
    "bl_saved": {
        "sv": "Sparat som version {version}. Översikt och scenarierna räknar nu med den.",
        "en": "Saved as version {version}. Overview and the scenarios now use it.",
    },
    "bl_restored": {
        "sv": "Version {old} är återställd som version {version}.",
        "en": "Version {old} is restored as version {version}.",
    },
    "bl_effect": {
        "sv": "Så ändras eget kapital (tkr)",
        "en": "How equity changes (tkr)",
    },
    "bl_effect_saved": {"sv": "Sparad version", "en": "Saved version"},
    "bl_effect_edit": {"sv": "Med ändringarna", "en": "With the changes"},
    "bl_effect_row": {"sv": "Utgående eget kapital", "en": "Closing equity"},
    "bl_effect_diff": {"sv": "Skillnad", "en": "Difference"},
    "bl_where_row": {"sv": "raden ”{name}” (rad {pos} i tabellen)", "en": "the row “{name}” (row {pos} in the table)"},
    "bl_where_row_unnamed": {"sv": "rad {pos} i tabellen", "en": "row {pos} in the table"},
    "bl_where_col": {"sv": "kolumn ”{column}”", "en": "column “{column}”"},
    "bl_history": {"sv": "Versioner", "en": "Versions"},
    "bl_h_version": {"sv": "Version", "en": "Version"},
    "bl_h_when": {"sv": "Datum", "en": "Date"},
    "bl_h_who": {"sv": "Av", "en": "By"},
    "bl_h_what": {"sv": "Vad", "en": "What"},
    "bl_h_comment": {"sv": "Kommentar", "en": "Comment"},
    "bl_action_seed": {"sv": "Från källdokumentet", "en": "From the source document"},
    "bl_action_seed_update": {"sv": "Från källdokumentet (rättad)", "en": "From the source document (corrected)"},
    "bl_action_import": {"sv": "Import", "en": "Import"},
    "bl_action_edit": {"sv": "Ändring", "en": "Edit"},
    "bl_action_adopt": {"sv": "Antaget scenario", "en": "Adopted scenario"},
    "bl_action_outcome": {"sv": "Utfall", "en": "Outcome"},
    "bl_action_roll_forward": {"sv": "Ny verksamhetsplan", "en": "New business plan"},
    "bl_action_restore": {"sv": "Återställd", "en": "Restored"},
    "bl_action_restored_from": {"sv": "Återställd (version {version})", "en": "Restored (version {version})"},
    "bl_view": {"sv": "Visa version", "en": "Show version"},
    "bl_view_label": {"sv": "Version {version} – {when} – {what}", "en": "Version {version} – {when} – {what}"},
    "bl_view_newest": {"sv": ", den gällande", "en": ", the current one"},
    "bl_view_caption": {
        "sv": "Version {version}{current} som budgettabell (tkr, endast läsning).",
        "en": "Version {version}{current} as a budget table (tkr, read only).",
    },
    "bl_restore_comment": {"sv": "Kommentar till återställningen", "en": "Comment on the restore"},
    "bl_restore_default": {"sv": "Återställd version {version}", "en": "Restored version {version}"},
    "bl_restore": {"sv": "Återställ den här versionen", "en": "Restore this version"},
    "bl_restore_newest": {
        "sv": "Det här är den gällande versionen.",
        "en": "This is the current version.",
    },
    "bl_meeting": {
        "sv": "Mötesläge: baslinjen visas utan redigering.",
        "en": "Meeting mode: the baseline is shown without editing.",
    },
}
