"""A projection rounded to whole tkr so that every printed row adds up (for the CLI).

The rounding itself is `frames.budget_rows`, the one the budget table, the Excel
workbook and the PDF report print: each year opens with the printed closing of the
year before, and available funds, costs and closing equity add up as printed.
"""

from __future__ import annotations

from .engine import Projection
from .frames import budget_rows
from .model import Plan


def tkr_rows(plan: Plan, projection: Projection) -> list[dict[str, int]]:
    rows = {row.key: row.values for row in budget_rows(plan, projection)}
    out = []
    for year_row in projection.years:
        y = year_row.year
        opening, closing = rows["opening_equity"][y], rows["closing_equity"][y]
        out.append({
            "year": y,
            "opening_equity": opening,
            "contributions": rows["contributions"][y],
            "esf": rows.get("esf", {}).get(y, 0),
            "other_income": rows.get("other_income", {}).get(y, 0),
            "available": rows["available"][y],
            "costs": rows["costs"][y],
            "result": closing - opening,
            "closing_equity": closing,
        })
    return out
