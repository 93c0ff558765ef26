"""The budget model as plain data: what a federation's plan is made of.

All amounts are whole kronor (int). Nothing here reads files or a database; the
store builds these objects and the engine reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

# The bases a year can have, in the order they occur in a plan.
BASES = ("outcome", "budget", "plan")

# Member kinds and the legal share each kind pays (the shares themselves are rules).
MEMBER_KINDS = ("state", "region", "municipality")

# Cost groups in the order of the business-plan budget table. `unspecified` holds
# outcome years whose source prints only a total.
COST_GROUPS = ("board", "office_staff", "premises", "other_admin", "projects", "unspecified")

INCOME_KINDS = ("esf", "other")

YearAmounts = Mapping[int, int]


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str  # one of MEMBER_KINDS
    municipal_key: float | None = None  # relative weight within the municipal quarter
    population: int | None = None  # inhabitants 16–64/65 where the source gives it
    pays: bool = True  # Arbetsförmedlingen's share is paid by Försäkringskassan


@dataclass(frozen=True)
class IncomeLine:
    id: str
    kind: str  # "esf" or "other"
    name: str
    amounts: YearAmounts
    project_id: str | None = None


@dataclass(frozen=True)
class CostLine:
    id: str
    group: str  # one of COST_GROUPS
    name: str
    amounts: YearAmounts
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Plan:
    """One federation's baseline: recorded outcome years, then budget and plan years."""

    federation_id: str
    name: str
    years: tuple[int, ...]
    basis: Mapping[int, str]
    opening_equity: int  # equity at the start of years[0]
    members: tuple[Member, ...]
    contributions: Mapping[str, YearAmounts]  # member id -> year -> kr
    unallocated_contributions: YearAmounts = field(default_factory=dict)
    income: tuple[IncomeLine, ...] = ()
    costs: tuple[CostLine, ...] = ()
    # Years whose figures are an assumption of ours, not the federation's own (a seed
    # with no plan for them): the screen says so.
    assumed_years: frozenset[int] = frozenset()

    @property
    def first_open_year(self) -> int | None:
        """The first year levers may change: the first budget or plan year."""
        for year in self.years:
            if self.basis[year] != "outcome":
                return year
        return None

    def is_outcome(self, year: int) -> bool:
        return self.basis.get(year) == "outcome"

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)
