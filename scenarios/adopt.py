"""A kept scenario adopted as the federation's new budget: its levers folded into the plan.

The board decides a scenario; from then on it is the plan. The levered plan (new and
changed lines, grants, the state ceiling) gets the scenario's contributions per member
written in, so the new baseline projects exactly as the scenario did, with no levers.
Equity settings of the scenario (another ceiling share, a floor) are not part of a
plan and cannot be adopted.
"""

from __future__ import annotations

from .model import Plan
from .plan_levers import LeveredProjection, with_contributions


class AdoptError(ValueError):
    """The scenario cannot become the plan; `code` names why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def adopted_plan(result: LeveredProjection, *, has_equity_settings: bool = False) -> Plan:
    """The plan a board adopts when it adopts the scenario computed as `result`."""
    if has_equity_settings:
        raise AdoptError("equity_settings")
    return with_contributions(result.plan, result.projection)
