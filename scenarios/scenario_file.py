"""Scenario files: a scenario as human-readable TOML, and back.

Pure: text in, a `ScenarioSpec` out (and the reverse). Reading validates against a
schema and, given the federation's plan, against the plan itself; every problem is
a `ScenarioFileError` naming the line, and nothing is returned half-read.

    format = 1
    federation = "sodra-lappland"
    name = "+10 % medlemsbidrag från 2025"
    description = "…"            # optional
    proposed = true              # optional: put forward as the next adopted budget

    [[contribution_change]]      # repeatable; changes compound
    from_year = 2025
    percent = 10

    [[new_intervention]]         # repeatable
    name = "Ny insats"
    first_year = 2025
    last_year = 2026
    amount = 800000              # kr a year

    [[grant]]                    # an ESF or other grant in one year; 0: refused
    line = "esf"
    year = 2025
    amount = 0
    cost_line = "ovriga-insatser" # optional: the project's cost goes with it

    [[cost]]          line, year, amount      one cost line's amount in one year
    [[project_end]]   line, last_year[, amount] stretch or shorten a project
    [[drop]]          line, from_year          no money from that year on
    [utilization]     percent                  share of project money spent
    [[municipal_key]] member, weight           a municipality's key weight
    [state_ceiling]   amount                   the state's possible allocation, kr a year
    [settings]        equity_cap_percent, equity_floor
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .levers import ContributionChange, LeverError, Scenario, parse_percent
from .model import Plan
from .plan_levers import (
    CostAmount,
    DropLine,
    GrantChange,
    MunicipalKey,
    NewIntervention,
    ProjectEnd,
    StateCeiling,
    Utilization,
    project_with_levers,
)
from .rules import Rules

FORMAT = 1


# Every message in both languages: the CLI speaks English, the dashboard Swedish first.
MESSAGES = {
    "toml": ("not valid TOML ({error})", "ogiltig TOML ({error})"),
    "unknown_key": ("unknown key '{key}'", "okänd nyckel '{key}'"),
    "unknown_key_in": ("unknown key '{key}' in [{table}]", "okänd nyckel '{key}' i [{table}]"),
    "missing": ("'{key}' is missing", "'{key}' saknas"),
    "format": ("format {value} is not known (this version reads {known})",
               "formatet {value} är okänt (den här versionen läser {known})"),
    "other_federation": ("the file is for '{file}', not '{plan}'", "filen gäller '{file}', inte '{plan}'"),
    "repeatable": ("'{table}' must be written [[{table}]]", "'{table}' ska skrivas [[{table}]]"),
    "once": ("'{table}' must be written [{table}] (once)", "'{table}' ska skrivas [{table}] (en gång)"),
    "entries": ("'{table}' entries must be tables", "posterna i '{table}' måste vara tabeller"),
    "needs": ("[{table}] needs '{key}'", "[{table}] behöver '{key}'"),
    "cap_range": ("equity_cap_percent must be between 0 and 100",
                  "equity_cap_percent måste ligga mellan 0 och 100"),
    "empty_name": ("'name' is empty", "'name' är tomt"),
    "outside": ("{year} is outside the plan horizon {first}–{last}",
                "{year} ligger utanför planperioden {first}–{last}"),
    "outcome_year": ("{year} is an outcome year; levers apply from {first_open} on",
                     "{year} är ett utfallsår; ändringar gäller från {first_open}"),
    "type": ("'{key}' must be {expected}, not {value}", "'{key}' ska vara {expected_sv}, inte {value}"),
    "negative": ("'{key}' must not be negative", "'{key}' får inte vara negativt"),
    "percent": ("'{value}' is not a valid percent (above −100 and at most +200, at most four decimals)",
                "'{value}' är ingen giltig procentsats (över −100 och högst +200, högst fyra decimaler)"),
    "lever": ("{text}", "{text}"),  # a plan lever's own message
}
EXPECTED = {
    "text": ("text", "text"), "int": ("a whole number", "ett heltal"), "bool": ("true or false", "true eller false"),
    "kr": ("a whole number of kronor", "ett helt antal kronor"), "year": ("a year", "ett årtal"),
    "number": ("a number", "ett tal"), "nonneg": ("a number of zero or more", "ett tal på noll eller mer"),
}


class ScenarioFileError(ValueError):
    """A scenario file that cannot be read; `line` is 1-based, or None.

    `str()` is English (for the CLI); `message("sv")` gives the Swedish text."""

    def __init__(self, code: str, line: int | None = None, **params):
        self.code, self.line, self.params = code, line, params
        self.detail = self.message("en")
        super().__init__(f"line {line}: {self.detail}" if line else self.detail)

    def message(self, lang: str = "en") -> str:
        english, swedish = MESSAGES[self.code]
        return (swedish if lang == "sv" else english).format(**self.params)


@dataclass(frozen=True)
class ScenarioSpec:
    """A named scenario: the baseline plus its levers, as kept and exchanged."""

    federation_id: str
    name: str
    description: str = ""
    contrib: tuple[ContributionChange, ...] = ()
    levers: tuple = ()  # plan levers (scenarios.plan_levers), StateCeiling included
    equity_cap_share: Fraction | None = None
    equity_floor: int | None = None
    proposed: bool = False  # put forward as the next adopted budget (Förslag till beslut)
    extra: dict = field(default_factory=dict, compare=False)

    def scenario(self) -> Scenario:
        return Scenario(name=self.name, contribution_changes=self.contrib,
                        equity_cap_share=self.equity_cap_share, equity_floor=self.equity_floor)

    def project(self, plan: Plan, rules: Rules):
        return project_with_levers(plan, rules, self.scenario(), self.levers)


# name -> (repeatable, {key: (type, required)})
_SCHEMA: dict[str, tuple[bool, dict[str, tuple[str, bool]]]] = {
    "contribution_change": (True, {"from_year": ("year", True), "percent": ("percent", True)}),
    "new_intervention": (True, {"name": ("text", True), "first_year": ("year", True),
                                "last_year": ("year", True), "amount": ("kr", True)}),
    "grant": (True, {"line": ("text", True), "year": ("year", True), "amount": ("kr", True),
                     "cost_line": ("text", False)}),
    "cost": (True, {"line": ("text", True), "year": ("year", True), "amount": ("kr", True)}),
    "project_end": (True, {"line": ("text", True), "last_year": ("year", True), "amount": ("kr", False)}),
    "drop": (True, {"line": ("text", True), "from_year": ("year", True)}),
    "utilization": (False, {"percent": ("percent", True)}),
    "municipal_key": (True, {"member": ("text", True), "weight": ("number", True)}),
    "state_ceiling": (False, {"amount": ("kr", True)}),
    "settings": (False, {"equity_cap_percent": ("percent", False), "equity_floor": ("kr", False)}),
}
_TOP = {"format": "int", "federation": "text", "name": "text", "description": "text", "proposed": "bool"}


def _line_index(text: str) -> dict[tuple, int]:
    """(table, index, key) -> line number, for messages that name the line."""
    where: dict[tuple, int] = {}
    table, counts = None, {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.fullmatch(r"\[\[\s*([A-Za-z0-9_\-]+)\s*\]\]|\[\s*([A-Za-z0-9_\-]+)\s*\]", line.split("#")[0].strip())
        if header:
            table = header.group(1) or header.group(2)
            counts[table] = counts.get(table, -1) + 1
            where[(table, counts[table], None)] = number
            continue
        key = re.match(r"([A-Za-z0-9_\-]+)\s*=", line)
        if key:
            where[(table, counts.get(table, 0), key.group(1))] = number
    return where


def parse_scenario(text: str, plan: Plan | None = None, rules: Rules | None = None) -> ScenarioSpec:
    """Read a scenario file; with `plan` (and `rules`), also check it applies to the plan."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = max(1, len(text.rstrip("\n").splitlines()))
        raise ScenarioFileError("toml", line, error=str(exc)) from None
    lines = _line_index(text)

    def line_of(table, index=0, key=None):
        return lines.get((table, index, key)) or lines.get((table, index, None))

    for key, value in doc.items():
        if key in _TOP:
            _typed(value, _TOP[key], key, line_of(None, 0, key))
        elif key not in _SCHEMA:
            raise ScenarioFileError("unknown_key", line_of(key) or line_of(None, 0, key), key=key)
    for key in ("format", "federation", "name"):
        if key not in doc:
            raise ScenarioFileError("missing", key=key)
    if doc["format"] != FORMAT:
        raise ScenarioFileError("format", line_of(None, 0, "format"), value=doc["format"], known=FORMAT)
    if plan is not None and doc["federation"] != plan.federation_id:
        raise ScenarioFileError("other_federation", line_of(None, 0, "federation"),
                                file=doc["federation"], plan=plan.federation_id)

    tables: dict[str, list[tuple[int, dict]]] = {}
    for name, (repeatable, keys) in _SCHEMA.items():
        if name not in doc:
            continue
        rows = doc[name]
        if repeatable and not isinstance(rows, list):
            raise ScenarioFileError("repeatable", line_of(name), table=name)
        if not repeatable and not isinstance(rows, dict):
            raise ScenarioFileError("once", line_of(name), table=name)
        rows = rows if repeatable else [rows]
        checked = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise ScenarioFileError("entries", line_of(name, index), table=name)
            for key in row:
                if key not in keys:
                    raise ScenarioFileError("unknown_key_in", line_of(name, index, key), key=key, table=name)
            values = {}
            for key, (kind, required) in keys.items():
                if key not in row:
                    if required:
                        raise ScenarioFileError("needs", line_of(name, index), table=name, key=key)
                    continue
                values[key] = _typed(row[key], kind, key, line_of(name, index, key))
                if plan is not None and kind == "year":
                    _check_year(plan, values[key], line_of(name, index, key))
            checked.append((index, values))
        tables[name] = checked

    contrib, levers, lever_lines = [], [], []
    for index, v in tables.get("contribution_change", []):
        contrib.append(ContributionChange(v["from_year"], v["percent"]))
    for index, v in tables.get("new_intervention", []):
        levers.append(NewIntervention(v["name"], v["first_year"], v["last_year"], v["amount"]))
        lever_lines.append(line_of("new_intervention", index))
    for index, v in tables.get("cost", []):
        levers.append(CostAmount(v["line"], v["year"], v["amount"]))
        lever_lines.append(line_of("cost", index))
    for index, v in tables.get("project_end", []):
        levers.append(ProjectEnd(v["line"], v["last_year"], v.get("amount")))
        lever_lines.append(line_of("project_end", index))
    for index, v in tables.get("drop", []):
        levers.append(DropLine(v["line"], v["from_year"]))
        lever_lines.append(line_of("drop", index))
    for index, v in tables.get("grant", []):
        levers.append(GrantChange(v["line"], v["year"], v["amount"], v.get("cost_line")))
        lever_lines.append(line_of("grant", index))
    for index, v in tables.get("utilization", []):
        levers.append(Utilization(Fraction(v["percent"]) / 100))
        lever_lines.append(line_of("utilization", index))
    weights = tuple((v["member"], Fraction(v["weight"])) for _, v in tables.get("municipal_key", []))
    if weights:
        levers.append(MunicipalKey(weights))
        lever_lines.append(line_of("municipal_key", 0))
    for index, v in tables.get("state_ceiling", []):
        levers.append(StateCeiling(v["amount"]))
        lever_lines.append(line_of("state_ceiling", index))
    settings = dict(tables.get("settings", [(0, {})])[0][1])
    cap = settings.get("equity_cap_percent")
    if cap is not None and not 0 <= cap <= 100:
        raise ScenarioFileError("cap_range", line_of("settings", 0, "equity_cap_percent"))

    spec = ScenarioSpec(
        federation_id=doc["federation"],
        name=doc["name"].strip(),
        description=doc.get("description", ""),
        proposed=bool(doc.get("proposed", False)),
        contrib=tuple(contrib),
        levers=tuple(levers),
        equity_cap_share=None if cap is None else Fraction(cap) / 100,
        equity_floor=settings.get("equity_floor"),
    )
    if not spec.name:
        raise ScenarioFileError("empty_name", line_of(None, 0, "name"))
    if plan is not None and rules is not None:
        _check_against_plan(spec, plan, rules, lever_lines)
    return spec


