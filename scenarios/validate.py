"""Data-quality findings for one federation: pure, over the plan and what the source prints.

Severity:
- error:   a figure the source prints that the projection does not reproduce, with
           no recorded contradiction to explain it;
- warning: the source's own figures break a rule (equity that does not roll forward,
           a 50/25/25 split broken beyond rounding);
- info:    recorded contradictions, and explained or rounding-level deviations.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .engine import Projection
from .model import Plan
from .numformat import kr_to_tkr
from .rules import Rules


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    year: int | None
    kind: str  # reported_mismatch | equity_roll_forward | split | contradiction
    message: str


def validate(
    plan: Plan,
    projection: Projection,
    rules: Rules,
    reported: dict[str, dict[int, int]],
    contradictions: list[dict],
) -> list[Finding]:
    findings: list[Finding] = []
    findings += _reported_figures(projection, reported, contradictions)
    findings += _roll_forward(reported)
    findings += _split(plan, projection, rules)
    for c in contradictions:
        findings.append(Finding("info", c.get("year"), "contradiction", f"{c['subject']}: {c['description']}"))
    return sorted(findings, key=lambda f: (("error", "warning", "info").index(f.severity), f.year or 0))


def _projected(row, measure: str) -> int:
    if measure.startswith("costs:"):
        return row.costs_by_group[measure.split(":", 1)[1]]
    return getattr(row, measure)


def in_printed_unit(kr: int, unit: int) -> int:
    """A kr figure as the source would print it in `unit` (1 or 1000), half-up."""
    return kr_to_tkr(kr) * 1000 if unit == 1000 else kr


def _reported_figures(projection, reported, contradictions) -> list[Finding]:
    """Each printed figure against the projection, compared to the unit it is printed in."""
    explained = {(c.get("measure"), c.get("year")): c for c in contradictions if c.get("measure")}
    out = []
    for measure, by_year in sorted(reported.items()):
        for year, (printed, unit) in sorted(by_year.items()):
            got = in_printed_unit(_projected(projection.year(year), measure), unit)
            if got == printed:
                continue
            reason = explained.get((measure, year))
            if reason:
                out.append(Finding("info", year, "reported_mismatch",
                                   f"{measure} {year}: source prints {printed}, projection gives {got} "
                                   f"(explained: {reason['subject']})"))
            else:
                out.append(Finding("error", year, "reported_mismatch",
                                   f"{measure} {year}: source prints {printed}, projection gives {got} "
                                   f"(difference {got - printed})"))
    return out


def _roll_forward(reported) -> list[Finding]:
    closing = {y: a for y, (a, _) in reported.get("closing_equity", {}).items()}
    result = {y: a for y, (a, _) in reported.get("result", {}).items()}
    out = []
    for year in sorted(closing):
        if year - 1 in closing and year in result:
            expected = closing[year - 1] + result[year]
            if expected != closing[year]:
                out.append(Finding("warning", year, "equity_roll_forward",
                                    f"equity {year}: printed {closing[year]}, but {closing[year - 1]} "
                                    f"+ result {result[year]} = {expected}"))
    return out


def _split(plan: Plan, projection: Projection, rules: Rules) -> list[Finding]:
    out = []
    kinds = {m.id: m.kind for m in plan.members}
    for row in projection.years:
        if plan.unallocated_contributions.get(row.year) or not row.contributions:
            continue
        tolerance = int(rules.value("split_tolerance_kr", row.year))
        for kind, rule in (("state", "state_share"), ("region", "region_share"),
                           ("municipality", "municipal_share")):
            paid = sum(a for m, a in row.contributions_by_member.items() if kinds[m] == kind)
            due = Fraction(row.contributions) * rules.value(rule, row.year)
            gap = paid - due
            if gap == 0:
                continue
            severity = "warning" if abs(gap) > tolerance else "info"
            out.append(Finding(severity, row.year, "split",
                               f"split {row.year}: {kind} pays {paid}, its legal share is "
                               f"{float(due):.1f} (off by {float(gap):+.1f} kr)"))
    return out
