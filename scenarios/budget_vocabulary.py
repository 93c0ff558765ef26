"""The words of a budget file: row types (Typ), year headers, units, ids and keys.

Pure; read by scenarios/budget_file.py (reading) and budget_file_write.py (writing).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterable, Mapping

# Canonical Typ label -> (category, detail). Categories: equity, member, unallocated,
# income, cost, total. For totals the detail names the measure checked.
ROW_TYPES: dict[str, tuple[str, str | None]] = {
    "ingående eget kapital": ("equity", None),
    "stat": ("member", "state"),
    "region": ("member", "region"),
    "kommun": ("member", "municipality"),
    "medlemsbidrag ej fördelat": ("unallocated", None),
    "esf": ("income", "esf"),
    "övrig intäkt": ("income", "other"),
    "styrelse": ("cost", "board"),
    "kansli": ("cost", "office_staff"),
    "lokaler": ("cost", "premises"),
    "övrig administration": ("cost", "other_admin"),
    "insats": ("cost", "projects"),
    "kostnader ej fördelade": ("cost", "unspecified"),
    "summa medlemsbidrag": ("total", "contributions"),
    "summa intäkter": ("total", "income"),
    "summa medel att disponera": ("total", "available"),
    "summa kostnader": ("total", "costs"),
    "summa styrelse": ("total", "costs:board"),
    "summa kansli": ("total", "costs:office_staff"),
    "summa lokaler": ("total", "costs:premises"),
    "summa övrig administration": ("total", "costs:other_admin"),
    "summa insatser": ("total", "costs:projects"),
    "summa kostnader ej fördelade": ("total", "costs:unspecified"),
    "årets resultat": ("total", "result"),
    "utgående eget kapital": ("total", "closing_equity"),
}
# Other spellings (Swedish variants and English) -> canonical label.
TYPE_ALIASES = {
    "eget kapital": "ingående eget kapital", "opening equity": "ingående eget kapital",
    "staten": "stat", "state": "stat", "landsting": "region", "kommuner": "kommun",
    "municipality": "kommun",
    "medlemsbidrag ej fördelade": "medlemsbidrag ej fördelat",
    "unallocated contributions": "medlemsbidrag ej fördelat",
    "esf-medel": "esf", "esf medel": "esf", "övriga intäkter": "övrig intäkt",
    "other income": "övrig intäkt",
    "styrelsen": "styrelse", "board": "styrelse", "office": "kansli", "office staff": "kansli",
    "lokal": "lokaler", "lokalkostnader": "lokaler", "premises": "lokaler",
    "övriga administrativa kostnader": "övrig administration", "other admin": "övrig administration",
    "other administration": "övrig administration",
    "insatser": "insats", "projekt": "insats", "project": "insats", "projects": "insats",
    "intervention": "insats", "interventions": "insats",
    "kostnad ej fördelad": "kostnader ej fördelade", "unspecified costs": "kostnader ej fördelade",
    "summa styrelsen": "summa styrelse", "summa lokalkostnader": "summa lokaler",
    "summa övriga administrativa kostnader": "summa övrig administration",
    "summa insats": "summa insatser", "summa projekt": "summa insatser",
    "summa projektkostnader": "summa insatser", "medel att disponera": "summa medel att disponera",
    "resultat": "årets resultat",
    "total contributions": "summa medlemsbidrag", "total income": "summa intäkter",
    "available funds": "summa medel att disponera", "total costs": "summa kostnader",
    "result": "årets resultat", "closing equity": "utgående eget kapital",
}
# What the writers print in Typ, by model kind/group.
MEMBER_TYPE = {"state": "stat", "region": "region", "municipality": "kommun"}
INCOME_TYPE = {"esf": "esf", "other": "övrig intäkt"}
COST_TYPE = {"board": "styrelse", "office_staff": "kansli", "premises": "lokaler",
             "other_admin": "övrig administration", "projects": "insats",
             "unspecified": "kostnader ej fördelade"}

BASIS_LABEL = {"outcome": "Utfall", "budget": "Budget", "plan": "Plan"}
BASIS_WORDS = {"utfall": "outcome", "outcome": "outcome", "actual": "outcome", "actuals": "outcome",
                "budget": "budget", "plan": "plan"}
# Extra column -> the header the writers use; and accepted spellings.
EXTRA_COLUMNS = {"start": "Start", "end": "Slut", "key": "Nyckel", "population": "Befolkning",
                 "id": "Id", "project": "Projekt"}
EXTRA_WORDS = {"start": "start", "startdatum": "start", "slut": "end", "slutdatum": "end",
                "end": "end", "nyckel": "key", "fördelningsnyckel": "key", "key": "key",
                "befolkning": "population", "invånare": "population", "population": "population",
                "id": "id", "projekt": "project", "project": "project"}
# Which row categories each extra column applies to.
EXTRA_APPLIES = {"start": {"cost"}, "end": {"cost"}, "key": {"municipality"},
                  "population": {"member"}, "id": {"member", "income", "cost"}, "project": {"income"}}
NAME_HEADERS = {"rad", "post", "namn", "benämning", "row", "name", "line"}
TYPE_HEADERS = {"typ", "type"}
META_NAME = {"förbund", "samordningsförbund", "federation"}
META_UNIT = {"enhet", "unit"}
UNITS = {"kr": 1, "kronor": 1, "sek": 1, "tkr": 1000, "tusenkronor": 1000, "ksek": 1000,
          "tsek": 1000, "tusentalskronor": 1000}
UNIT_LABEL = {1: "kr", 1000: "tkr"}

# The legal split (data/rules.toml: state_share, region_share, municipal_share); a
# year more than 1 % of its total away from it is a warning on import.
LEGAL_SHARES = (("state", Decimal(1) / 2), ("region", Decimal(1) / 4), ("municipality", Decimal(1) / 4))
SPLIT_TOLERANCE = Decimal("0.01")


def match_key(text: object) -> str:
    """A label for matching: NFC, case-folded, with no whitespace or trailing colon."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", "", text).rstrip(":")


