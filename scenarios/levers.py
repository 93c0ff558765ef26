"""Levers: the changes a scenario makes to a federation's baseline plan.

A scenario is the baseline plus its levers. Levers never touch outcome years: the
past is recorded, not planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .model import Plan

# Percent changes are exact to 1/10 000 of a percent; a factor is stored as an
# integer numerator over FACTOR_DENOMINATOR so rounding is exact in every path.
FACTOR_DENOMINATOR = 1_000_000
PERCENT_MIN = Decimal("-100")  # exclusive: contributions cannot go to zero or below
PERCENT_MAX = Decimal("200")  # inclusive: beyond tripling is not a plan, it is a typo


class LeverError(ValueError):
    """A lever that cannot apply to this plan; the message is for the user. `code` and
    `params`, where given, let an interface say it in its own language."""

    def __init__(self, message: str, code: str | None = None, **params):
        super().__init__(message)
        if code is not None:
            self.code = code
            self.params = params


@dataclass(frozen=True)
class ContributionChange:
    """Total member contributions change by `percent` from `from_year` on.

    Every party changes by the same percent, so the legal split and the municipal
    key hold; several changes compound (each rounds to the krona in turn).
    """

    from_year: int
    percent: Decimal

    @property
    def numerator(self) -> int:
        return FACTOR_DENOMINATOR + int(self.percent * 10_000)


@dataclass(frozen=True)
class EsfAmount:
    """The ESF income of one year set to an amount (0: the application is refused)."""

    year: int
    amount: int


@dataclass(frozen=True)
class Scenario:
    name: str = "Basplan"
    contribution_changes: tuple[ContributionChange, ...] = ()
    esf_amounts: tuple[EsfAmount, ...] = ()
    equity_cap_share: Fraction | None = None  # None: the rule in force
    equity_floor: int | None = None  # kr; None: the rule in force
    extra: dict = field(default_factory=dict, compare=False)  # room for later levers


BASELINE = Scenario()


def parse_percent(text: str) -> Decimal:
    """'10', '+10', '-2,5', '10 %' -> Decimal; LeverError on anything else."""
    cleaned = text.strip().replace("\u2212", "-").replace(",", ".").removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise LeverError(f"'{text}' is not a percent", "percent_invalid", text=text) from None
    if not value.is_finite():
        raise LeverError(f"'{text}' is not a percent", "percent_invalid", text=text)
    if not (PERCENT_MIN < value <= PERCENT_MAX):
        raise LeverError(
            f"percent {text} is out of range: a change must be above {PERCENT_MIN} % "
            f"and at most +{PERCENT_MAX} %", "percent_range", text=text, low=PERCENT_MIN, high=PERCENT_MAX,
        )
    if value != value.quantize(Decimal("0.0001")):
        raise LeverError(f"percent '{text}' has more than four decimals", "percent_decimals", text=text)
    return value


def validate_scenario(plan: Plan, scenario: Scenario) -> None:
    """Raise LeverError naming the first lever that cannot apply to `plan`."""
    horizon = f"{plan.years[0]}–{plan.years[-1]}"
    for change in scenario.contribution_changes:
        _check_open_year(plan, change.from_year, "contribution change", horizon, "contrib")
        if not (PERCENT_MIN < change.percent <= PERCENT_MAX):
            raise LeverError(f"contribution change {change.percent} % is out of range", "contrib_range",
                             percent=change.percent)
    seen: set[int] = set()
    for esf in scenario.esf_amounts:
        _check_open_year(plan, esf.year, "ESF amount", horizon, "esf")
        if esf.amount < 0:
            raise LeverError(f"ESF amount for {esf.year} is negative ({esf.amount})", "esf_negative", year=esf.year)
        if esf.year in seen:
            raise LeverError(f"ESF amount for {esf.year} is given twice", "esf_twice", year=esf.year)
        seen.add(esf.year)
    if scenario.equity_cap_share is not None and not (0 <= scenario.equity_cap_share <= 1):
        raise LeverError("the equity cap must be between 0 and 100 % of contributions", "cap_share_range")


def _check_open_year(plan: Plan, year: int, what: str, horizon: str, kind: str) -> None:
    if year not in plan.basis:
        raise LeverError(f"{what}: {year} is outside the plan horizon {horizon}", f"{kind}_outside",
                         year=year, horizon=horizon)
    if plan.is_outcome(year):
        raise LeverError(
            f"{what}: {year} is an outcome year; levers apply from {plan.first_open_year} on",
            f"{kind}_outcome", year=year, first_open=plan.first_open_year,
        )
