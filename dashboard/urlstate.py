"""The whole lever state and its compact URL form (pure: no Streamlit here).

Query parameters (amounts in whole kronor, percents with '.' or ','):

    fed=sodra-lappland        federation id
    lang=sv|en                language
    meet=1                    meeting mode
    scen=base                 show the baseline (levers kept, not counted)
    c=2025:10                 contributions +10 % from 2025 (repeat for more steps)
    cost=LINE:YEAR:KR         a cost line's amount in one year
    end=LINE:YEAR             a project's last year (stretch/shorten)
    drop=LINE:YEAR            a project gets no money from YEAR on
    new=NAME:FIRST-LAST:KR    a new intervention, KR a year
    esf=YEAR:KR[:LINE[:COST]] a grant in YEAR set to KR (LINE defaults to the only
                              ESF line); with COST that cost line goes with it
    util=PCT                  utilization of project money, percent
    key=MEMBER:WEIGHT         a municipality's key weight (repeat)
    cap=KR                    the state's possible allocation a year
    eqcap=PCT                 equity ceiling, percent of contributions (rule in force if absent)
    eqfloor=KR                equity floor in kronor (rule in force if absent)
    s=ID                      the kept scenario being worked on (dashboard.kept; not a lever)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Mapping, Sequence

from scenarios.levers import ContributionChange, LeverError, Scenario, parse_percent
from scenarios.model import Plan
from scenarios.plan_levers import (
    CostAmount,
    DropLine,
    GrantChange,
    MunicipalKey,
    NewIntervention,
    ProjectEnd,
    StateCeiling,
    Utilization,
)

LEVER_PARAMS = ("c", "cost", "end", "drop", "new", "esf", "util", "key", "cap", "eqcap", "eqfloor")


@dataclass(frozen=True)
class LeverState:
    contrib: tuple[ContributionChange, ...] = ()
    levers: tuple = ()  # plan levers, in the order they were made
    cap_share: Fraction | None = None  # equity ceiling / contributions; None: the rule in force
    floor: int | None = None  # equity floor, kr; None: the rule in force

    def scenario(self) -> Scenario:
        return Scenario(name="Scenario", contribution_changes=self.contrib,
                        equity_cap_share=self.cap_share, equity_floor=self.floor)

    @property
    def empty(self) -> bool:
        return not self.contrib and not self.levers and self.cap_share is None and self.floor is None

    def same_as(self, other: "LeverState") -> bool:
        """The same changes, whatever order they were made in."""
        def norm(s: "LeverState"):
            return (tuple(sorted(s.contrib, key=lambda c: c.from_year)), frozenset(s.levers),
                    s.cap_share, s.floor)
        return norm(self) == norm(other)

    # --- editing: a new lever replaces one that sets the same thing -------------------

    def with_contrib(self, change: ContributionChange) -> "LeverState":
        kept = tuple(c for c in self.contrib if c.from_year != change.from_year)
        return replace(self, contrib=tuple(sorted(kept + (change,), key=lambda c: c.from_year)))

    def without_contrib(self, index: int) -> "LeverState":
        return replace(self, contrib=self.contrib[:index] + self.contrib[index + 1:])

    def with_lever(self, lever) -> "LeverState":
        same = _identity(lever)
        if isinstance(lever, MunicipalKey):
            old = next((x for x in self.levers if isinstance(x, MunicipalKey)), None)
            if old is not None:
                merged = dict(old.weights)
                merged.update(dict(lever.weights))
                lever = MunicipalKey(tuple(sorted(merged.items())))
        kept = tuple(x for x in self.levers if _identity(x) != same)
        return replace(self, levers=kept + (lever,))

    def without_lever(self, index: int) -> "LeverState":
        return replace(self, levers=self.levers[:index] + self.levers[index + 1:])

    def without_kind(self, kind: type) -> "LeverState":
        return replace(self, levers=tuple(x for x in self.levers if not isinstance(x, kind)))


def _identity(lever):
    """What a lever sets: two levers with the same identity cannot both hold."""
    if isinstance(lever, CostAmount):
        return ("cost", lever.line_id, lever.year)
    if isinstance(lever, ProjectEnd):
        return ("end", lever.line_id)
    if isinstance(lever, DropLine):
        return ("drop", lever.line_id)
    if isinstance(lever, NewIntervention):
        return ("new", lever.line_id)
    if isinstance(lever, GrantChange):
        return ("grant", lever.line_id, lever.year)
    if isinstance(lever, Utilization):
        return ("util",)
    if isinstance(lever, MunicipalKey):
        return ("key",)
    if isinstance(lever, StateCeiling):
        return ("cap",)
    return ("other", lever)


# --- Encoding ---------------------------------------------------------------------------


def _num(value: Decimal | Fraction) -> str:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text


def encode(state: LeverState, plan: Plan | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(name: str, value: str) -> None:
        out.setdefault(name, []).append(value)

    for change in state.contrib:
        add("c", f"{change.from_year}:{_num(change.percent)}")
    default_esf = default_esf_line(plan) if plan else None
    for lever in state.levers:
        if isinstance(lever, CostAmount):
            add("cost", f"{lever.line_id}:{lever.year}:{lever.amount}")
        elif isinstance(lever, ProjectEnd):
            suffix = f":{lever.amount}" if lever.amount is not None else ""
            add("end", f"{lever.line_id}:{lever.last_year}{suffix}")
        elif isinstance(lever, DropLine):
            add("drop", f"{lever.line_id}:{lever.from_year}")
        elif isinstance(lever, NewIntervention):
            add("new", f"{lever.name}:{lever.first_year}-{lever.last_year}:{lever.amount}")
        elif isinstance(lever, GrantChange):
            text = f"{lever.year}:{lever.amount}"
            line = "" if lever.line_id == default_esf else lever.line_id
            if lever.cost_line_id:
                text += f":{line}:{lever.cost_line_id}"
            elif line:
                text += f":{line}"
            add("esf", text)
        elif isinstance(lever, Utilization):
            add("util", _num(lever.share * 100))
        elif isinstance(lever, MunicipalKey):
            for member_id, weight in lever.weights:
                add("key", f"{member_id}:{_num(weight)}")
        elif isinstance(lever, StateCeiling):
            add("cap", str(lever.amount))
    if state.cap_share is not None:
        add("eqcap", _num(state.cap_share * 100))
    if state.floor is not None:
        add("eqfloor", str(state.floor))
    return out


def default_esf_line(plan: Plan | None) -> str | None:
    if plan is None:
        return None
    esf = [line.id for line in plan.income if line.kind == "esf"]
    return esf[0] if len(esf) == 1 else None


# --- Decoding ---------------------------------------------------------------------------


class ParamError(ValueError):
    """A URL parameter that cannot be read; `code` is an i18n key."""

    def __init__(self, code: str = "url_bad_format"):
        super().__init__(code)
        self.code = code


def _int(text: str) -> int:
    text = text.strip()
    if not text or not text.lstrip("-").isdigit():
        raise ParamError("url_bad_value")
    return int(text)


def _fraction(text: str) -> Fraction:
    try:
        value = Fraction(Decimal(text.strip().replace(",", ".")))
    except Exception:
        raise ParamError("url_bad_value") from None
    return value


def _decode_one(name: str, value: str, plan: Plan):
    parts = value.split(":")
    if name == "c":
        if len(parts) != 2:
            raise ParamError()
        try:
            return ContributionChange(_int(parts[0]), parse_percent(parts[1]))
        except LeverError:
            raise ParamError("url_bad_value") from None
    if name == "cost":
        if len(parts) != 3:
            raise ParamError()
        return CostAmount(parts[0], _int(parts[1]), _int(parts[2]))
    if name == "end":
        if len(parts) not in (2, 3):
            raise ParamError()
        return ProjectEnd(parts[0], _int(parts[1]), _int(parts[2]) if len(parts) == 3 else None)
    if name == "drop":
        if len(parts) != 2:
            raise ParamError()
        return DropLine(parts[0], _int(parts[1]))
    if name == "new":
        pieces = value.rsplit(":", 2)
        if len(pieces) != 3 or "-" not in pieces[1]:
            raise ParamError()
        first, last = pieces[1].split("-", 1)
        return NewIntervention(pieces[0], _int(first), _int(last), _int(pieces[2]))
    if name == "esf":
        if not 2 <= len(parts) <= 4:
            raise ParamError()
        line = parts[2] if len(parts) >= 3 and parts[2] else default_esf_line(plan)
        if not line:
            raise ParamError()
        cost = parts[3] if len(parts) == 4 and parts[3] else None
        return GrantChange(line, _int(parts[0]), _int(parts[1]), cost)
    if name == "util":
        return Utilization(_fraction(value) / 100)
    if name == "key":
        if len(parts) != 2:
            raise ParamError()
        return MunicipalKey(((parts[0], _fraction(parts[1])),))
    if name == "cap":
        return StateCeiling(_int(value))
    if name == "eqcap":
        share = _fraction(value) / 100
        if not 0 <= share <= 1:
            raise ParamError("url_bad_value")
        return ("eqcap", share)
    if name == "eqfloor":
        floor = _int(value)
        if floor < 0:
            raise ParamError("url_bad_value")
        return ("eqfloor", floor)
    raise ParamError()


def decode(
    params: Mapping[str, Sequence[str]],
    plan: Plan,
    check: Callable[[LeverState], object],
) -> tuple[LeverState, list[tuple[str, str, str | Exception]]]:
    """Levers from URL parameters. Each value is decoded and then checked with
    `check(candidate_state)` (which raises on a lever that cannot apply); a bad one
    is left out and reported as (param, value, error code or exception)."""
    state = LeverState()
    problems: list[tuple[str, str, str | Exception]] = []
    for name in LEVER_PARAMS:
        for value in params.get(name, ()):
            try:
                lever = _decode_one(name, value, plan)
            except ParamError as exc:
                problems.append((name, value, exc.code))
                continue
            if isinstance(lever, tuple):  # a setting, not a lever
                field_name = "cap_share" if lever[0] == "eqcap" else "floor"
                candidate = replace(state, **{field_name: lever[1]})
            elif isinstance(lever, ContributionChange):
                candidate = state.with_contrib(lever)
            else:
                candidate = state.with_lever(lever)
            try:
                check(candidate)
            except LeverError as exc:
                problems.append((name, value, exc))
                continue
            state = candidate
    return state, problems
