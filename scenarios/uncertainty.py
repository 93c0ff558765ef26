"""Uncertainty: Monte Carlo over project utilization and grant decisions.

Per project (a cost line in group "projects") a utilization range, uniform (e.g.
80–100 %); per grant (an income line, ESF or other) a probability that it is granted
(Bernoulli; refused: the line's income is 0 in its years, and with `cost_line_id`
the project's cost falls by the same amount, never below zero, as `GrantChange`
does). Every draw is a full plan; closing equity per draw and year gives the fan
chart (10th, 50th, 90th percentile), the probability of negative equity and of
being above the ceiling.

Contributions do not vary across draws, so the engine projects the scenario once
(structural levers and the state ceiling included, via `project_with_levers`);
the draws are then numpy arrays of shape (draws, years) with no Python loop over
draws. Money stays integer kronor: a utilization u is drawn on the grid of
1/1 000 000 and a project's cost is amount × u rounded half-up, exactly as the
engine and the `Utilization` lever round. Outcome years are never uncertain.

One draw per project holds for all its years (a project that under-spends does so
every year), and one draw per `GrantOdds` decides all the years it names; give one
`GrantOdds` per year for independent yearly decisions.

Same seed, same numbers: `numpy.random.default_rng(seed)`, variables drawn in the
order they are given. `method="lhs"` stratifies every variable (Latin hypercube):
a probability p grants in exactly round(p × draws) draws and a utilization range is
covered evenly, which makes small checks exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np

from .engine import Projection
from .levers import Scenario
from .model import Plan
from .plan_levers import PlanLeverError, project_with_levers
from .rules import Rules

PPM = 1_000_000  # utilization is drawn in millionths
PERCENTILES = (10, 50, 90)
DEFAULT_DRAWS = 10_000
METHODS = ("random", "lhs")


class UncertaintyError(PlanLeverError):
    """An uncertainty that cannot apply to this plan; `code`/`params` for translation."""


@dataclass(frozen=True)
class UtilizationRange:
    """A project's utilization, uniform between `low` and `high` percent (0–100)."""

    line_id: str
    low: Decimal | float | int | Fraction
    high: Decimal | float | int | Fraction

    def ppm(self) -> tuple[int, int]:
        return _to_ppm(self.low), _to_ppm(self.high)


@dataclass(frozen=True)
class GrantOdds:
    """An income line granted with `probability` (0–1) in `years` (None: its open years
    with money); refused, its income is 0 there and `cost_line_id` (if any) falls with it."""

    line_id: str
    probability: float
    cost_line_id: str | None = None
    years: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Uncertainty:
    utilization: tuple[UtilizationRange, ...] = ()
    grants: tuple[GrantOdds, ...] = ()

    @classmethod
    def from_mapping(cls, spec: Mapping) -> "Uncertainty":
        """{"utilization": {line_id: (low %, high %)},
            "grants": {line_id: p | (p, cost_line_id) | {"probability": p, "cost_line_id": ..., "years": [...]}}}"""
        unknown = set(spec) - {"utilization", "grants"}
        if unknown:
            raise UncertaintyError("unknown_spec", f"okänd osäkerhet: {sorted(unknown)}",
                                   keys=sorted(unknown))
        ranges = tuple(UtilizationRange(line_id, low, high)
                       for line_id, (low, high) in (spec.get("utilization") or {}).items())
        grants = []
        for line_id, odds in (spec.get("grants") or {}).items():
            if isinstance(odds, GrantOdds):
                grants.append(odds)
            elif isinstance(odds, Mapping):
                years = odds.get("years")
                grants.append(GrantOdds(line_id, odds["probability"], odds.get("cost_line_id"),
                                        tuple(years) if years is not None else None))
            elif isinstance(odds, (tuple, list)):
                grants.append(GrantOdds(line_id, odds[0], odds[1] if len(odds) > 1 else None))
            else:
                grants.append(GrantOdds(line_id, odds))
        return cls(ranges, tuple(grants))