def _check_against_plan(spec: ScenarioSpec, plan: Plan, rules: Rules, lever_lines) -> None:
    """Apply each lever alone, then all together: a failure names the lever's line."""
    for lever, line in zip(spec.levers, lever_lines):
        try:
            project_with_levers(plan, rules, None, (lever,))
        except LeverError as exc:
            raise ScenarioFileError("lever", line, text=str(exc)) from None
    try:
        spec.project(plan, rules)
    except LeverError as exc:
        raise ScenarioFileError("lever", text=str(exc)) from None


def _check_year(plan: Plan, year: int, line) -> None:
    if year not in plan.basis:
        raise ScenarioFileError("outside", line, year=year, first=plan.years[0], last=plan.years[-1])
    if plan.is_outcome(year):
        raise ScenarioFileError("outcome_year", line, year=year, first_open=plan.first_open_year)


def _typed(value, kind: str, key: str, line):
    def bad(expected: str):
        english, swedish = EXPECTED[expected]
        return ScenarioFileError("type", line, key=key, expected=english, expected_sv=swedish, value=repr(value))

    if kind == "text":
        if not isinstance(value, str):
            raise bad("text")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("bool")
        return value
    if kind in ("int", "year", "kr"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("kr" if kind == "kr" else "int")
        if kind == "year" and not 1900 <= value <= 2200:
            raise bad("year")
        if kind == "kr" and value < 0:
            raise ScenarioFileError("negative", line, key=key)
        return value
    if kind in ("percent", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise bad("number")
        if kind == "percent" and key == "percent" and isinstance(value, (int, float, str)):
            try:
                return parse_percent(str(value))
            except LeverError:
                raise ScenarioFileError("percent", line, value=value) from None
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise bad("number") from None
        if not number.is_finite() or number < 0:
            raise bad("nonneg")
        return number
    raise AssertionError(kind)


# --- Writing ------------------------------------------------------------------------


def _q(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _n(value) -> str:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(value, "f") if value != value.to_integral_value() else str(int(value))
    return str(value)


def dump_scenario(spec: ScenarioSpec) -> str:
    out = ["# finsam-planner scenario", f"format = {FORMAT}", f"federation = {_q(spec.federation_id)}",
           f"name = {_q(spec.name)}"]
    if spec.description:
        out.append(f"description = {_q(spec.description)}")
    if spec.proposed:
        out.append("proposed = true")
    if spec.equity_cap_share is not None or spec.equity_floor is not None:
        out += ["", "[settings]"]
        if spec.equity_cap_share is not None:
            out.append(f"equity_cap_percent = {_n(spec.equity_cap_share * 100)}")
        if spec.equity_floor is not None:
            out.append(f"equity_floor = {spec.equity_floor}")
    for change in spec.contrib:
        out += ["", "[[contribution_change]]", f"from_year = {change.from_year}", f"percent = {_n(change.percent)}"]
    weights = []
    for lever in spec.levers:
        if isinstance(lever, NewIntervention):
            out += ["", "[[new_intervention]]", f"name = {_q(lever.name)}", f"first_year = {lever.first_year}",
                    f"last_year = {lever.last_year}", f"amount = {lever.amount}"]
        elif isinstance(lever, GrantChange):
            out += ["", "[[grant]]", f"line = {_q(lever.line_id)}", f"year = {lever.year}", f"amount = {lever.amount}"]
            if lever.cost_line_id:
                out.append(f"cost_line = {_q(lever.cost_line_id)}")
        elif isinstance(lever, CostAmount):
            out += ["", "[[cost]]", f"line = {_q(lever.line_id)}", f"year = {lever.year}", f"amount = {lever.amount}"]
        elif isinstance(lever, ProjectEnd):
            out += ["", "[[project_end]]", f"line = {_q(lever.line_id)}", f"last_year = {lever.last_year}"]
            if lever.amount is not None:
                out.append(f"amount = {lever.amount}")
        elif isinstance(lever, DropLine):
            out += ["", "[[drop]]", f"line = {_q(lever.line_id)}", f"from_year = {lever.from_year}"]
        elif isinstance(lever, Utilization):
            out += ["", "[utilization]", f"percent = {_n(lever.share * 100)}"]
        elif isinstance(lever, MunicipalKey):
            weights += list(lever.weights)
        elif isinstance(lever, StateCeiling):
            out += ["", "[state_ceiling]", f"amount = {lever.amount}"]
        else:
            raise TypeError(f"cannot write lever {lever!r}")
    for member, weight in weights:
        out += ["", "[[municipal_key]]", f"member = {_q(member)}", f"weight = {_n(weight)}"]
    return "\n".join(out) + "\n"
