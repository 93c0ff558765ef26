"""Every label the dashboard shows, Swedish first, English second.

`t(key, **params)` looks the key up in the current language (session state
"lang"), falling back to Swedish, then to the key itself.
"""

from __future__ import annotations

LANGS = ("sv", "en")

TEXT: dict[str, dict[str, str]] = {
    # App frame
    "app_title": {"sv": "Finsam-planeraren", "en": "Finsam planner"},
    "page_overview": {"sv": "Översikt", "en": "Overview"},
    "page_contributions": {"sv": "Medlemsbidrag", "en": "Member contributions"},
    "page_projects": {"sv": "Projekt och insatser", "en": "Projects and interventions"},
    "page_grants": {"sv": "ESF och övriga intäkter", "en": "ESF and other income"},
    "page_table": {"sv": "Budgettabell", "en": "Budget table"},
    "nav_plan": {"sv": "Vad händer om …", "en": "What if …"},
    "nav_scenarios": {"sv": "Scenarier och handlingar", "en": "Scenarios and papers"},
    "nav_own_plan": {"sv": "Förbundets plan", "en": "The federation's plan"},
    "federation": {"sv": "Förbund", "en": "Federation"},
    "language": {"sv": "Språk", "en": "Language"},
    "lang_sv": {"sv": "Svenska", "en": "Svenska"},
    "lang_en": {"sv": "English", "en": "English"},
    "meeting_mode": {"sv": "Mötesläge (projektor)", "en": "Meeting mode (projector)"},
    "meeting_help": {
        "sv": "Döljer redigeringen och visar nyckeltal och diagram i stor stil.",
        "en": "Hides the editors and shows key figures and the chart in large type.",
    },
    "scenario": {"sv": "Scenario", "en": "Scenario"},
    "view_pick": {"sv": "Visa", "en": "Show"},
    "view_pick_help": {
        "sv": "Basplanen utan ändringar, de aktuella ändringarna, eller ett sparat scenario (dess ändringar "
              "laddas). Ändringarna finns kvar när basplanen visas.",
        "en": "The baseline without changes, the current changes, or a kept scenario (its changes are "
              "loaded). The changes are kept while the baseline is shown.",
    },
    "scen_current": {"sv": "Scenario med ändringar", "en": "Scenario with changes"},
    "scen_base": {"sv": "Basplan (utan ändringar)", "en": "Baseline (no changes)"},
    "reset": {"sv": "Ta bort alla ändringar", "en": "Remove all changes"},
    "showing_base": {
        "sv": "Basplanen visas: dina ändringar finns kvar men räknas inte. Välj "
              "”Scenario med ändringar” för att se dem.",
        "en": "Showing the baseline: your changes are kept but not counted. Choose "
              "“Scenario with changes” to see them.",
    },
    "url_warning": {
        "sv": "Adressens parameter {param}={value} ignorerades. {message}",
        "en": "URL parameter {param}={value} was ignored. {message}",
    },
    "store_error": {
        "sv": "Databasen kunde inte öppnas: {message}",
        "en": "The database could not be opened: {message}",
    },
    "active_changes": {"sv": "Aktiva ändringar", "en": "Active changes"},
    "no_changes": {"sv": "Inga ändringar – basplanen visas.", "en": "No changes – the baseline is shown."},
    "remove": {"sv": "Ta bort", "en": "Remove"},
    "tkr": {"sv": "tkr", "en": "tkr"},
    "year": {"sv": "År", "en": "Year"},
    "member": {"sv": "Medlem", "en": "Member"},
    "total": {"sv": "Totalt", "en": "Total"},
    "apply": {"sv": "Verkställ", "en": "Apply"},
    "basis_outcome": {"sv": "Utfall", "en": "Outcome"},
    "basis_budget": {"sv": "Budget", "en": "Budget"},
    "basis_plan": {"sv": "Plan", "en": "Plan"},
    "baseline_version_short": {"sv": "basplan version {version}", "en": "baseline version {version}"},
    "baseline_used": {
        "sv": "Alla scenarier räknas på basplanens senaste version ({version}).",
        "en": "Every scenario is computed on the newest baseline version ({version}).",
    },
    "baseline_older": {
        "sv": "Gjorda på en äldre version (deras ändringar läggs på den senaste): {names}.",
        "en": "Made on an older version (their changes are applied to the newest): {names}.",
    },
    "assumed_years": {
        "sv": "\\* {years}: våra antaganden, inte förbundets egna siffror (förbundet har ingen plan "
              "för de åren i källdokumentet). Ändra dem under Baslinje.",
        "en": "\\* {years}: our assumptions, not the federation's own figures (the source document has no "
              "plan for those years). Change them under Baseline.",
    },
    # Overview
    "kf_equity": {"sv": "Eget kapital {year}", "en": "Equity {year}"},
    "kf_ratio": {"sv": "Andel av medlemsbidrag {year}", "en": "Share of contributions {year}"},
    "kf_ratio_help": {
        "sv": "Utgående eget kapital delat med årets medlemsbidrag; rekommenderat tak {cap}.",
        "en": "Closing equity divided by the year's member contributions; recommended ceiling {cap}.",
    },
    "kf_first_negative": {"sv": "Första år med negativt eget kapital", "en": "First year with negative equity"},
    "kf_within_cap": {"sv": "Inom intervallet från", "en": "Within the range from"},
    "kf_within_help": {
        "sv": "Första år från vilket eget kapital ligger mellan noll och det rekommenderade taket "
              "(20 % av årets medlemsbidrag) varje år till planens slut. Negativt eget kapital "
              "räknas aldrig som inom intervallet.",
        "en": "The first year from which equity lies between zero and the recommended ceiling "
              "(20 % of the year's member contributions) every year to the end of the plan. Negative "
              "equity never counts as within the range.",
    },
    "kf_negative_state": {"sv": "Nej – negativt {year}", "en": "No – negative in {year}"},
    "kf_none": {"sv": "Inget", "en": "None"},
    "kf_not_within": {"sv": "Inte i planperioden", "en": "Not within the plan"},
    "vs_base": {"sv": "{diff} mot basplanen", "en": "{diff} vs baseline"},
    "warn_negative": {
        "sv": "Varning: eget kapital blir negativt {year} ({amount}). Ett samordningsförbund "
              "kan inte låna – planen måste ändras.",
        "en": "Warning: equity goes negative in {year} ({amount}). A federation cannot "
              "borrow – the plan must change.",
    },
    "warn_over_cap": {
        "sv": "Eget kapital ligger över det rekommenderade taket (20 % av medlemsbidragen) "
              "ända till planens sista år {year}: {amount} mot taket {cap}. För stort eget "
              "kapital kan minska statens tilldelning.",
        "en": "Equity stays above the recommended ceiling (20 % of member contributions) "
              "to the plan's last year {year}: {amount} against a ceiling of {cap}. Too much "
              "equity can reduce the state's allocation.",
    },
    "ok_within": {
        "sv": "Eget kapital ligger mellan noll och det rekommenderade taket från {year} till planens "
              "sista år {last}: {amount} mot taket {cap}.",
        "en": "Equity lies between zero and the recommended ceiling from {year} to the plan's last "
              "year {last}: {amount} against the ceiling {cap}.",
    },
    "warn_split": {
        "sv": "Fördelningen mellan staten, regionen och kommunerna avviker från lagens 1/2, 1/4, 1/4 år {years}.",
        "en": "The split between state, region and municipalities departs from the legal 1/2, 1/4, 1/4 in {years}.",
    },
    "chart_equity_title": {"sv": "Eget kapital per år (tkr)", "en": "Equity per year (tkr)"},
    "chart_equity_show": {"sv": "Visa diagram över eget kapital per år", "en": "Show the chart of equity per year"},
    "chart_flow_title": {"sv": "Intäkter och kostnader per år (tkr)", "en": "Income and costs per year (tkr)"},
    "chart_equity": {"sv": "Utgående eget kapital", "en": "Closing equity"},
    "chart_base_equity": {"sv": "Basplanens eget kapital", "en": "Baseline equity"},
    "chart_base_caption": {
        "sv": "Svart streck på varje stapel: eget kapital i basplanen, före ändringarna.",
        "en": "Black mark on each bar: equity in the baseline, before the changes.",
    },
    "chart_cap": {"sv": "Tak 20 % av medlemsbidrag", "en": "Ceiling 20 % of contributions"},
    "chart_band": {"sv": "Rekommenderat intervall", "en": "Recommended range"},
    "chart_basis": {"sv": "Underlag", "en": "Basis"},
    "chart_income": {"sv": "Intäkter", "en": "Income"},
    "chart_costs": {"sv": "Kostnader", "en": "Costs"},
    "chart_kind": {"sv": "Slag", "en": "Kind"},
    "chart_amount": {"sv": "tkr", "en": "tkr"},
    "chart_caption": {
        "sv": "Staplar: utgående eget kapital (utfallsår grå med streckad kant, budgetår mörkblå, "
              "planår ljusblå). Grönt fält: rekommenderat intervall från noll upp till taket "
              "(streckad linje). Svart linje: noll.",
        "en": "Bars: closing equity (outcome years grey with a dashed outline, budget years dark "
              "blue, plan years light blue). Green band: the recommended range from zero up to "
              "the ceiling (dashed line). Black line: zero.",
    },
    # Contributions
    "contrib_header": {"sv": "Ändra medlemsbidragen", "en": "Change the member contributions"},
    "contrib_intro": {
        "sv": "Alla parter ändras med samma procent, så lagens fördelning (staten 1/2, regionen "
              "1/4, kommunerna 1/4 efter nyckel) gäller automatiskt. Flera steg räknas på varandra.",
        "en": "Every party changes by the same percent, so the legal split (state 1/2, region 1/4, "
              "municipalities 1/4 by key) holds automatically. Several steps compound.",
    },
    "contrib_year": {"sv": "Från år", "en": "From year"},
    "contrib_pct": {"sv": "Förändring i procent (t.ex. 10 eller −2,5)", "en": "Change in percent (e.g. 10 or −2.5)"},
    "contrib_add": {"sv": "Lägg till steg", "en": "Add step"},
    "ov_contrib_pct": {"sv": "Ändra alla medlemsbidrag, procent (t.ex. 10 eller −2,5)",
                       "en": "Change every member contribution, percent (e.g. 10 or −2.5)"},
    "contrib_step": {"sv": "{pct} från {year}", "en": "{pct} from {year}"},
    "contrib_table": {"sv": "Vad varje medlem betalar (tkr)", "en": "What each member pays (tkr)"},
    "contrib_unallocated": {"sv": "Ej fördelat per medlem", "en": "Not allocated per member"},
    "contrib_paid_by_fk": {"sv": "{name} (betalas av Försäkringskassan)", "en": "{name} (paid by Försäkringskassan)"},
    "per_inhabitant_missing": {
        "sv": "Kronor per invånare (16–64 år) visas när kommunernas befolkning är känd. Ingen av "
              "källorna anger den för det här förbundet; lägg in den i kolumnen Befolkning under Baslinje.",
        "en": "Kronor per inhabitant (aged 16–64) are shown when the municipalities' population is "
              "known. No source gives it for this federation; add it in the Befolkning column under Baslinje.",
    },
    "contrib_cost_table": {
        "sv": "Vad ändringen kostar varje medlem (kr, mot basplanen)",
        "en": "What the change costs each member (kr, vs baseline)",
    },
    "per_inhabitant": {"sv": "Per invånare (kr)", "en": "Per inhabitant (kr)"},
    "total_change": {"sv": "Summa förändring", "en": "Total change"},
    "equity_effect": {"sv": "Vad ändringen gör med eget kapital (tkr)", "en": "What the change does to equity (tkr)"},
    "eq_base": {"sv": "Basplan", "en": "Baseline"},
    "eq_scen": {"sv": "Scenario", "en": "Scenario"},
    "eq_diff": {"sv": "Skillnad", "en": "Difference"},
    "key_header": {"sv": "Kommunernas fördelningsnyckel", "en": "The municipalities' key"},
    "key_intro": {
        "sv": "Kommunernas fjärdedel delas efter nyckeln (relativa vikter, t.ex. invånare).",
        "en": "The municipalities' quarter is divided by the key (relative weights, e.g. population).",
    },
    "key_apply": {"sv": "Använd nyckeln", "en": "Use this key"},
    "key_none": {"sv": "Förbundet har bara en kommunpart; nyckeln kan inte ändras.",
                 "en": "The federation has one municipal party; there is no key to change."},
    "cap_header": {"sv": "Statens möjliga tilldelning", "en": "The state's possible allocation"},
    "cap_intro": {
        "sv": "Staten kan bara matcha upp till sin möjliga tilldelning. Ange den som tak "
              "(tkr per år, statens halva); tomt = inget tak.",
        "en": "The state can only match up to its possible allocation. Give it as a ceiling "
              "(tkr a year, the state's half); empty = no ceiling.",
    },
    "cap_tkr": {"sv": "Statens tak (tkr/år)", "en": "State ceiling (tkr/year)"},
    "cap_apply": {"sv": "Sätt taket", "en": "Set the ceiling"},
    "cap_clear": {"sv": "Ta bort taket", "en": "Remove the ceiling"},
    "cap_warning": {
        "sv": "Medlemmarna begär mer än staten kan matcha {year}: statens andel skulle bli "
              "{requested} men taket är {ceiling} ({excess} för mycket). Bidragen räknas ned "
              "så att fördelningen håller.",
        "en": "The members ask for more than the state can match in {year}: the state's half "
              "would be {requested} but the ceiling is {ceiling} ({excess} too much). "
              "Contributions are scaled down so the split holds.",
    },
    # Projects
    "projects_table": {"sv": "Kostnadsrader per år (tkr)", "en": "Cost lines per year (tkr)"},
    "other_costs_table": {"sv": "Övriga kostnadsrader per år (tkr)", "en": "Other cost lines per year (tkr)"},
    "col_line": {"sv": "Rad", "en": "Line"},
    "col_group": {"sv": "Grupp", "en": "Group"},
    "col_start": {"sv": "Start", "en": "Start"},
    "col_end": {"sv": "Slut", "en": "End"},
    "edit_cost": {"sv": "Ändra en kostnad", "en": "Edit a cost"},
    "cost_line": {"sv": "Kostnadsrad", "en": "Cost line"},
    "cost_year": {"sv": "År", "en": "Year"},
    "cost_amount": {"sv": "Belopp (tkr)", "en": "Amount (tkr)"},
    "cost_apply": {"sv": "Ändra kostnaden", "en": "Change the cost"},
    "end_header": {"sv": "Förläng eller korta ett projekt", "en": "Stretch or shorten a project"},
    "end_line": {"sv": "Projekt", "en": "Project"},
    "end_year": {"sv": "Sista år", "en": "Last year"},
    "end_apply": {"sv": "Ändra slutår", "en": "Change the last year"},
    "drop_header": {"sv": "Avsluta ett projekt", "en": "Drop a project"},
    "drop_line": {"sv": "Projekt", "en": "Project"},
    "drop_year": {"sv": "Inga pengar från år", "en": "No money from year"},
    "drop_apply": {"sv": "Avsluta", "en": "Drop"},
    "new_header": {"sv": "Ny insats", "en": "New intervention"},
    "new_name": {"sv": "Namn", "en": "Name"},
    "new_from": {"sv": "Första år", "en": "First year"},
    "new_to": {"sv": "Sista år", "en": "Last year"},
    "new_amount": {"sv": "Belopp per år (tkr)", "en": "Amount a year (tkr)"},
    "new_add": {"sv": "Lägg till insatsen", "en": "Add the intervention"},
    "util_header": {"sv": "Förbrukningsgrad", "en": "Utilization rate"},
    "util_intro": {
        "sv": "Andel av budgeterade projektpengar som faktiskt används (budget- och planår).",
        "en": "Share of budgeted project money actually spent (budget and plan years).",
    },
    "util_pct": {"sv": "Förbrukningsgrad (%)", "en": "Utilization (%)"},
    "util_apply": {"sv": "Använd förbrukningsgraden", "en": "Use this rate"},
    "util_history": {"sv": "Hämta från utfallshistorik ({pct})", "en": "Take from outcome history ({pct})"},
    "util_no_history": {"sv": "Källorna har ingen utfallshistorik för insatser.",
                        "en": "The sources have no outcome history for interventions."},
    "util_clear": {"sv": "100 % (ta bort)", "en": "100 % (remove)"},
    "commitments": {"sv": "Beslutade åtaganden", "en": "Decided commitments"},
    "known_projects": {"sv": "Projekt i källan", "en": "Projects in the source"},
    "col_intervention": {"sv": "Insats", "en": "Intervention"},
    "col_amount": {"sv": "Belopp (tkr)", "en": "Amount (tkr)"},
    "col_as_of": {"sv": "Per", "en": "As of"},
    "col_funding": {"sv": "Finansiering", "en": "Funding"},
    # Grants
    "grants_table": {"sv": "Bidrag och övriga intäkter per år (tkr)", "en": "Grants and other income per year (tkr)"},
    "grant_header": {"sv": "Ändra ett bidrag", "en": "Change a grant"},
    "grant_line": {"sv": "Intäktsrad", "en": "Income line"},
    "grant_year": {"sv": "År", "en": "Year"},
    "grant_amount": {"sv": "Nytt belopp (tkr)", "en": "New amount (tkr)"},
    "grant_cost_mode": {"sv": "Projektets kostnad", "en": "The project's cost"},
    "grant_cost_stays": {"sv": "ligger kvar (medlemmarnas pengar bär den)",
                         "en": "stays (the members' money carries it)"},
    "grant_cost_goes": {"sv": "följer med bidraget", "en": "goes with the grant"},
    "grant_cost_line": {"sv": "Kostnadsrad som bidraget finansierar", "en": "Cost line the grant finances"},
    "grant_apply": {"sv": "Ändra bidraget", "en": "Change the grant"},
    "grant_refuse": {"sv": "Ansökan avslås (0 kr)", "en": "Application refused (0 kr)"},
    "grant_none": {"sv": "Förbundet har inga bidrag eller övriga intäkter i budget- och planåren.",
                   "en": "The federation has no grants or other income in its budget and plan years."},
    "kind_esf": {"sv": "ESF", "en": "ESF"},
    "kind_other": {"sv": "Övrigt", "en": "Other"},
    # Table
    "table_intro": {
        "sv": "Budgettabellen i verksamhetsplanens uppställning, i tkr. Varje summa är lika med "
              "summan av de delar som visas.",
        "en": "The budget table in the business plan's layout, in tkr. Every total equals the "
              "sum of the parts shown.",
    },
    "dl_csv": {"sv": "Ladda ned CSV", "en": "Download CSV"},
    "dl_xlsx": {"sv": "Ladda ned Excel", "en": "Download Excel"},
    # Lever descriptions
    "lv_cost": {"sv": "Kostnad ”{name}” {year}: {amount}", "en": "Cost “{name}” {year}: {amount}"},
    "lv_end": {"sv": "”{name}” slutar {year}", "en": "“{name}” ends {year}"},
    "lv_drop": {"sv": "”{name}” avslutas från {year}", "en": "“{name}” dropped from {year}"},
    "lv_new": {"sv": "Ny insats ”{name}” {first}–{last}: {amount}/år",
               "en": "New intervention “{name}” {first}–{last}: {amount}/year"},
    "lv_grant": {"sv": "”{name}” {year}: {amount}{cost}", "en": "“{name}” {year}: {amount}{cost}"},
    "lv_grant_cost": {"sv": " (kostnaden ”{cost}” följer med)", "en": " (cost “{cost}” goes with it)"},
    "lv_util": {"sv": "Förbrukningsgrad {pct}", "en": "Utilization {pct}"},
    "lv_key": {"sv": "Ny kommunnyckel: {keys}", "en": "New municipal key: {keys}"},
    "lv_cap": {"sv": "Statens tak {amount}/år", "en": "State ceiling {amount}/year"},
    "lv_contrib": {"sv": "Medlemsbidrag {pct} från {year}", "en": "Contributions {pct} from {year}"},
    # Kept scenarios (sidebar, Scenarier page)
    "page_scenarios": {"sv": "Scenarier", "en": "Scenarios"},
    "page_compare": {"sv": "Jämför", "en": "Compare"},
    "kept_pick": {"sv": "Sparat scenario", "en": "Kept scenario"},
    "kept_none": {"sv": "– inget valt –", "en": "– none picked –"},
    "kept_dirty": {"sv": "Osparade ändringar – spara under Scenarier.",
                   "en": "Unsaved changes – save them under Scenarios."},
    "kept_error": {"sv": "Sparade scenarier kan inte visas: {message}",
                   "en": "Kept scenarios cannot be shown: {message}"},
    "adopted_name": {"sv": "Beslutad budget", "en": "Adopted budget"},
    "url_unknown_scenario": {"sv": "okänt eller borttaget scenario", "en": "unknown or deleted scenario"},
    "lv_eqcap": {"sv": "Tak för eget kapital: {pct} av medlemsbidragen",
                 "en": "Equity ceiling: {pct} of contributions"},
    "lv_eqfloor": {"sv": "Golv för eget kapital: {amount}", "en": "Equity floor: {amount}"},
    "scen_intro": {
        "sv": "Spara ändringarna som namngivna scenarier, öppna dem igen i sidomenyn och se vem "
              "som ändrat vad. Inget går förlorat: varje tidigare version kan återställas.",
        "en": "Keep your changes as named scenarios, open them again from the sidebar and see who "
              "changed what. Nothing is lost: every earlier version can be restored.",
    },
    "scen_status_none": {
        "sv": "Du arbetar inte med något sparat scenario. Spara ändringarna nedan om du vill behålla dem.",
        "en": "You are not working on a kept scenario. Save your changes below to keep them.",
    },
    "scen_status": {"sv": "Du arbetar med ”{name}” (version {version}), utan osparade ändringar.",
                    "en": "You are working on “{name}” (version {version}), with no unsaved changes."},
    "scen_status_dirty": {"sv": "Du arbetar med ”{name}” (version {version}) och har osparade ändringar.",
                          "en": "You are working on “{name}” (version {version}) and have unsaved changes."},
    "scen_status_adopted": {
        "sv": "Den beslutade budgeten är skyddad: den kan kopieras men aldrig skrivas över.",
        "en": "The adopted budget is protected: it can be copied, never overwritten.",
    },
    "user_name": {"sv": "Ditt namn (valfritt, syns i historiken)", "en": "Your name (optional, shown in the history)"},
    "scen_list": {"sv": "Sparade scenarier", "en": "Kept scenarios"},
    "col_name": {"sv": "Namn", "en": "Name"},
    "col_changes": {"sv": "Ändringar", "en": "Changes"},
    "col_equity_last": {"sv": "Eget kapital {year} (tkr)", "en": "Equity {year} (tkr)"},
    "col_version": {"sv": "Version", "en": "Version"},
    "col_baseline_version": {"sv": "Gjord på basplan", "en": "Made on baseline"},
    "col_updated": {"sv": "Senast ändrad", "en": "Last changed"},
    "col_by": {"sv": "Av", "en": "By"},
    "col_what": {"sv": "Vad", "en": "What"},
    "col_when": {"sv": "När", "en": "When"},
    "col_scenario": {"sv": "Scenario", "en": "Scenario"},
    "no_changes_short": {"sv": "inga ändringar", "en": "no changes"},
    "cannot_compute": {"sv": "kan inte räknas", "en": "cannot be computed"},
    "scen_save_header": {"sv": "Spara", "en": "Save"},
    "scen_new_name": {"sv": "Namn på nytt scenario", "en": "Name of the new scenario"},
    "scen_new_desc": {"sv": "Beskrivning (valfritt)", "en": "Description (optional)"},
    "scen_save_new": {"sv": "Spara som nytt scenario", "en": "Save as a new scenario"},
    "scen_save": {"sv": "Spara ändringarna i det valda", "en": "Save changes to the picked one"},
    "scen_edit_header": {"sv": "Valt scenario: {name}", "en": "Picked scenario: {name}"},
    "scen_edit_none": {"sv": "Valt scenario: inget", "en": "Picked scenario: none"},
    "scen_edit_hint": {"sv": "Välj ett sparat scenario i sidomenyn för att byta namn, kopiera eller ta bort.",
                       "en": "Pick a kept scenario in the sidebar to rename, copy or delete it."},
    "scen_rename_name": {"sv": "Nytt namn", "en": "New name"},
    "scen_rename": {"sv": "Byt namn", "en": "Rename"},
    "scen_dup_name": {"sv": "Namn på kopian (tomt: ”Kopia av …”)", "en": "Name of the copy (empty: “Copy of …”)"},
    "scen_dup": {"sv": "Kopiera", "en": "Copy"},
    "scen_delete": {"sv": "Ta bort scenariot", "en": "Delete the scenario"},
    "scen_protected": {
        "sv": "”Beslutad budget” är förbundets beslutade budget och är skyddad: den kan inte skrivas "
              "över, byta namn eller tas bort. Kopiera den för att göra ett eget scenario.",
        "en": "“Beslutad budget” is the federation's adopted budget and is protected: it cannot be "
              "overwritten, renamed or deleted. Copy it to make a scenario of your own.",
    },
    "scen_name_taken": {"sv": "Det finns redan ett scenario som heter ”{name}”. Välj ett annat namn.",
                        "en": "There is already a scenario called “{name}”. Choose another name."},
    "scen_need_name": {"sv": "Ge scenariot ett namn.", "en": "Give the scenario a name."},
    "scen_changed_meanwhile": {
        "sv": "Någon annan hann spara ”{name}” före dig (version {version}). Dina ändringar är inte sparade "
              "men finns kvar här: spara dem som ett nytt scenario, eller välj scenariot igen i sidomenyn "
              "och gör om ändringen.",
        "en": "Someone else saved “{name}” before you (version {version}). Your changes are not saved but "
              "are still here: keep them as a new scenario, or pick the scenario again in the sidebar and "
              "redo the change.",
    },
    "scen_busy": {"sv": "Scenariofilen används just nu av en annan process. Försök igen om en stund.",
                  "en": "The scenario file is in use by another process. Try again in a moment."},
    "scen_store_error": {"sv": "Scenarierna kunde inte läsas eller sparas: {message}",
                         "en": "The scenarios could not be read or saved: {message}"},
    "scen_none_picked": {"sv": "Välj först ett sparat scenario i sidomenyn.",
                         "en": "First pick a kept scenario in the sidebar."},
    "scen_saved_new": {"sv": "Sparat som ”{name}”.", "en": "Saved as “{name}”."},
    "scen_saved": {"sv": "Ändringarna i ”{name}” är sparade (version {version}).",
                   "en": "The changes to “{name}” are saved (version {version})."},
    "scen_renamed": {"sv": "”{old}” heter nu ”{name}”.", "en": "“{old}” is now called “{name}”."},
    "scen_copy_of": {"sv": "Kopia av {name}", "en": "Copy of {name}"},
    "scen_duplicated": {"sv": "”{source}” kopierades till ”{name}”. Välj kopian i sidomenyn för att arbeta med den.",
                        "en": "“{source}” was copied to “{name}”. Pick the copy in the sidebar to work on it."},
    "scen_deleted": {"sv": "”{name}” togs bort. Det kan återställas under ”Borttagna scenarier”.",
                     "en": "“{name}” was deleted. It can be restored under “Deleted scenarios”."},
    "scen_restored": {"sv": "”{name}” återställdes till version {version} (sparat som version {new}).",
                      "en": "“{name}” was restored to version {version} (saved as version {new})."},
    "restore_none": {"sv": "Välj en version att återställa.", "en": "Pick a version to restore."},
    "history_header": {"sv": "Historik", "en": "History"},
    "history_intro": {"sv": "Varje ändring av förbundets scenarier, senaste först. Vilken version som helst kan återställas.",
                      "en": "Every change to the federation's scenarios, newest first. Any version can be restored."},
    "history_empty": {"sv": "Inga ändringar ännu.", "en": "No changes yet."},
    "col_detail": {"sv": "Ändring", "en": "Change"},
    "proposed_name": {"sv": "{name} (förslag)", "en": "{name} (proposal)"},
    "scen_propose": {"sv": "Föreslå som ny budget", "en": "Propose as the new budget"},
    "scen_unpropose": {"sv": "Ta tillbaka förslaget", "en": "Withdraw the proposal"},
    "scen_proposed": {"sv": "”{name}” är nu förslag till ny budget.", "en": "“{name}” is now proposed as the new budget."},
    "scen_unproposed": {"sv": "”{name}” är inte längre förslag.", "en": "“{name}” is no longer a proposal."},
    "detail_proposed": {"sv": "Föreslaget som ny budget.", "en": "Proposed as the new budget."},
    "detail_unproposed": {"sv": "Förslaget togs tillbaka.", "en": "The proposal was withdrawn."},
    "adopt_header": {"sv": "Anta som beslutad budget", "en": "Adopt as the budget"},
    "adopt_intro": {
        "sv": "När styrelsen har beslutat scenariot blir det förbundets plan: dess ändringar skrivs in i "
              "basplanen som en ny version. Den tidigare planen finns kvar och kan återställas under Baslinje.",
        "en": "Once the board has decided the scenario it becomes the federation's plan: its changes are "
              "written into the baseline as a new version. The earlier plan is kept and can be restored under Baslinje.",
    },
    "adopt_comment": {"sv": "Beslut (t.ex. styrelsens protokoll, paragraf)", "en": "Decision (e.g. the board's minutes)"},
    "adopt_apply": {"sv": "Anta som ny beslutad budget", "en": "Adopt as the new budget"},
    "adopt_dirty": {"sv": "Spara ändringarna i scenariot först: det är det sparade scenariot som antas.",
                    "en": "Save the changes to the scenario first: the kept scenario is what is adopted."},
    "adopt_default_comment": {"sv": "Antaget scenario ”{name}”", "en": "Adopted scenario “{name}”"},
    "adopt_done": {
        "sv": "”{name}” är nu beslutad budget: basplanen version {version}. Ändringarna ingår i basplanen, "
              "så inga ändringar är valda nu. Scenariot finns kvar; dess ändringar räknas nu ovanpå den nya basplanen.",
        "en": "“{name}” is now the adopted budget: baseline version {version}. Its changes are part of the "
              "baseline, so no changes are selected now. The scenario is kept; its changes now apply on top of "
              "the new baseline.",
    },
    "adopt_already": {"sv": "Det här är redan den beslutade budgeten.", "en": "This is already the adopted budget."},
    "adopt_equity_settings": {
        "sv": "Scenariot ändrar taket för eget kapital eller den lägsta nivå det får ha. Det är inställningar för beräkningen, inte "
              "en del av planen, och kan inte antas. Ta bort dem i en kopia av scenariot och anta den.",
        "en": "The scenario changes the equity ceiling or floor. Those are settings of the calculation, not "
              "part of the plan, and cannot be adopted. Remove them in a copy of the scenario and adopt that.",
    },
    "detail_added": {"sv": "Lagt till: {changes}.", "en": "Added: {changes}."},
    "detail_removed": {"sv": "Tagit bort: {changes}.", "en": "Removed: {changes}."},
    "detail_name": {"sv": "Heter nu ”{name}”.", "en": "Now called “{name}”."},
    "detail_same": {"sv": "Samma ändringar som förut.", "en": "The same changes as before."},
    "action_create": {"sv": "Skapat", "en": "Created"},
    "action_update": {"sv": "Sparat", "en": "Saved"},
    "action_rename": {"sv": "Nytt namn", "en": "Renamed"},
    "action_duplicate": {"sv": "Kopierat", "en": "Copied"},
    "action_delete": {"sv": "Borttaget", "en": "Deleted"},
    "action_restore": {"sv": "Återställt", "en": "Restored"},
    "restore_pick": {"sv": "Version att återställa", "en": "Version to restore"},
    "restore_apply": {"sv": "Återställ versionen", "en": "Restore this version"},
    "unknown_user": {"sv": "–", "en": "–"},
    "deleted_header": {"sv": "Borttagna scenarier", "en": "Deleted scenarios"},
    "deleted_none": {"sv": "Inga borttagna scenarier.", "en": "No deleted scenarios."},
    "deleted_at": {"sv": "borttaget {when}", "en": "deleted {when}"},
    "restore_deleted": {"sv": "Återställ", "en": "Restore"},
    "io_header": {"sv": "Exportera och importera (TOML)", "en": "Export and import (TOML)"},
    "io_intro": {
        "sv": "En scenariofil är en läsbar textfil med förbund, namn och ändringar. Den kan skickas "
              "med e-post, läggas i styrelsehandlingarna och läsas in igen.",
        "en": "A scenario file is a readable text file with federation, name and changes. It can be "
              "sent by e-mail, filed with the board papers and read in again.",
    },
    "scenario_export": {"sv": "Ladda ned scenariot (TOML)", "en": "Download the scenario (TOML)"},
    "export_preview": {"sv": "Visa filen", "en": "Show the file"},
    "scenario_import": {"sv": "Läs in en scenariofil (TOML)", "en": "Read a scenario file (TOML)"},
    "unsaved_name": {"sv": "Osparat scenario", "en": "Unsaved scenario"},
    "import_line": {"sv": "Rad {line}: ", "en": "Line {line}: "},
    "import_failed": {"sv": "Filen kunde inte läsas in. {where}{detail}.", "en": "The file could not be read. {where}{detail}."},
    "import_nothing": {"sv": "Inget har lästs in eller sparats; den senaste giltiga planen visas fortfarande.",
                       "en": "Nothing was read or kept; the last valid plan is still shown."},
    "import_too_big": {"sv": "Filen är för stor för att vara en scenariofil.", "en": "The file is too large to be a scenario file."},
    "import_not_utf8": {"sv": "Filen är inte en textfil i UTF-8.", "en": "The file is not UTF-8 text."},
    "import_ok": {"sv": "Scenariot ”{name}” är inläst och visas nu i alla vyer. Det är inte sparat ännu.",
                  "en": "The scenario “{name}” is read and shown in every view. It is not kept yet."},
    "import_name": {"sv": "Namn", "en": "Name"},
    "import_keep": {"sv": "Spara som namngivet scenario", "en": "Keep as a named scenario"},
    # Compare
    "cmp_intro": {
        "sv": "Jämför två till fyra scenarier: sparade scenarier, basplanen och dina aktuella (osparade) ändringar.",
        "en": "Compare two to four scenarios: kept ones, the baseline and your current (unsaved) changes.",
    },
    "compare_pick": {"sv": "Scenarier att jämföra (2–4)", "en": "Scenarios to compare (2–4)"},
    "compare_ref": {"sv": "Skillnader mot", "en": "Differences against"},
    "cmp_base": {"sv": "Basplan", "en": "Baseline"},
    "cmp_current": {"sv": "Aktuella ändringar", "en": "Current changes"},
    "cmp_current_dirty": {"sv": "{name} (osparat)", "en": "{name} (unsaved)"},
    "cmp_need_two": {"sv": "Välj minst två scenarier att jämföra.", "en": "Pick at least two scenarios to compare."},
    "cmp_chart_title": {"sv": "Utgående eget kapital per år (tkr)", "en": "Closing equity per year (tkr)"},
    "cmp_caption": {
        "sv": "Varje scenario har egen färg, linjetyp och markör. Grönt fält: rekommenderat intervall "
              "från noll upp till taket (20 % av medlemsbidragen) i ”{ref}”, taket som streckad grön linje. "
              "Svart linje: noll.",
        "en": "Each scenario has its own colour, line style and marker. Green band: the recommended range "
              "from zero up to the ceiling (20 % of contributions) in “{ref}”, the ceiling as a dashed green "
              "line. Black line: zero.",
    },
    "cmp_equity_table": {"sv": "Utgående eget kapital (tkr)", "en": "Closing equity (tkr)"},
    "cmp_diff": {"sv": "± {name}", "en": "± {name}"},
    "cmp_diff_note": {"sv": "± = skillnad mot ”{ref}”, i tkr.", "en": "± = difference from “{ref}”, in tkr."},
    "cmp_year_header": {"sv": "År för år (tkr)", "en": "Year by year (tkr)"},
    "cmp_members": {"sv": "Vad varje medlem betalar (tkr)", "en": "What each member pays (tkr)"},
    "cmp_diff_header": {"sv": "Skillnad mot ”{ref}” (tkr)", "en": "Difference from “{ref}” (tkr)"},
    "cmp_members_diff": {"sv": "Vad varje medlem betalar – skillnad mot ”{ref}” (tkr)",
                         "en": "What each member pays – difference from “{ref}” (tkr)"},
    "cmp_negative_from": {"sv": "Negativt från", "en": "Negative from"},
    "cmp_within_from": {"sv": "Inom intervallet från", "en": "Within the range from"},
    "cmp_grants": {"sv": "Bidrag och övriga intäkter", "en": "Grants and other income"},
    "cmp_result": {"sv": "Årets resultat", "en": "Result for the year"},
    "cmp_cap": {"sv": "Tak för eget kapital", "en": "Equity ceiling"},
    "cmp_failed": {"sv": "”{name}” kan inte räknas och visas inte: {message}",
                   "en": "“{name}” cannot be computed and is left out: {message}"},
    "cmp_negative": {"sv": "Varning: eget kapital blir negativt i ”{name}” {year} ({amount}).",
                     "en": "Warning: equity goes negative in “{name}” {year} ({amount})."},
    # Lös och osäkerhet (views/solve.py)
    "page_solve": {"sv": "Lös och osäkerhet", "en": "Solve and uncertainty"},
    "solve_intro": {
        "sv": "Styrelsens frågor, besvarade av beräkningsmotorn på det aktuella scenariot (dina ändringar). "
              "Svaret kan läggas till ändringarna eller sparas som ett nytt scenario.",
        "en": "The board's questions, answered by the engine on the current scenario (your changes). "
              "An answer can be added to the changes or kept as a new scenario.",
    },
    "solve_on_current": {
        "sv": "Basplanen visas, men frågorna räknas på scenariot med dina ändringar.",
        "en": "The baseline is shown, but the questions are computed on the scenario with your changes.",
    },
    "solve_cap_header": {"sv": "Första år inom taket", "en": "First year within the ceiling"},
    "solve_first_within": {"sv": "Första år inom taket", "en": "First year within the ceiling"},
    "solve_cap_equity": {"sv": "Utgående eget kapital {year}", "en": "Closing equity {year}"},
    "solve_cap_cap": {"sv": "Tak för eget kapital {year}", "en": "Equity ceiling {year}"},
    "solve_contrib_header": {
        "sv": "Vilken ändring av medlemsbidragen ger målet?",
        "en": "Which change of member contributions reaches the target?",
    },
    "solve_contrib_q": {
        "sv": "Hur mycket behöver medlemsbidragen höjas (eller kan de sänkas) från ett visst år för att eget "
              "kapital ska landa på taket, eller på ett belopp ni väljer, ett visst år? Välj åren nedan. Finns "
              "redan en ändring från samma år ersätts den.",
        "en": "How much must member contributions rise (or may they fall) from a given year for equity to land "
              "on the ceiling, or on an amount you choose, in a given year? Choose the years below. A change "
              "from the same year already made is replaced.",
    },
    "solve_from": {"sv": "Ändring från år", "en": "Change from year"},
    "solve_to": {"sv": "Målår", "en": "Target year"},
    "solve_target_kind": {"sv": "Mål för eget kapital", "en": "Target for equity"},
    "solve_kind_cap": {"sv": "Taket (20 % av medlemsbidragen)", "en": "The ceiling (20 % of contributions)"},
    "solve_kind_amount": {"sv": "Ett belopp", "en": "An amount"},
    "solve_target_amount": {"sv": "Belopp (tkr)", "en": "Amount (tkr)"},
    "solve_contrib": {"sv": "Räkna ut", "en": "Solve"},
    "solve_res_pct": {"sv": "Bidragsändring från {year}", "en": "Contribution change from {year}"},
    "solve_res_closing": {"sv": "Eget kapital {year} med ändringen", "en": "Equity {year} with the change"},
    "solve_res_gap": {"sv": "Avvikelse från målet", "en": "Deviation from the target"},
    "solve_res_target": {"sv": "Mål: {amount}", "en": "Target: {amount}"},
    "solve_decide_raise": {
        "sv": "Höj medlemsbidragen med {pct} % från {year}: eget kapital {target_year} blir {closing} (målet {target}).",
        "en": "Raise member contributions by {pct} % from {year}: equity {target_year} becomes {closing} (target {target}).",
    },
    "solve_decide_cut": {
        "sv": "Sänk medlemsbidragen med {pct} % från {year}: eget kapital {target_year} blir {closing} (målet {target}).",
        "en": "Cut member contributions by {pct} % from {year}: equity {target_year} becomes {closing} (target {target}).",
    },
    "solve_decide_none": {
        "sv": "Ingen ändring behövs: eget kapital {target_year} blir {closing} (målet {target}).",
        "en": "No change is needed: equity {target_year} becomes {closing} (target {target}).",
    },
    "solve_exact": {"sv": "Exakt svar", "en": "Exact answer"},
    "solve_exact_text": {
        "sv": "Avrundat till en decimal, som en styrelse beslutar. Exakt: {pct} ger eget kapital {year} = {closing}. {message}",
        "en": "Rounded to one decimal, as a board decides. Exactly: {pct} gives equity {year} = {closing}. {message}",
    },
    "solve_replaces": {
        "sv": "Ersätter den befintliga ändringen {pct} från {year}.",
        "en": "Replaces the existing change {pct} from {year}.",
    },
    "solve_apply_contrib": {"sv": "Lägg till i ändringarna", "en": "Add to the changes"},
    "solve_keep_contrib": {"sv": "Spara som nytt scenario", "en": "Keep as a new scenario"},
    "solve_keep_name": {"sv": "Namn på det nya scenariot", "en": "Name of the new scenario"},
    "solve_name_contrib_cap": {
        "sv": "Bidrag {pct} från {from_year} (tak {year})",
        "en": "Contributions {pct} from {from_year} (ceiling {year})",
    },
    "solve_name_contrib_amount": {
        "sv": "Bidrag {pct} från {from_year} (mål {amount} {year})",
        "en": "Contributions {pct} from {from_year} (target {amount} {year})",
    },
    "solve_stale": {
        "sv": "Ändringarna har ändrats sedan frågan ställdes – svaret gäller den tidigare planen. Räkna ut igen.",
        "en": "The changes have changed since the question was asked – the answer is for the earlier plan. Solve again.",
    },
    "solve_applied": {"sv": "Svaret ingår nu i ändringarna.", "en": "The answer is now part of the changes."},
    "solve_new_header": {
        "sv": "Hur stor ny insats klarar vi?",
        "en": "How large a new intervention can we afford?",
    },
    "solve_new_q": {
        "sv": "Hur stor ny insats per år har förbundet råd med under de valda åren, utan att eget kapital "
              "blir negativt något år (eller går under den buffert ni väljer)?",
        "en": "How large a new intervention a year can the federation afford in the chosen years without "
              "equity going negative in any year (or below the buffer you choose)?",
    },
    "solve_new_from": {"sv": "Insatsen från år", "en": "Intervention from year"},
    "solve_new_to": {"sv": "Till och med år", "en": "Up to and including"},
    "solve_new_name": {"sv": "Insatsens namn", "en": "Name of the intervention"},
    "solve_new_default": {"sv": "Ny insats", "en": "New intervention"},
    "solve_new_buffer": {"sv": "Buffert: eget kapital minst (tkr)", "en": "Buffer: equity at least (tkr)"},
    "solve_new_buffer_help": {
        "sv": "Hur mycket eget kapital som ska finnas kvar varje år. 0 betyder att eget kapital inte får bli negativt.",
        "en": "How much equity must remain every year. 0 means equity must not go negative.",
    },
    "solve_res_cap_distance": {
        "sv": "Med insatsen ligger eget kapital {year} {amount} under taket ({cap}), och minst {buffer} varje år.",
        "en": "With the intervention, equity {year} is {amount} below the ceiling ({cap}), and at least {buffer} every year.",
    },
    "solve_res_cap_over": {
        "sv": "Med insatsen ligger eget kapital {year} fortfarande {amount} över taket ({cap}).",
        "en": "With the intervention, equity {year} is still {amount} above the ceiling ({cap}).",
    },
    "solve_new": {"sv": "Räkna ut", "en": "Solve"},
    "solve_res_amount": {"sv": "Högsta nya insats per år", "en": "Largest new intervention a year"},
    "solve_res_amount_kr": {"sv": "{kr} per år {first}–{last}", "en": "{kr} a year {first}–{last}"},
    "solve_res_binding": {"sv": "Snävaste år", "en": "Tightest year"},
    "solve_res_closing_years": {
        "sv": "Utgående eget kapital med insatsen: {years}",
        "en": "Closing equity with the intervention: {years}",
    },
    "solve_apply_new": {"sv": "Lägg till i ändringarna", "en": "Add to the changes"},
    "solve_keep_new": {"sv": "Spara som nytt scenario", "en": "Keep as a new scenario"},
    "solve_name_new": {"sv": "{name} {amount}/år {first}–{last}", "en": "{name} {amount}/yr {first}–{last}"},
    "solve_need_name": {"sv": "Ge insatsen ett namn.", "en": "Give the intervention a name."},
    "solve_kept": {
        "sv": "Sparat som ”{name}”. Välj det under ”Visa” i sidopanelen för att arbeta vidare med det.",
        "en": "Kept as “{name}”. Pick it under “Show” in the sidebar to work on it.",
    },
    "solve_fed_changed": {"sv": "Svaret gäller ett annat förbund.", "en": "The answer is for another federation."},
    # Uncertainty
    "mc_header": {"sv": "Osäkerhet (Monte Carlo)", "en": "Uncertainty (Monte Carlo)"},
    "mc_intro": {
        "sv": "Hur säker är planen? Programmet räknar igenom planen många gånger. Varje gång förbrukar varje "
              "projekt en slumpvis vald andel av sin budget inom det intervall ni anger (samma andel alla år), "
              "och varje bidrag beviljas eller avslås med den sannolikhet ni anger. Utfallsår är kända och "
              "varierar inte. Samma inställningar ger alltid samma siffror.",
        "en": "How certain is the plan? The program runs through the plan many times. Each time every project "
              "spends a randomly chosen share of its budget within the range you give (the same share every "
              "year), and every grant is granted or refused with the probability you give. Outcome years are "
              "known and do not vary. The same settings always give the same numbers.",
    },
    "mc_util_header": {"sv": "Förbrukningsgrad per projekt (%)", "en": "Utilization per project (%)"},
    "mc_util_low": {"sv": "Lägst %", "en": "Low %"},
    "mc_util_high": {"sv": "Högst %", "en": "High %"},
    "mc_no_projects": {"sv": "Planen har inga projektkostnader i budget- och planåren.",
                       "en": "The plan has no project costs in its budget and plan years."},
    "mc_grant_header": {"sv": "Sannolikhet att bidrag beviljas (%)", "en": "Probability that a grant is granted (%)"},
    "mc_grant_p": {"sv": "Beviljas %", "en": "Granted %"},
    "mc_grant_cost": {"sv": "Om avslag", "en": "If refused"},
    "mc_cost_stays": {"sv": "Kostnaden ligger kvar", "en": "The cost stays"},
    "mc_cost_goes": {"sv": "{name} minskar lika mycket", "en": "{name} falls as much"},
    "mc_no_grants": {"sv": "Planen har inga bidrag i budget- och planåren.",
                     "en": "The plan has no grants in its budget and plan years."},
    "mc_draws": {"sv": "Antal genomräkningar", "en": "Number of runs"},
    "mc_seed": {"sv": "Startvärde för slumpen (samma värde ger samma siffror)", "en": "Random start value (the same value gives the same numbers)"},
    "mc_run": {"sv": "Kör simuleringen", "en": "Run the simulation"},
    "mc_err_range": {
        "sv": "Förbrukningsgraden för ”{name}”: lägst {low} % är högre än högst {high} %.",
        "en": "Utilization of “{name}”: low {low} % is above high {high} %.",
    },
    "mc_err_failed": {"sv": "Simuleringen kunde inte köras: {message}", "en": "The simulation could not run: {message}"},
    "mc_err_kept": {"sv": "Det senaste giltiga resultatet visas fortfarande.", "en": "The last valid result is still shown."},
    "mc_none_yet": {"sv": "Ställ in osäkerheten och tryck ”Kör simuleringen”.",
                    "en": "Set the uncertainty and press “Run the simulation”."},
    "mc_stale": {
        "sv": "Inställningarna eller ändringarna har ändrats sedan simuleringen kördes – resultatet nedan gäller de tidigare. Kör igen.",
        "en": "The settings or changes have changed since the simulation ran – the result below is for the earlier ones. Run again.",
    },
    "mc_done": {"sv": "{draws} genomräkningar av planen (startvärde {seed}).", "en": "{draws} runs of the plan (start value {seed})."},
    "mc_risk_negative": {"sv": "Risk för negativt eget kapital", "en": "Risk of negative equity"},
    "mc_risk_negative_help": {"sv": "Andel av genomräkningarna där eget kapital blir negativt minst ett budget- eller planår.",
                              "en": "Share of the runs where equity goes negative in at least one budget or plan year."},
    "mc_risk_over": {"sv": "Över taket alla år", "en": "Above the ceiling every year"},
    "mc_risk_over_help": {"sv": "Andel av genomräkningarna där eget kapital ligger över taket alla budget- och planår.",
                          "en": "Share of the runs where equity is above the ceiling in every budget and plan year."},
    "mc_col_project": {"sv": "Projekt", "en": "Project"},
    "mc_col_grant": {"sv": "Bidrag", "en": "Grant"},
    "mc_median_last": {"sv": "Mittvärde eget kapital {year}", "en": "Middle value of equity {year}"},
    "mc_col_year": {"sv": "År", "en": "Year"},
    "mc_col_p10": {"sv": "Lågt (1 fall av 10 lägre), tkr", "en": "Low (1 run in 10 lower), tkr"},
    "mc_col_p50": {"sv": "Mittvärde (tkr)", "en": "Middle value (tkr)"},
    "mc_col_p90": {"sv": "Högt (1 fall av 10 högre), tkr", "en": "High (1 run in 10 higher), tkr"},
    "mc_col_plan": {"sv": "Planen utan osäkerhet (tkr)", "en": "Plan without uncertainty (tkr)"},
    "mc_col_cap": {"sv": "Tak (tkr)", "en": "Ceiling (tkr)"},
    "mc_col_neg": {"sv": "Risk negativt", "en": "Risk negative"},
    "mc_col_over": {"sv": "Över taket", "en": "Above the ceiling"},
    "mc_table_header": {"sv": "Utgående eget kapital per år", "en": "Closing equity per year"},
    "fan_title": {"sv": "Eget kapital med osäkerhet", "en": "Equity with uncertainty"},
    "fan_reading": {
        "sv": "I 8 fall av 10 hamnar eget kapital {year} mellan {low} och {high} (mittvärde {mid}).",
        "en": "In 8 runs of 10, equity {year} lands between {low} and {high} (middle value {mid}).",
    },
    "fan_band": {"sv": "8 fall av 10", "en": "8 runs in 10"},
    "fan_median": {"sv": "Mittvärde", "en": "Middle value"},
    "fan_plan": {"sv": "Planen utan osäkerhet", "en": "Plan without uncertainty"},
    "fan_cap": {"sv": "Tak för eget kapital", "en": "Equity ceiling"},
    "fan_caption": {
        "sv": "Bandet visar var eget kapital hamnar i 8 fall av 10 (i ett fall av tio lägre, i ett högre), den "
              "heldragna linjen mittvärdet (hälften av fallen under, hälften över), den streckade planen med full "
              "förbrukning och alla bidrag beviljade. Grön streckad linje: taket; svart linje: noll.",
        "en": "The band shows where equity lands in 8 runs of 10 (one in ten lower, one higher), the solid line "
              "the middle value (half the runs below, half above), the dashed line the plan at full utilization "
              "with every grant granted. Green dashed line: the ceiling; black line: zero.",
    },
    # Handlingar (views/papers.py)
    "page_papers": {"sv": "Handlingar", "en": "Board papers"},
    "papers_intro": {
        "sv": "Handlingar till styrelsen: budgeten som Excel-arbetsbok och en PDF-rapport med nyckeltal, "
              "diagram, budgettabell, antaganden och källor – för det aktuella scenariot eller en jämförelse "
              "av upp till fyra scenarier.",
        "en": "Papers for the board: the budget as an Excel workbook and a PDF report with key figures, "
              "chart, budget table, assumptions and sources – for the current scenario or a comparison of up "
              "to four scenarios.",
    },
    "papers_ref": {"sv": "Referens (skillnaderna räknas mot den)", "en": "Reference (differences are counted from it)"},
    "papers_ref_help": {
        "sv": "Handlingarna visar varje scenario minus referensen. Normalt den beslutade budgeten.",
        "en": "The papers show each scenario minus the reference. Normally the adopted budget.",
    },
    "papers_status": {"sv": "Handlingarnas status", "en": "Status of the papers"},
    "papers_status_draft": {"sv": "Utkast", "en": "Draft"},
    "papers_status_proposal": {"sv": "Förslag till beslut", "en": "Proposal for decision"},
    "papers_proposal": {"sv": "Förslag till beslut (text i handlingarna)", "en": "Proposal for decision (text in the papers)"},
    "papers_proposal_placeholder": {"sv": "Styrelsen föreslås besluta att …", "en": "The board is proposed to decide that …"},
    "papers_version_line": {"sv": "skapad {when} · basplan version {version} · finsam-planner",
                            "en": "created {when} · baseline version {version} · finsam-planner"},
    "papers_pick": {"sv": "Scenarier i handlingarna (1–3, utöver referensen)",
                    "en": "Scenarios in the papers (1–3, besides the reference)"},
    "papers_need_one": {"sv": "Välj minst ett scenario.", "en": "Pick at least one scenario."},
    "papers_build": {"sv": "Skapa handlingar", "en": "Create papers"},
    "papers_built": {"sv": "Skapade {when} för: {names}.", "en": "Created {when} for: {names}."},
    "papers_stale": {
        "sv": "Valet eller ändringarna har ändrats sedan handlingarna skapades. Skapa dem igen.",
        "en": "The selection or the changes have changed since the papers were created. Create them again.",
    },
    "papers_none_yet": {"sv": "Tryck ”Skapa handlingar” för att ta fram filerna.",
                        "en": "Press “Create papers” to make the files."},
    "papers_failed": {"sv": "Handlingarna kunde inte skapas: {message}", "en": "The papers could not be created: {message}"},
    "dl_workbook": {"sv": "Ladda ner Excel-arbetsbok", "en": "Download Excel workbook"},
    "dl_report": {"sv": "Ladda ner PDF-rapport", "en": "Download PDF report"},
    "papers_title": {"sv": "Budget och eget kapital – scenarier", "en": "Budget and equity – scenarios"},
    "papers_source": {"sv": "Scenariots val", "en": "Scenario choice"},
    "papers_created": {"sv": "Skapad", "en": "Created"},
    "err_target_before_change": {"sv": None, "en": "the target year {year} is before the change {from_year}: the change does not affect it"},
    "err_bad_target": {"sv": None, "en": "the target is the ceiling or an amount in whole kronor"},
    "err_not_project": {"sv": None, "en": "'{name}' is not a project cost"},
    "err_range_twice": {"sv": None, "en": "the utilization of '{name}' is given twice"},
    "err_probability_range": {"sv": None, "en": "the probability for '{name}' must be between 0 and 100 %"},
    # Errors (codes from plan_levers.PlanLeverError and the dashboard's own)
    "err_not_number": {"sv": "”{text}” är inget belopp. Skriv t.ex. 800 eller 1 200,5 (tkr).",
                       "en": "“{text}” is not an amount. Write e.g. 800 or 1200.5 (tkr)."},
    "err_percent": {"sv": "”{text}” är ingen giltig procent (mellan −100 och +200, t.ex. 10 eller −2,5).",
                    "en": "“{text}” is not a valid percent (between −100 and +200, e.g. 10 or −2.5)."},
    "err_key_number": {"sv": "Nyckeln för {name} (”{text}”) är inget tal.",
                       "en": "The key for {name} (“{text}”) is not a number."},
    "err_empty": {"sv": "Fyll i ett värde.", "en": "Enter a value."},
    "err_buffer_negative": {"sv": "Bufferten kan inte vara negativ: eget kapital får inte bli negativt.",
                            "en": "The buffer cannot be negative: equity must not go negative."},
    "err_scale": {
        "sv": "{amount} är mer än {times} gånger förbundets största årliga omslutning ({scale}). Belopp skrivs i "
              "tusental kronor (tkr): 800 betyder 800 000 kronor. Ändringen gjordes inte.",
        "en": "{amount} is more than {times} times the federation's largest yearly turnover ({scale}). Amounts are "
              "in thousands of kronor (tkr): 800 means 800,000 kronor. The change was not made.",
    },
    "err_key_positive": {"sv": "Nyckeln för {name} måste vara större än noll.",
                         "en": "The key for {name} must be above zero."},
    "err_target_negative": {
        "sv": "Målet för eget kapital kan inte vara negativt: ett samordningsförbund får inte låna.",
        "en": "The equity target cannot be negative: a federation must not borrow.",
    },
    "err_year_outside": {"sv": None, "en": "{year} is outside the plan horizon {first}–{last}"},
    "err_year_outcome": {"sv": None, "en": "{year} is an outcome year; changes apply from {first_open}"},
    "err_unknown_line": {"sv": None, "en": "unknown cost line '{line}'"},
    "err_unknown_income": {"sv": None, "en": "unknown income line '{line}'"},
    "err_negative": {"sv": None, "en": "the amount must not be negative"},
    "err_not_amount": {"sv": None, "en": "the amount must be whole kronor"},
    "err_end_before_start": {"sv": None, "en": "'{name}': last year {last} is before the first year {start}"},
    "err_no_rate": {"sv": None, "en": "'{name}' has no amount to continue with; give an amount"},
    "err_no_name": {"sv": None, "en": "the new intervention needs a name"},
    "err_duplicate": {"sv": None, "en": "there is already a line called '{name}'"},
    "err_utilization_range": {"sv": None, "en": "the utilization rate must be between 0 and 100 %"},
    "err_unknown_member": {"sv": None, "en": "'{member}' is not a municipality of the federation"},
    "err_negative_key": {"sv": None, "en": "a key must not be negative"},
    "err_key_zero": {"sv": None, "en": "the key adds up to zero"},
    "err_ceiling_zero": {"sv": None, "en": "the state's possible allocation must be above zero"},
    "err_ceiling_twice": {"sv": None, "en": "the state ceiling is given twice"},
    "err_generic": {"sv": "Ändringen kunde inte göras: {message}", "en": "The change could not be made: {message}"},
    "err_kept": {"sv": "Den senaste giltiga planen visas fortfarande.", "en": "The last valid plan is still shown."},
    "url_bad_format": {"sv": "fel format", "en": "wrong format"},
    "url_unknown_fed": {"sv": "okänt förbund", "en": "unknown federation"},
    "url_bad_value": {"sv": "ogiltigt värde", "en": "invalid value"},
    "err_percent_invalid": {"sv": "”{text}” är ingen procentsats.", "en": "“{text}” is not a percent."},
    "err_percent_range": {"sv": "{text} % går inte: en ändring måste vara över {low} % och högst +{high} %.",
                          "en": "{text} % is out of range: a change must be above {low} % and at most +{high} %."},
    "err_percent_decimals": {"sv": "”{text}” har fler än fyra decimaler.", "en": "“{text}” has more than four decimals."},
    "err_contrib_outside": {"sv": "Ändringen av medlemsbidragen: {year} ligger utanför planperioden {horizon}.",
                            "en": "Contribution change: {year} is outside the plan horizon {horizon}."},
    "err_contrib_outcome": {"sv": "Ändringen av medlemsbidragen: {year} är ett utfallsår; ändringar gäller från {first_open}.",
                            "en": "Contribution change: {year} is an outcome year; changes apply from {first_open}."},
    "err_contrib_range": {"sv": "Ändringen av medlemsbidragen ({percent} %) ligger utanför det tillåtna.",
                          "en": "The contribution change ({percent} %) is out of range."},
    "err_esf_outside": {"sv": "ESF-beloppet: {year} ligger utanför planperioden {horizon}.",
                        "en": "ESF amount: {year} is outside the plan horizon {horizon}."},
    "err_esf_outcome": {"sv": "ESF-beloppet: {year} är ett utfallsår; ändringar gäller från {first_open}.",
                        "en": "ESF amount: {year} is an outcome year; changes apply from {first_open}."},
    "err_esf_negative": {"sv": "ESF-beloppet för {year} är negativt.", "en": "The ESF amount for {year} is negative."},
    "err_esf_twice": {"sv": "ESF-beloppet för {year} är angivet två gånger.", "en": "The ESF amount for {year} is given twice."},
    "err_cap_share_range": {"sv": "Taket för eget kapital måste ligga mellan 0 och 100 % av medlemsbidragen.",
                            "en": "The equity ceiling must be between 0 and 100 % of contributions."},
}

