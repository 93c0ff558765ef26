"""A projection rounded to whole tkr so that every printed row adds up.

Rounding each figure alone can print 'available 6 423' over parts that sum to
6 422. Here the closing equity is rounded, each year opens with the printed
closing of the year before, and the year's flows are rounded by largest
remainder to the printed change in equity.
"""

from __future__ import annotations

from .engine import Projection
from .numformat import kr_to_tkr, tkr_parts_matching_total

TKR_FIELDS = ("opening_equity", "contributions", "esf", "other_income", "available", "costs",
              "result", "closing_equity")


def tkr_rows(projection: Projection) -> list[dict[str, int]]:
    rows = []
    opening = None
    for row in projection.years:
        if opening is None:
            opening = kr_to_tkr(row.opening_equity)
        closing = kr_to_tkr(row.closing_equity)
        result = closing - opening
        contributions, esf, other, minus_costs = tkr_parts_matching_total(
            [row.contributions, row.esf, row.other_income, -row.costs], result
        )
        rows.append({
            "year": row.year,
            "opening_equity": opening,
            "contributions": contributions,
            "esf": esf,
            "other_income": other,
            "available": opening + contributions + esf + other,
            "costs": -minus_costs,
            "result": result,
            "closing_equity": closing,
        })
        opening = closing
    return rows
