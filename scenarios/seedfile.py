"""Seed documents (data/seeds/*.toml, already parsed) into flat records for the store.

Pure: a dict in, records out; a mistake in a seed raises SeedError naming the file
part and key, so a typo never loads silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import BASES, COST_GROUPS, INCOME_KINDS, MEMBER_KINDS


class SeedError(ValueError):
    pass


@dataclass
class SeedRecords:
    federation: dict
    provenance: list[dict] = field(default_factory=list)
    years: list[dict] = field(default_factory=list)
    members: list[dict] = field(default_factory=list)
    contributions: list[dict] = field(default_factory=list)  # member_id None: unallocated
    income_lines: list[dict] = field(default_factory=list)
    income_amounts: list[dict] = field(default_factory=list)
    cost_lines: list[dict] = field(default_factory=list)
    cost_amounts: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)
    budget_vs_outcome: list[dict] = field(default_factory=list)
    reported: list[dict] = field(default_factory=list)
    contradictions: list[dict] = field(default_factory=list)


_ALLOWED = {
    "federation": {"id", "name", "source_file", "source_title", "unit"},
    "years": {"year", "basis", "source", "assumption"},
    "opening_equity": {"year", "amount", "unit", "source", "assumption"},
    "members": {"id", "name", "kind", "key", "population", "pays", "source", "assumption"},
    "contributions": {"member", "amounts", "unit", "source", "assumption"},
    "unallocated_contributions": {"amounts", "unit", "source", "assumption"},
    "income": {"id", "kind", "name", "amounts", "unit", "project", "source", "assumption"},
    "costs": {"id", "group", "name", "amounts", "unit", "start", "end", "source", "assumption"},
    "projects": {"id", "name", "start", "end", "funding", "source", "assumption"},
    "commitments": {"intervention", "as_of", "start", "end", "amount", "unit", "source", "assumption"},
    "budget_vs_outcome": {"year", "line", "outcome", "budget", "unit", "source", "assumption"},
    "reported": {"measure", "amounts", "unit", "source", "assumption"},
    "contradictions": {"year", "measure", "subject", "text", "stored", "rejected", "unit", "source", "assumption"},
}

REPORTED_MEASURES = {
    "contributions", "opening_equity", "available", "costs", "result", "closing_equity",
} | {f"costs:{g}" for g in COST_GROUPS}


def parse_seed(doc: dict, *, provenance_start: int = 1) -> SeedRecords:
    """Flatten one federation's seed document; provenance ids start at `provenance_start`."""
    unknown = set(doc) - set(_ALLOWED)
    if unknown:
        raise SeedError(f"unknown section(s) {sorted(unknown)}")
    fed = _check_keys("federation", doc.get("federation") or {}, required={"id", "name", "unit"})
    fid = fed["id"]
    unit = int(fed["unit"])
    records = SeedRecords(
        federation={
            "id": fid,
            "name": fed["name"],
            "source_file": fed.get("source_file"),
            "source_title": fed.get("source_title"),
        }
    )
    next_id = [provenance_start]

    def prov(where: str, row: dict) -> int:
        source, assumption = row.get("source"), row.get("assumption")
        if bool(source) == bool(assumption):
            raise SeedError(f"{fid}: {where}: give exactly one of 'source' or 'assumption'")
        pid = next_id[0]
        next_id[0] += 1
        records.provenance.append(
            {
                "id": pid,
                "federation_id": fid,
                "seed_file": fed.get("source_file"),
                "section": source,
                "assumption": assumption,
            }
        )
        return pid

    def scaled(row: dict, value) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise SeedError(f"{fid}: amount {value!r} is not a whole number")
        return value * int(row.get("unit", unit))

    # Years
    for row in doc.get("years", []):
        _check_keys("years", row, required={"year", "basis"})
        if row["basis"] not in BASES:
            raise SeedError(f"{fid}: year {row['year']}: unknown basis {row['basis']!r}")
        records.years.append(
            {"federation_id": fid, "year": int(row["year"]), "basis": row["basis"],
             "provenance_id": prov(f"year {row['year']}", row)}
        )
    years = [y["year"] for y in records.years]
    if not years or years != sorted(set(years)) or years != list(range(years[0], years[-1] + 1)):
        raise SeedError(f"{fid}: years must be consecutive and given once each")
    order = [BASES.index(y["basis"]) for y in records.years]
    if order != sorted(order):
        raise SeedError(f"{fid}: outcome years must come before budget years, budget before plan")

    def amounts_of(section: str, row: dict) -> dict[int, int]:
        raw = row.get("amounts")
        if not isinstance(raw, dict) or not raw:
            raise SeedError(f"{fid}: {section}: 'amounts' must be a table of year = amount")
        out = {}
        for key, value in raw.items():
            try:
                year = int(key)
            except ValueError:
                raise SeedError(f"{fid}: {section}: {key!r} is not a year") from None
            if year not in years:
                raise SeedError(f"{fid}: {section}: {year} is outside the years {years[0]}–{years[-1]}")
            out[year] = scaled(row, value)
        return out

    # Opening equity
    opening = _check_keys("opening_equity", doc.get("opening_equity") or {}, required={"year", "amount"})
    if int(opening["year"]) != years[0]:
        raise SeedError(f"{fid}: opening equity must be given for the first year {years[0]}")
    records.federation["opening_equity"] = scaled(opening, opening["amount"])
    records.federation["opening_provenance_id"] = prov("opening equity", opening)

    # Members
    member_ids = set()
    for row in doc.get("members", []):
        _check_keys("members", row, required={"id", "name", "kind"})
        if row["kind"] not in MEMBER_KINDS:
            raise SeedError(f"{fid}: member {row['id']}: unknown kind {row['kind']!r}")
        if row["id"] in member_ids:
            raise SeedError(f"{fid}: member {row['id']} is given twice")
        if row["kind"] == "municipality" and "key" not in row:
            raise SeedError(f"{fid}: municipality {row['id']} needs a 'key'")
        member_ids.add(row["id"])
        records.members.append(
            {"federation_id": fid, "member_id": row["id"], "name": row["name"], "kind": row["kind"],
             "municipal_key": row.get("key"), "population": row.get("population"),
             "pays": bool(row.get("pays", True)), "provenance_id": prov(f"member {row['id']}", row),
             "position": len(records.members)}
        )

    # Contributions
    seen: set[tuple] = set()
    for section, rows in (("contributions", doc.get("contributions", [])),
                          ("unallocated_contributions", doc.get("unallocated_contributions", []))):
        for row in rows:
            _check_keys(section, row, required={"amounts"} | ({"member"} if section == "contributions" else set()))
            member = row.get("member")
            if member is not None and member not in member_ids:
                raise SeedError(f"{fid}: contributions for unknown member {member!r}")
            pid = prov(f"{section} {member or ''}", row)
            for year, amount in amounts_of(section, row).items():
                if (member, year) in seen:
                    raise SeedError(f"{fid}: contribution of {member or 'unallocated'} in {year} given twice")
                seen.add((member, year))
                records.contributions.append(
                    {"federation_id": fid, "member_id": member, "year": year, "amount": amount,
                     "provenance_id": pid}
                )

    # Income and cost lines (a line may span several rows with different provenance)
    _lines(fid, doc.get("income", []), "income", records.income_lines, records.income_amounts,
           amounts_of, prov, _income_line)
    _lines(fid, doc.get("costs", []), "costs", records.cost_lines, records.cost_amounts,
           amounts_of, prov, _cost_line)

    for row in doc.get("projects", []):
        _check_keys("projects", row, required={"id", "name"})
        records.projects.append(
            {"federation_id": fid, "project_id": row["id"], "name": row["name"],
             "start_date": _date(fid, row.get("start")), "end_date": _date(fid, row.get("end")),
             "funding": row.get("funding"), "provenance_id": prov(f"project {row['id']}", row)}
        )
    for row in doc.get("commitments", []):
        _check_keys("commitments", row, required={"intervention"})
        records.commitments.append(
            {"federation_id": fid, "intervention": row["intervention"],
             "as_of": _date(fid, row.get("as_of")), "start_date": _date(fid, row.get("start")),
             "end_date": _date(fid, row.get("end")),
             "amount": scaled(row, row["amount"]) if "amount" in row else None,
             "provenance_id": prov(f"commitment {row['intervention']}", row)}
        )
    for row in doc.get("budget_vs_outcome", []):
        _check_keys("budget_vs_outcome", row, required={"year", "line"})
        records.budget_vs_outcome.append(
            {"federation_id": fid, "year": int(row["year"]), "line": row["line"],
             "outcome": scaled(row, row["outcome"]) if "outcome" in row else None,
             "budget": scaled(row, row["budget"]) if "budget" in row else None,
             "provenance_id": prov(f"budget vs outcome {row['line']}", row)}
        )
    for row in doc.get("reported", []):
        _check_keys("reported", row, required={"measure", "amounts"})
        if row["measure"] not in REPORTED_MEASURES:
            raise SeedError(f"{fid}: unknown reported measure {row['measure']!r}")
        pid = prov(f"reported {row['measure']}", row)
        for year, amount in amounts_of("reported", row).items():
            records.reported.append(
                {"federation_id": fid, "measure": row["measure"], "year": year, "amount": amount,
                 "unit": int(row.get("unit", unit)), "provenance_id": pid}
            )
    for row in doc.get("contradictions", []):
        _check_keys("contradictions", row, required={"subject", "text"})
        if row.get("measure") is not None and row["measure"] not in REPORTED_MEASURES:
            raise SeedError(f"{fid}: contradiction {row['subject']!r}: unknown measure {row['measure']!r}")
        records.contradictions.append(
            {"federation_id": fid, "year": row.get("year"), "measure": row.get("measure"),
             "subject": row["subject"],
             "description": row["text"],
             "stored_value": scaled(row, row["stored"]) if "stored" in row else None,
             "rejected_value": scaled(row, row["rejected"]) if "rejected" in row else None,
             "provenance_id": prov(f"contradiction {row['subject']}", row)}
        )
    return records