GROUP_LABELS = {
    "board": {"sv": "Styrelsen", "en": "Board"},
    "office_staff": {"sv": "Kansli och administration – personal", "en": "Office staff"},
    "premises": {"sv": "Lokalkostnader", "en": "Premises"},
    "other_admin": {"sv": "Övriga administrativa kostnader", "en": "Other administration"},
    "projects": {"sv": "Projektkostnader", "en": "Projects and interventions"},
    "unspecified": {"sv": "Kostnader (ej uppdelade i källan)", "en": "Costs (not itemised in the source)"},
}
# The pages on a federation's own plan keep their texts in modules of their own.
from .i18n_plans import TEXT as _PLAN_TEXT  # noqa: E402  (Nytt förbund, Baslinje)
from .i18n_cycle import TEXT as _CYCLE_TEXT  # noqa: E402  (Uppföljning, Ny verksamhetsplan)
from .i18n_hosted import TEXT as _HOSTED_TEXT  # noqa: E402  (sign-in, roles, Användare)

TEXT.update(_PLAN_TEXT)
TEXT.update(_CYCLE_TEXT)
TEXT.update(_HOSTED_TEXT)

TABLE_LABELS = {
    "contributions": {"sv": "Finansiering från medlemmar", "en": "Financing from members"},
    "unallocated": {"sv": "Ej fördelat per medlem", "en": "Not allocated per member"},
    "opening_equity": {"sv": "Ingående eget kapital", "en": "Opening equity"},
    "esf": {"sv": "ESF-medel", "en": "ESF funds"},
    "other_income": {"sv": "Övriga intäkter", "en": "Other income"},
    "available": {"sv": "Summa medel att disponera", "en": "Total available funds"},
    "costs": {"sv": "Summa kostnader", "en": "Total costs"},
    "result": {"sv": "Årets resultat", "en": "Result of the year"},
    "closing_equity": {"sv": "Utgående eget kapital", "en": "Closing equity"},
    "basis:outcome": {"sv": "Utfall", "en": "Outcome"},
    "basis:budget": {"sv": "Budget", "en": "Budget"},
    "basis:plan": {"sv": "Plan", "en": "Plan"},
    "row": {"sv": "Rad", "en": "Row"},
}