def _to_ppm(percent) -> int:
    """A percent (0–100) as millionths of one, rounded half-up."""
    value = Fraction(str(percent)) if isinstance(percent, float) else Fraction(percent)
    scaled = value * PPM / 100
    return int((scaled * 2 + 1) // 2)


@dataclass(frozen=True)
class MonteCarloResult:
    years: np.ndarray  # (Y,)
    open_year: np.ndarray  # (Y,) bool: budget and plan years
    draws: int
    seed: int
    method: str
    percentiles: np.ndarray  # (3, Y) float: the 10th, 50th and 90th percentile of closing equity
    p_negative: np.ndarray  # (Y,) P(closing equity < 0)
    p_below_floor: np.ndarray  # (Y,) P(closing equity < floor)
    p_over_cap: np.ndarray  # (Y,) P(closing equity > ceiling)
    p_negative_any: float  # P(negative in at least one budget/plan year)
    p_over_cap_all: float  # P(above the ceiling in every budget/plan year)
    baseline_closing: np.ndarray  # (Y,) the deterministic projection (every project at 100 %, every grant granted)
    equity_cap: np.ndarray  # (Y,) kr (contributions do not vary)
    equity_floor: np.ndarray  # (Y,) kr
    closing: np.ndarray | None = field(default=None, repr=False)  # (draws, Y) int64 kr

    @property
    def p10(self) -> np.ndarray:
        return self.percentiles[0]

    @property
    def p50(self) -> np.ndarray:
        return self.percentiles[1]

    @property
    def p90(self) -> np.ndarray:
        return self.percentiles[2]

    def rows(self) -> list[dict]:
        """One row a year for a fan chart (percentiles rounded half-up to the krona)."""
        def kr(x: float) -> int:
            return int(np.floor(x + 0.5))

        return [
            {
                "year": int(y), "open": bool(self.open_year[j]),
                "p10": kr(self.p10[j]), "p50": kr(self.p50[j]), "p90": kr(self.p90[j]),
                "baseline": int(self.baseline_closing[j]),
                "equity_cap": int(self.equity_cap[j]), "equity_floor": int(self.equity_floor[j]),
                "p_negative": float(self.p_negative[j]), "p_over_cap": float(self.p_over_cap[j]),
            }
            for j, y in enumerate(self.years)
        ]


def _line(lines, line_id: str, code: str, what: str):
    for line in lines:
        if line.id == line_id:
            return line
    raise UncertaintyError(code, f"okänd {what} '{line_id}'", line=line_id)


def _validate(plan: Plan, spec: Uncertainty) -> None:
    seen: set[str] = set()
    for rng_ in spec.utilization:
        line = _line(plan.costs, rng_.line_id, "unknown_line", "kostnadsrad")
        if line.group != "projects":
            raise UncertaintyError("not_project", f"'{line.name}' är ingen projektkostnad",
                                   name=line.name)
        if line.id in seen:
            raise UncertaintyError("range_twice", f"förbrukningsgrad för '{line.name}' är angiven två gånger",
                                   name=line.name)
        seen.add(line.id)
        low, high = rng_.ppm()
        if not (0 <= low <= high <= PPM):
            raise UncertaintyError(
                "utilization_range",
                f"förbrukningsgraden för '{line.name}' måste vara ett intervall inom 0–100 %",
                name=line.name,
            )
    for odds in spec.grants:
        line = _line(plan.income, odds.line_id, "unknown_income", "intäktsrad")
        if not (0 <= float(odds.probability) <= 1):
            raise UncertaintyError("probability_range",
                                   f"sannolikheten för '{line.name}' måste ligga mellan 0 och 1",
                                   name=line.name)
        if odds.cost_line_id is not None:
            _line(plan.costs, odds.cost_line_id, "unknown_line", "kostnadsrad")
        for year in odds.years or ():
            if year not in plan.basis:
                raise UncertaintyError(
                    "year_outside",
                    f"bidrag '{line.name}': {year} ligger utanför planperioden {plan.years[0]}–{plan.years[-1]}",
                    what=line.name, year=year, first=plan.years[0], last=plan.years[-1])
            if plan.is_outcome(year):
                raise UncertaintyError(
                    "year_outcome",
                    f"bidrag '{line.name}': {year} är ett utfallsår; osäkerhet gäller från {plan.first_open_year}",
                    what=line.name, year=year, first_open=plan.first_open_year)


def _uniform01(rng: np.random.Generator, draws: int, method: str) -> np.ndarray:
    """Draws in [0, 1): plain, or one in each of `draws` equal strata (shuffled)."""
    if method == "lhs":
        return (rng.permutation(draws) + rng.random(draws)) / draws
    return rng.random(draws)


def _granted(rng: np.random.Generator, draws: int, p: float, method: str) -> np.ndarray:
    if method == "lhs":  # exactly the draws whose stratum centre is under p
        return (rng.permutation(draws) + 0.5) / draws < p
    return rng.random(draws) < p


def monte_carlo(
    plan: Plan,
    rules: Rules,
    scenario: Scenario | None = None,
    uncertainty: Uncertainty | Mapping | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    levers: Sequence = (),
    method: str = "random",
    keep_draws: bool = True,
) -> MonteCarloResult:
    """Closing equity over `draws` variants of the plan (after `levers`) under `scenario`.

    Ranges apply on top of the plan's own project amounts (after any `Utilization`
    lever), grant refusals on top of its income lines. The scenario's ESF amounts
    for a year are decisions already taken: an ESF line is not uncertain in a year
    the scenario sets the ESF total for.
    """
    if isinstance(uncertainty, Mapping):
        uncertainty = Uncertainty.from_mapping(uncertainty)
    uncertainty = uncertainty or Uncertainty()
    scenario = scenario or Scenario()
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    if not isinstance(draws, int) or draws < 1:
        raise ValueError("draws must be a positive integer")

    levered = project_with_levers(plan, rules, scenario, levers)
    plan, projection = levered.plan, levered.projection
    _validate(plan, uncertainty)
    rows = projection.years
    years = np.array([r.year for r in rows], dtype=np.int64)
    open_year = np.array([not plan.is_outcome(r.year) for r in rows])
    n_years = len(rows)

    def col(name: str) -> np.ndarray:
        return np.array([getattr(r, name) for r in rows], dtype=np.int64)

    baseline_result = col("result")
    cap, floor, baseline_closing = col("equity_cap"), col("equity_floor"), col("closing_equity")
    esf_fixed = {e.year for e in scenario.esf_amounts}

    rng = np.random.default_rng(seed)
    # Draw in the order given: every utilization range, then every grant.
    utilization = []
    for range_ in uncertainty.utilization:
        low, high = range_.ppm()
        u = low + np.minimum((_uniform01(rng, draws, method) * (high - low + 1)).astype(np.int64),
                             high - low)
        utilization.append((range_.line_id, u))
    refusals = []
    for odds in uncertainty.grants:
        refusals.append((odds, ~_granted(rng, draws, float(odds.probability), method)))

    # Income lost per draw and year; cost lines that change per draw.
    delta = np.zeros((draws, n_years), dtype=np.int64)
    linked: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for odds, refused in refusals:
        line = _line(plan.income, odds.line_id, "unknown_income", "intäktsrad")
        wanted = set(odds.years) if odds.years is not None else set(int(y) for y in years)
        mask = open_year & np.array(
            [int(y) in wanted and not (line.kind == "esf" and int(y) in esf_fixed) for y in years]
        )
        amounts = np.array([line.amounts.get(int(y), 0) for y in years], dtype=np.int64) * mask
        delta -= refused[:, None] * amounts[None, :]
        if odds.cost_line_id is not None:
            linked.setdefault(odds.cost_line_id, []).append((refused, mask, amounts))

    ranges = dict(utilization)
    for line_id in dict.fromkeys([*linked, *ranges]):
        base = np.array([r.costs_by_line[line_id] for r in rows], dtype=np.int64)
        cost = np.broadcast_to(base, (draws, n_years))
        for refused, mask, amounts in linked.get(line_id, ()):  # as GrantChange: never below 0
            cut = np.maximum(cost - amounts[None, :], 0)
            cost = np.where(refused[:, None] & mask[None, :], cut, cost)
        if line_id in ranges:  # as Utilization: half-up to the krona, open years only
            scaled = (cost * ranges[line_id][:, None] * 2 + PPM) // (2 * PPM)
            cost = np.where(open_year[None, :], scaled, cost)
        delta -= cost - base[None, :]

    opening0 = rows[0].opening_equity
    closing = opening0 + np.cumsum(baseline_result[None, :] + delta, axis=1)

    percentiles = np.percentile(closing, PERCENTILES, axis=0)
    opened = closing[:, open_year]
    return MonteCarloResult(
        years=years,
        open_year=open_year,
        draws=draws,
        seed=seed,
        method=method,
        percentiles=percentiles,
        p_negative=(closing < 0).mean(axis=0),
        p_below_floor=(closing < floor[None, :]).mean(axis=0),
        p_over_cap=(closing > cap[None, :]).mean(axis=0),
        p_negative_any=float((opened < 0).any(axis=1).mean()) if opened.size else 0.0,
        p_over_cap_all=float((opened > cap[open_year][None, :]).all(axis=1).mean()) if opened.size else 0.0,
        baseline_closing=baseline_closing,
        equity_cap=cap,
        equity_floor=floor,
        closing=closing if keep_draws else None,
    )


def deterministic_closing(projection: Projection) -> np.ndarray:
    """The engine's closing equity per year as an array (for comparisons)."""
    return np.array([r.closing_equity for r in projection.years], dtype=np.int64)