def _income_line(fid: str, row: dict) -> dict:
    if row["kind"] not in INCOME_KINDS:
        raise SeedError(f"{fid}: income {row['id']}: unknown kind {row['kind']!r}")
    return {"federation_id": fid, "line_id": row["id"], "kind": row["kind"], "name": row["name"],
            "project_id": row.get("project")}


def _cost_line(fid: str, row: dict) -> dict:
    if row["group"] not in COST_GROUPS:
        raise SeedError(f"{fid}: cost {row['id']}: unknown group {row['group']!r}")
    return {"federation_id": fid, "line_id": row["id"], "cost_group": row["group"], "name": row["name"],
            "start_date": _date(fid, row.get("start")), "end_date": _date(fid, row.get("end"))}


def _lines(fid, rows, section, line_records, amount_records, amounts_of, prov, make_line) -> None:
    by_id: dict[str, dict] = {}
    seen: set[tuple] = set()
    required = {"id", "name", "amounts"} | ({"kind"} if section == "income" else {"group"})
    for row in rows:
        _check_keys(section, row, required=required)
        line = make_line(fid, row)
        known = by_id.get(row["id"])
        if known is None:
            line["position"] = len(line_records)
            by_id[row["id"]] = line
            line_records.append(line)
        else:
            for key, value in line.items():
                if key in ("start_date", "end_date"):
                    if value is not None:
                        if known[key] not in (None, value):
                            raise SeedError(f"{fid}: {section} {row['id']}: conflicting {key}")
                        known[key] = value
                elif known[key] != value:
                    raise SeedError(f"{fid}: {section} {row['id']}: rows disagree on {key}")
        pid = prov(f"{section} {row['id']}", row)
        for year, amount in amounts_of(section, row).items():
            if (row["id"], year) in seen:
                raise SeedError(f"{fid}: {section} {row['id']} in {year} given twice")
            seen.add((row["id"], year))
            amount_records.append(
                {"federation_id": fid, "line_id": row["id"], "year": year, "amount": amount,
                 "provenance_id": pid}
            )


def _check_keys(section: str, row: dict, *, required: set[str]) -> dict:
    if not isinstance(row, dict):
        raise SeedError(f"{section}: expected a table")
    unknown = set(row) - _ALLOWED[section]
    if unknown:
        raise SeedError(f"{section}: unknown key(s) {sorted(unknown)}")
    missing = required - set(row)
    if missing:
        raise SeedError(f"{section}: missing key(s) {sorted(missing)}")
    return row


def _date(fid: str, value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SeedError(f"{fid}: {value!r} is not a date (YYYY-MM-DD)") from None