TYPES_BY_KEY = {match_key(k): k for k in ROW_TYPES} | {match_key(a): c for a, c in TYPE_ALIASES.items()}


def row_type(text: object) -> str | None:
    """The canonical Typ label for what a user wrote, or None."""
    return TYPES_BY_KEY.get(match_key(text)) if text is not None else None


def parse_year_header(text: object) -> tuple[int, str] | None:
    """'Budget 2025', 'budgetår 2025', 'PLAN 2026 år' -> (2025, 'budget')."""
    match = re.fullmatch(r"([a-zåäö]+?)(?:år)?(\d{4})(?:år)?", match_key(text))
    if match and match.group(1) in BASIS_WORDS:
        return int(match.group(2)), BASIS_WORDS[match.group(1)]
    return None


def year_label(year: int, basis: str) -> str:
    return f"{BASIS_LABEL[basis]} {year}"


def slugify(text: str) -> str:
    """'Region Örebro län' -> 'region-orebro-lan': lower-case ASCII, å/ä -> a, ö -> o."""
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def federation_id(name: str) -> str:
    """A federation's default id: its name without the common prefix, as a slug
    ('Samordningsförbundet i Jämtlands län' -> 'jamtlands-lan')."""
    short = re.sub(r"^\s*samordningsförbundet\s+(i\s+)?", "", str(name), flags=re.IGNORECASE)
    return slugify(short) or slugify(name)


def unique_id(name: str, taken: set[str]) -> str:
    """slugify(name), made unique against `taken` (which it joins) with -2, -3, ..."""
    base = slugify(name) or "rad"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def derived_ids(names: Iterable[str]) -> list[str]:
    """The ids an import gives rows with these names when the file has no Id column."""
    taken: set[str] = set()
    return [unique_id(name, taken) for name in names]


def key_year(years: Iterable[int], basis: Mapping[int, str]) -> int | None:
    """The year municipal keys are derived from: first budget, else first plan, else last."""
    years = list(years)
    for wanted in ("budget", "plan"):
        for year in years:
            if basis[year] == wanted:
                return year
    return years[-1] if years else None


def derived_keys(municipal_amounts: Mapping[str, Mapping[int, int]], year: int | None) -> dict[str, float] | None:
    """Each municipality's contribution in kr in `year` as its key; None if none has one."""
    if year is None or not any(a.get(year) for a in municipal_amounts.values()):
        return None
    return {mid: float(a.get(year, 0)) for mid, a in municipal_amounts.items()}