def current_lang() -> str:
    try:
        import streamlit as st

        lang = st.session_state.get("lang", "sv")
    except Exception:  # outside a Streamlit run
        lang = "sv"
    return lang if lang in LANGS else "sv"


def t(key: str, lang: str | None = None, **params) -> str:
    lang = lang or current_lang()
    entry = TEXT.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get("sv") or key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def table_labels(lang: str | None = None) -> dict[str, str]:
    lang = lang or current_lang()
    labels = {k: v[lang] for k, v in TABLE_LABELS.items()}
    labels.update({f"group:{g}": v[lang] for g, v in GROUP_LABELS.items()})
    return labels


def group_label(group: str, lang: str | None = None) -> str:
    lang = lang or current_lang()
    return GROUP_LABELS.get(group, {}).get(lang, group)


def error_text(exc: Exception, lang: str | None = None) -> str:
    """A lever error in the current language, as a sentence. The structural levers speak
    Swedish themselves (their `sv` entry is None); the engine's own errors are English
    with a code, translated here."""
    lang = lang or current_lang()
    code = getattr(exc, "code", None)
    text = str(exc)
    entry = TEXT.get(f"err_{code}") if code is not None else None
    if entry and entry.get(lang):
        try:
            text = entry[lang].format(**getattr(exc, "params", {}))
        except (KeyError, IndexError, ValueError):
            pass
    return sentence(text)


def sentence(text: str) -> str:
    """'okänd kostnadsrad ”x”' -> 'Okänd kostnadsrad ”x”.': a message as a full sentence."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
