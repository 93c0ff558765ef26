"""The projection engine: a plan and a scenario in, equity year by year out.

Per year:  available = opening equity + member contributions + ESF + other income
           closing equity = available − costs   (= next year's opening equity)
All money is int64 kronor; every rounding is half-up to the krona, done in integer
arithmetic so the single projection and the batch of variants agree to the krona.

The core works on arrays with a leading variant axis, so one scenario and ten
thousand variants run the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from collections import OrderedDict
from typing import Sequence

import numpy as np

from .levers import FACTOR_DENOMINATOR, Scenario, validate_scenario
from .model import COST_GROUPS, Plan
from .rules import Rules

FLAG_NAMES = ("over_cap", "negative_equity", "below_floor", "split_off")


def scale_half_up(amount, numerator: int | np.ndarray, denominator: int = FACTOR_DENOMINATOR):
    """amount × numerator / denominator rounded half-up, exact for non-negative ints."""
    return (amount * numerator * 2 + denominator) // (2 * denominator)


def share_half_up(amount, share: Fraction):
    """amount × share rounded half-up (amount ≥ 0), exact."""
    return (amount * share.numerator * 2 + share.denominator) // (2 * share.denominator)


@dataclass(frozen=True)
class CompiledPlan:
    """A plan as arrays; built once per plan, shared by every scenario on it."""

    plan: Plan
    years: np.ndarray  # (Y,)
    open_year: np.ndarray  # (Y,) bool: budget or plan year
    member_ids: tuple[str, ...]  # rows of `contributions`, the last is "unallocated"
    member_kind: tuple[str | None, ...]
    contributions: np.ndarray  # (M+1, Y)
    esf: np.ndarray  # (Y,)
    other_income: np.ndarray  # (Y,)
    cost_line_ids: tuple[str, ...]
    cost_line_groups: tuple[str, ...]
    costs_by_line: np.ndarray  # (L, Y)
    costs: np.ndarray  # (Y,)
    split_checkable: np.ndarray  # (Y,) bool: contributions are all per member
    kind_masks: dict[str, np.ndarray]  # kind -> (M+1,) bool


def compile_plan(plan: Plan) -> CompiledPlan:
    years = plan.years
    member_ids = tuple(m.id for m in plan.members) + ("",)
    member_kind = tuple(m.kind for m in plan.members) + (None,)
    contributions = np.zeros((len(member_ids), len(years)), dtype=np.int64)
    for i, member in enumerate(plan.members):
        for j, year in enumerate(years):
            contributions[i, j] = plan.contributions.get(member.id, {}).get(year, 0)
    for j, year in enumerate(years):
        contributions[-1, j] = plan.unallocated_contributions.get(year, 0)

    def income_of(kind: str) -> np.ndarray:
        return np.array(
            [sum(line.amounts.get(y, 0) for line in plan.income if line.kind == kind) for y in years],
            dtype=np.int64,
        )

    costs_by_line = np.array(
        [[line.amounts.get(y, 0) for y in years] for line in plan.costs], dtype=np.int64
    ).reshape(len(plan.costs), len(years))
    kind_masks = {
        kind: np.array([k == kind for k in member_kind]) for kind in ("state", "region", "municipality")
    }
    return CompiledPlan(
        plan=plan,
        years=np.array(years, dtype=np.int64),
        open_year=np.array([plan.basis[y] != "outcome" for y in years]),
        member_ids=member_ids,
        member_kind=member_kind,
        contributions=contributions,
        esf=income_of("esf"),
        other_income=income_of("other"),
        cost_line_ids=tuple(line.id for line in plan.costs),
        cost_line_groups=tuple(line.group for line in plan.costs),
        costs_by_line=costs_by_line,
        costs=costs_by_line.sum(axis=0),
        split_checkable=contributions[-1] == 0,
        kind_masks=kind_masks,
    )


@dataclass(frozen=True)
class YearProjection:
    year: int
    basis: str
    opening_equity: int
    contributions: int
    contributions_by_member: dict[str, int]
    esf: int
    other_income: int
    available: int
    costs: int
    costs_by_group: dict[str, int]
    costs_by_line: dict[str, int]
    result: int
    closing_equity: int
    equity_ratio: float | None  # closing equity / that year's contributions
    equity_cap: int
    equity_floor: int
    flags: tuple[str, ...]

    @property
    def income(self) -> int:
        return self.contributions + self.esf + self.other_income


@dataclass(frozen=True)
class Projection:
    federation_id: str
    scenario: Scenario
    years: tuple[YearProjection, ...]

    def year(self, year: int) -> YearProjection:
        for row in self.years:
            if row.year == year:
                return row
        raise KeyError(year)


@dataclass(frozen=True)
class BatchProjection:
    """Many variants of one plan: arrays of shape (variants, years)."""

    years: np.ndarray
    contributions_by_member: np.ndarray  # (V, M+1, Y)
    contributions: np.ndarray
    esf: np.ndarray
    other_income: np.ndarray
    costs: np.ndarray
    opening_equity: np.ndarray
    available: np.ndarray
    result: np.ndarray
    closing_equity: np.ndarray
    equity_cap: np.ndarray
    equity_floor: np.ndarray
    flags: dict[str, np.ndarray]  # name -> (V, Y) bool


@dataclass(frozen=True)
class RuleArrays:
    cap_share: tuple[Fraction, ...]
    floor: np.ndarray
    shares: dict[str, tuple[Fraction, ...]]
    tolerance: np.ndarray


def _rule_arrays(compiled: CompiledPlan, rules: Rules) -> RuleArrays:
    years = [int(y) for y in compiled.years]
    return RuleArrays(
        cap_share=tuple(rules.value("equity_cap_share", y) for y in years),
        floor=np.array([int(rules.value("equity_floor_kr", y)) for y in years], dtype=np.int64),
        shares={
            kind: tuple(rules.value(f"{kind}_share", y) for y in years)
            for kind in ("state", "region", "municipal")
        },
        tolerance=np.array([int(rules.value("split_tolerance_kr", y)) for y in years], dtype=np.int64),
    )


def _lever_arrays(compiled: CompiledPlan, scenarios: Sequence[Scenario]):
    """Contribution factors (V, K, Y) and ESF overrides (V, Y) for the variants."""
    years = compiled.years
    n_steps = max((len(s.contribution_changes) for s in scenarios), default=0)
    numerators = np.full((len(scenarios), n_steps, len(years)), FACTOR_DENOMINATOR, dtype=np.int64)
    esf_set = np.zeros((len(scenarios), len(years)), dtype=bool)
    esf_value = np.zeros((len(scenarios), len(years)), dtype=np.int64)
    for v, scenario in enumerate(scenarios):
        for k, change in enumerate(scenario.contribution_changes):
            numerators[v, k, years >= change.from_year] = change.numerator
        for esf in scenario.esf_amounts:
            column = years == esf.year
            esf_set[v, column] = True
            esf_value[v, column] = esf.amount
    return numerators, esf_set, esf_value


def project_compiled(
    compiled: CompiledPlan, scenarios: Sequence[Scenario], rules: Rules
) -> BatchProjection:
    """The core: every variant of one plan at once."""
    for scenario in scenarios:
        validate_scenario(compiled.plan, scenario)
    numerators, esf_set, esf_value = _lever_arrays(compiled, scenarios)
    n_variants = len(scenarios)

    by_member = np.broadcast_to(
        compiled.contributions, (n_variants, *compiled.contributions.shape)
    ).copy()
    for k in range(numerators.shape[1]):  # changes compound, each rounding in turn
        by_member = scale_half_up(by_member, numerators[:, k, None, :])
    contributions = by_member.sum(axis=1)
    esf = np.where(esf_set, esf_value, compiled.esf[None, :])
    other = np.broadcast_to(compiled.other_income, esf.shape)
    costs = np.broadcast_to(compiled.costs, esf.shape)

    result = contributions + esf + other - costs
    opening0 = compiled.plan.opening_equity
    closing = opening0 + np.cumsum(result, axis=1)
    opening = closing - result
    available = opening + contributions + esf + other

    rule = _rule_arrays(compiled, rules)
    cap_num = np.array([[s.numerator for s in rule.cap_share]] * n_variants, dtype=np.int64)
    cap_den = np.array([[s.denominator for s in rule.cap_share]] * n_variants, dtype=np.int64)
    floor = np.broadcast_to(rule.floor, contributions.shape).copy()
    for v, scenario in enumerate(scenarios):
        if scenario.equity_cap_share is not None:
            cap_num[v] = scenario.equity_cap_share.numerator
            cap_den[v] = scenario.equity_cap_share.denominator
        if scenario.equity_floor is not None:
            floor[v] = scenario.equity_floor
    cap = (contributions * cap_num * 2 + cap_den) // (2 * cap_den)

    flags = {
        "over_cap": closing > cap,
        "negative_equity": closing < 0,
        "below_floor": closing < floor,
        "split_off": _split_off(compiled, by_member, contributions, rule),
    }
    return BatchProjection(
        years=compiled.years,
        contributions_by_member=by_member,
        contributions=contributions,
        esf=esf,
        other_income=np.array(other),
        costs=np.array(costs),
        opening_equity=opening,
        available=available,
        result=result,
        closing_equity=closing,
        equity_cap=cap,
        equity_floor=floor,
        flags=flags,
    )


def _split_off(compiled, by_member, contributions, rule: RuleArrays) -> np.ndarray:
    """True where a party's total is further than the tolerance from its legal share."""
    off = np.zeros(contributions.shape, dtype=bool)
    for kind, rule_key in (("state", "state"), ("region", "region"), ("municipality", "municipal")):
        paid = by_member[:, compiled.kind_masks[kind], :].sum(axis=1)
        for j in range(len(compiled.years)):
            share = rule.shares[rule_key][j]
            # |paid − total × p/q| > tol  <=>  |paid·q − total·p| > tol·q  (exact)
            gap = np.abs(paid[:, j] * share.denominator - contributions[:, j] * share.numerator)
            off[:, j] |= gap > rule.tolerance[j] * share.denominator
    return off & compiled.split_checkable[None, :] & (contributions > 0)


