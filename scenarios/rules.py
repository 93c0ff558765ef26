"""The Finsam rules as dated data rows (the rows themselves live in data/rules.toml).

A rule that changes is a new row with the year it applies from; the value in force
for a year is the row with the latest `valid_from` not after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

RULE_NAMES = (
    "state_share",
    "region_share",
    "municipal_share",
    "equity_cap_share",
    "equity_floor_kr",
    "split_tolerance_kr",
)


@dataclass(frozen=True)
class Rule:
    name: str
    valid_from: int
    value: Fraction
    source: str


class RuleError(ValueError):
    pass


class Rules:
    def __init__(self, rows: Iterable[Rule]):
        self._rows: dict[str, list[Rule]] = {}
        for row in rows:
            if row.name not in RULE_NAMES:
                raise RuleError(f"unknown rule {row.name!r}")
            self._rows.setdefault(row.name, []).append(row)
        for name in RULE_NAMES:
            if name not in self._rows:
                raise RuleError(f"rule {name!r} is missing")
            self._rows[name].sort(key=lambda r: r.valid_from)

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> "Rules":
        return cls(
            Rule(r["name"], int(r["valid_from"]), Fraction(str(r["value"])), r["source"])
            for r in records
        )

    def rule(self, name: str, year: int) -> Rule:
        in_force = [r for r in self._rows[name] if r.valid_from <= year]
        if not in_force:
            raise RuleError(f"no {name} rule in force in {year}")
        return in_force[-1]

    def value(self, name: str, year: int) -> Fraction:
        return self.rule(name, year).value

    def rows(self) -> list[Rule]:
        return [r for name in RULE_NAMES for r in self._rows[name]]
