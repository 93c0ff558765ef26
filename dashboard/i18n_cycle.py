"""Texts of the pages Uppföljning (budget against outcome) and Ny verksamhetsplan (roll the plan forward): Swedish first, English second (merged into i18n.TEXT)."""

TEXT: dict[str, dict[str, str]] = {
    "page_follow_up": {"sv": "Uppföljning", "en": "Follow-up"},
    "page_roll_forward": {"sv": "Ny verksamhetsplan", "en": "New business plan"},
    # --- Uppföljning ------------------------------------------------------------------------
    "fu_intro": {
        "sv": "Registrera ett års utfall och jämför det med budgeten: avvikelse i kronor och procent per rad, "
              "insatsernas förbrukningsgrad, och eget kapital som räknas vidare från utfallet.",
        "en": "Record a year's outcome and compare it with the budget: deviation in kronor and per cent per "
              "line, the interventions' utilization, and equity carried forward from the outcome.",
    },
    "fu_store_error": {"sv": "Planens versioner kunde inte läsas: {message}",
                       "en": "The plan's versions could not be read: {message}"},
    "fu_record": {"sv": "Registrera utfall", "en": "Record an outcome"},
    "fu_year": {"sv": "År", "en": "Year"},
    "fu_year_open": {"sv": "{year} (nu {basis}: registrera utfallet)",
                     "en": "{year} (now {basis}: record the outcome)"},
    "fu_year_fix": {"sv": "{year} (utfall: rätta)", "en": "{year} (outcome: correct it)"},
    "fu_source": {"sv": "Hur utfallet lämnas", "en": "How the outcome is given"},
    "fu_source_file": {"sv": "Ladda upp fil", "en": "Upload a file"},
    "fu_source_table": {"sv": "Skriv in i tabellen", "en": "Enter in the table"},
    "fu_file_help": {
        "sv": "Filen har samma uppställning som budgettabellen (Rad; Typ; Utfall {year} …; raden Enhet med kr "
              "eller tkr; raden Ingående eget kapital). Kolumnen Utfall {year} används. Ladda ned mallen: "
              "den är årets budget, skriv över siffrorna med utfallet.",
        "en": "The file has the budget table's layout (Rad; Typ; Utfall {year} …; the row Enhet with kr or "
              "tkr; the row Ingående eget kapital). The column Utfall {year} is used. Download the template: "
              "it is the year's budget; overwrite the figures with the outcome.",
    },
    "fu_template": {"sv": "Ladda ned mall (CSV, tkr)", "en": "Download template (CSV, tkr)"},
    "fu_file": {"sv": "Fil med utfallet (.xlsx eller .csv)", "en": "File with the outcome (.xlsx or .csv)"},
    "fu_unreadable": {"sv": "Filen kunde inte läsas: {message}", "en": "The file could not be read: {message}"},
    "fu_no_column": {
        "sv": "Filen har ingen kolumn Utfall {year}. Inget har ändrats.",
        "en": "The file has no column Utfall {year}. Nothing was changed.",
    },
    "fu_errors": {"sv": "{n} fel – utfallet kan inte sparas förrän de är rättade:",
                  "en": "{n} errors – the outcome cannot be saved until they are corrected:"},
    "fu_warnings": {"sv": "{n} saker att kontrollera (utfallet kan ändå sparas):",
                    "en": "{n} things to check (the outcome can be saved anyway):"},
    "fu_table_help": {
        "sv": "Tabellen är ifylld med årets nuvarande siffror (tkr). Skriv över kolumnen Utfall {year}; lägg "
              "till en rad längst ned för en post som inte fanns i budgeten (välj Typ). En rad som tas bort "
              "får 0 i utfallet.",
        "en": "The table is filled in with the year's current figures (tkr). Overwrite the column Utfall "
              "{year}; add a row at the bottom for an item the budget did not have (choose Typ). A row you "
              "delete gets 0 in the outcome.",
    },
    "fu_col_type": {"sv": "Typ", "en": "Type"},
    "fu_new_row": {"sv": "Ny rad", "en": "New row"},
    "fu_closing": {"sv": "Utgående eget kapital enligt årsredovisningen (tkr, valfritt)",
                   "en": "Closing equity according to the annual report (tkr, optional)"},
    "fu_closing_help": {
        "sv": "Anges det kontrolleras att ingående eget kapital och årets resultat ger samma belopp.",
        "en": "If given, it is checked that opening equity and the year's result give the same amount.",
    },
    "fu_closing_ignored": {"sv": "Utfallet kan inte sparas förrän beloppet är rättat eller borttaget.",
                           "en": "The outcome cannot be saved until the amount is corrected or removed."},
    "fu_reanchor": {
        "sv": "Ingående eget kapital {year} ändras från {old} tkr (planens) till {new} tkr (utfallets); "
              "alla följande år räknas vidare från det.",
        "en": "Opening equity {year} changes from {old} tkr (the plan's) to {new} tkr (the outcome's); "
              "every following year carries on from it.",
    },
    "fu_opening_note": {
        "sv": "Utfallet anger ingående eget kapital {year} till {stated} tkr, men de registrerade åren ger "
              "{rolled} tkr. Utgående eget kapital stämmer ändå; kontrollera föregående års utfall.",
        "en": "The outcome states opening equity {year} as {stated} tkr, but the recorded years give "
              "{rolled} tkr. Closing equity agrees all the same; check the previous year's outcome.",
    },
    "fu_adjust": {
        "sv": "Bokför skillnaden {amount} tkr som en egen rad, ”Avstämning mot redovisat eget kapital”",
        "en": "Book the difference of {amount} tkr as a line of its own, “Avstämning mot redovisat eget kapital”",
    },
    "fu_adjust_hint": {
        "sv": "Rätta siffrorna, eller kryssa i rutan ovan för att bokföra skillnaden öppet.",
        "en": "Correct the figures, or tick the box above to book the difference openly.",
    },
    "fu_preview": {"sv": "Förhandsgranskning: budget mot utfall {year}",
                   "en": "Preview: budget against outcome {year}"},
    "fu_no_budget": {"sv": "Det finns ingen budget för {year} att jämföra med.",
                     "en": "There is no budget for {year} to compare with."},
    "fu_compared_with": {"sv": "Budgeten är {version}.", "en": "The budget is {version}."},
    "fu_budget_assumed": {
        "sv": "Obs: {year} var där ett antagande av oss, inte förbundets egen budget.",
        "en": "Note: {year} was an assumption of ours there, not the federation's own budget.",
    },
    "fu_version": {"sv": "version {version} ({date}, ”{comment}”)", "en": "version {version} ({date}, “{comment}”)"},
    "fu_preview_equity": {
        "sv": "Med utfallet blir utgående eget kapital {year} {closing} tkr och {last} {end} tkr.",
        "en": "With the outcome, closing equity {year} is {closing} tkr and {last} {end} tkr.",
    },
    "fu_comment": {"sv": "Kommentar (t.ex. årsredovisningen, styrelsens beslut)",
                   "en": "Comment (e.g. the annual report, the board's decision)"},
    "fu_save": {"sv": "Spara utfallet {year} som ny version", "en": "Save the outcome {year} as a new version"},
    "fu_save_note": {
        "sv": "Planen sparas som en ny version; version {version} finns kvar och kan tas fram igen under Baslinje.",
        "en": "The plan is saved as a new version; version {version} is kept and can be brought back under Baseline.",
    },
    "fu_default_comment": {"sv": "Utfall {year}", "en": "Outcome {year}"},
    "fu_saved": {"sv": "Utfallet {year} är sparat som version {version}.",
                 "en": "The outcome {year} is saved as version {version}."},
    "fu_changed": {
        "sv": "Någon annan sparade planen under tiden; inget har sparats. Ladda om sidan och försök igen. ({message})",
        "en": "Someone else saved the plan meanwhile; nothing was saved. Reload the page and try again. ({message})",
    },
    "fu_save_error": {"sv": "Det gick inte att spara: {message} Inget har sparats.",
                      "en": "Could not save: {message} Nothing was saved."},
    "fu_follow_up": {"sv": "Budget mot utfall", "en": "Budget against outcome"},
    "fu_year_heading": {"sv": "Utfall {year} mot budget", "en": "Outcome {year} against budget"},
    "fu_col_budget": {"sv": "Budget (tkr)", "en": "Budget (tkr)"},
    "fu_col_outcome": {"sv": "Utfall (tkr)", "en": "Outcome (tkr)"},
    "fu_col_dev": {"sv": "Avvikelse (tkr)", "en": "Deviation (tkr)"},
    "fu_col_dev_pct": {"sv": "Avvikelse (%)", "en": "Deviation (%)"},
    "fu_col_util": {"sv": "Förbrukningsgrad", "en": "Utilization"},
    "fu_total_income": {"sv": "Summa intäkter", "en": "Total income"},
    "fu_result": {"sv": "Årets resultat", "en": "Result for the year"},
    "fu_report_heading": {"sv": "Årsredovisningens driftredovisning", "en": "The annual report's operating statement"},
    "fu_report_note": {
        "sv": "Här finns ingen sparad budgetversion från före utfallet, så årsredovisningens egen jämförelse "
              "av budget och utfall visas, med tecken som i årsredovisningen (kostnader negativa).",
        "en": "There is no saved budget version from before the outcome, so the annual report's own "
              "comparison of budget and outcome is shown, signed as in the report (costs negative).",
    },
    "fu_nothing": {
        "sv": "Inget utfall att följa upp ännu: registrera ett års utfall ovan.",
        "en": "No outcome to follow up yet: record a year's outcome above.",
    },
    "fu_equity_heading": {"sv": "Eget kapital: budget och nu", "en": "Equity: budget and now"},
    "fu_eq_budget": {"sv": "Enligt budgeten (version {version})", "en": "By the budget (version {version})"},
    "fu_eq_now": {"sv": "Nu (utfall, sedan plan)", "en": "Now (outcome, then plan)"},
    "fu_equity_caption": {
        "sv": "Från utfallet {year} räknas varje följande år vidare från det redovisade egna kapitalet.",
        "en": "From the outcome {year} on, every following year carries on from the reported equity.",
    },
    # --- Ny verksamhetsplan -------------------------------------------------------------------
    "rf_intro": {
        "sv": "Nästa verksamhetsplan: året efter det senaste utfalls- eller budgetåret blir budgetår och de två "
              "följande planår. Ett nytt år får föregående års belopp, utom avslutade insatser och ESF-medel "
              "vars projekt har slutat.",
        "en": "The next business plan: the year after the last outcome or budget year becomes the budget year "
              "and the two following plan years. A new year gets the previous year's amounts, except ended "
              "interventions and ESF funds whose project has ended.",
    },
    "rf_current": {"sv": "Nuvarande plan (version {version})", "en": "Current plan (version {version})"},
    "rf_col_basis": {"sv": "Utfall, budget eller plan", "en": "Outcome, budget or plan"},
    "rf_col_source": {"sv": "Siffrorna", "en": "The figures"},
    "rf_own": {"sv": "förbundets egna", "en": "the federation's own"},
    "rf_assumed": {"sv": "antagande", "en": "assumption"},
    "rf_new": {"sv": "nytt år", "en": "new year"},
    "rf_assumed_note": {
        "sv": "Antagande ({years}): källdokumentet har ingen plan för året, siffrorna är framskrivna av oss.",
        "en": "Assumption ({years}): the source document has no plan for the year; we carried the figures forward.",
    },
    "rf_preview": {"sv": "Ny verksamhetsplan: Budget {budget}, Plan {plan}",
                   "en": "New business plan: Budget {budget}, Plan {plan}"},
    "rf_no_outcome": {
        "sv": "Utfallet för {years} är inte registrerat; åren står kvar som budget. Registrera det under Uppföljning.",
        "en": "The outcome for {years} is not recorded; the years stay budget years. Record it under Follow-up.",
    },
    "rf_rule_copy": {"sv": "Nya år {years}: beloppen från {last} förs vidare.",
                     "en": "New years {years}: the amounts of {last} are carried forward."},
    "rf_rule_stopped": {"sv": "Förs inte vidare (slutdatum passerat, eller ESF utan pågående projekt): {lines}.",
                        "en": "Not carried forward (end date passed, or ESF without a running project): {lines}."},
    "rf_rule_adopt": {
        "sv": "{years} är i dag ett antagande; när planen sparas blir siffrorna förbundets egen plan.",
        "en": "{years} is an assumption today; once the plan is saved, the figures are the federation's own plan.",
    },
    "rf_comment": {"sv": "Kommentar (t.ex. styrelsens beslut)", "en": "Comment (e.g. the board's decision)"},
    "rf_save": {"sv": "Spara ny verksamhetsplan", "en": "Save new business plan"},
    "rf_keeps_old": {
        "sv": "Den nuvarande planen finns kvar som version {version} och kan tas fram igen under Baslinje.",
        "en": "The current plan is kept as version {version} and can be brought back under Baseline.",
    },
    "rf_default_comment": {"sv": "Ny verksamhetsplan: Budget {budget}, Plan {plan}",
                           "en": "New business plan: Budget {budget}, Plan {plan}"},
    "rf_saved": {
        "sv": "Den nya verksamhetsplanen är sparad som version {version}; version {old} finns kvar.",
        "en": "The new business plan is saved as version {version}; version {old} is kept.",
    },
    "rf_changed": {
        "sv": "Någon annan sparade planen under tiden; inget har sparats. Ladda om sidan och försök igen. ({message})",
        "en": "Someone else saved the plan meanwhile; nothing was saved. Reload the page and try again. ({message})",
    },
    "rf_save_error": {"sv": "Det gick inte att spara: {message} Inget har sparats.",
                      "en": "Could not save: {message} Nothing was saved."},
    # --- Year-cycle errors (scenarios.year_cycle.YearCycleError): i18n.error_text uses the English ones;
    # in Swedish it shows the error's own message, which these repeat.
    "err_year_not_in_plan": {
        "sv": "{year} finns inte i planen ({first}–{last}); gör en ny verksamhetsplan som når dit först.",
        "en": "{year} is not in the plan ({first}–{last}); make a new business plan that reaches it first.",
    },
    "err_earlier_not_outcome": {
        "sv": "Utfallet för {years} är inte registrerat; registrera åren i ordning innan {year}.",
        "en": "The outcome for {years} is not recorded; record the years in order before {year}.",
    },
    "err_outcome_lacks_year": {"sv": "Utfallet saknar året {year}.", "en": "The outcome has no year {year}."},
    "err_not_an_outcome": {
        "sv": "Kolumnen för {year} är inte ett utfall (Utfall {year}).",
        "en": "The column for {year} is not an outcome (Utfall {year}).",
    },
    "err_opening_differs": {
        "sv": "Ingående eget kapital {year} är enligt utfallet {stated}, men de registrerade åren ger {rolled} "
              "(skillnad {difference}).",
        "en": "Opening equity {year} is {stated} according to the outcome, but the recorded years give "
              "{rolled} (difference {difference}).",
    },
    "err_closing_differs": {
        "sv": "Utgående eget kapital {year} är enligt utfallet {stated}, men ingående eget kapital och årets "
              "resultat ger {computed} (skillnad {difference}).",
        "en": "Closing equity {year} is {stated} according to the outcome, but opening equity and the year's "
              "result give {computed} (difference {difference}).",
    },
    "err_no_anchor": {
        "sv": "Planen har varken utfalls- eller budgetår att utgå från; ange budgetåret i baslinjen först.",
        "en": "The plan has neither an outcome nor a budget year to start from; set the budget year in the "
              "baseline first.",
    },
    "err_bad_years_ahead": {
        "sv": "Antal år måste vara minst 1 (fick {value}).",
        "en": "The number of years must be at least 1 (got {value}).",
    },
}