_COMPILED: "OrderedDict[int, tuple[Plan, CompiledPlan]]" = OrderedDict()


def compiled(plan: Plan) -> CompiledPlan:
    """compile_plan, memoised on the plan object (plans are immutable).

    The cache keeps the plan alive with its arrays, so an id is never reused while
    its entry exists.
    """
    hit = _COMPILED.get(id(plan))
    if hit is not None and hit[0] is plan:
        _COMPILED.move_to_end(id(plan))
        return hit[1]
    result = compile_plan(plan)
    _COMPILED[id(plan)] = (plan, result)
    if len(_COMPILED) > 64:
        _COMPILED.popitem(last=False)
    return result


def project_many(plan: Plan, scenarios: Sequence[Scenario], rules: Rules) -> BatchProjection:
    return project_compiled(compiled(plan), scenarios, rules)


def project(plan: Plan, rules: Rules, scenario: Scenario | None = None) -> Projection:
    """One scenario (the baseline by default), year by year."""
    scenario = scenario or Scenario()
    compiled_plan = compiled(plan)
    batch = project_compiled(compiled_plan, [scenario], rules)
    groups = [g for g in COST_GROUPS]
    rows = []
    for j, year in enumerate(plan.years):
        contributions = int(batch.contributions[0, j])
        closing = int(batch.closing_equity[0, j])
        by_line = {
            line_id: int(compiled_plan.costs_by_line[i, j])
            for i, line_id in enumerate(compiled_plan.cost_line_ids)
        }
        by_group = {g: 0 for g in groups}
        for i, group in enumerate(compiled_plan.cost_line_groups):
            by_group[group] += int(compiled_plan.costs_by_line[i, j])
        rows.append(
            YearProjection(
                year=year,
                basis=plan.basis[year],
                opening_equity=int(batch.opening_equity[0, j]),
                contributions=contributions,
                contributions_by_member={
                    member_id: int(batch.contributions_by_member[0, i, j])
                    for i, member_id in enumerate(compiled_plan.member_ids)
                    if member_id
                },
                esf=int(batch.esf[0, j]),
                other_income=int(batch.other_income[0, j]),
                available=int(batch.available[0, j]),
                costs=int(batch.costs[0, j]),
                costs_by_group=by_group,
                costs_by_line=by_line,
                result=int(batch.result[0, j]),
                closing_equity=closing,
                equity_ratio=(closing / contributions) if contributions else None,
                equity_cap=int(batch.equity_cap[0, j]),
                equity_floor=int(batch.equity_floor[0, j]),
                flags=tuple(name for name in FLAG_NAMES if bool(batch.flags[name][0, j])),
            )
        )
    return Projection(plan.federation_id, scenario, tuple(rows))
