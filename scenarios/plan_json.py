"""A plan as JSON text and back: how a baseline version is kept in the database.

Pure: a Plan in, text out, and the reverse. The text is canonical (sorted keys, no
spaces), so two equal plans give the same text and the same fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from .model import CostLine, IncomeLine, Member, Plan

FORMAT = 1  # bump when the shape below changes; plan_from_json reads every older one


def _years(amounts) -> dict[str, int]:
    return {str(year): int(amount) for year, amount in sorted(amounts.items())}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def plan_to_dict(plan: Plan) -> dict:
    return {
        "format": FORMAT,
        "federation_id": plan.federation_id,
        "name": plan.name,
        "years": list(plan.years),
        "basis": {str(y): plan.basis[y] for y in plan.years},
        "assumed_years": sorted(plan.assumed_years),
        "opening_equity": int(plan.opening_equity),
        "members": [
            {"id": m.id, "name": m.name, "kind": m.kind, "municipal_key": m.municipal_key,
             "population": m.population, "pays": m.pays}
            for m in plan.members
        ],
        "contributions": {mid: _years(a) for mid, a in plan.contributions.items()},
        "unallocated_contributions": _years(plan.unallocated_contributions),
        "income": [
            {"id": i.id, "kind": i.kind, "name": i.name, "project_id": i.project_id,
             "amounts": _years(i.amounts)}
            for i in plan.income
        ],
        "costs": [
            {"id": c.id, "group": c.group, "name": c.name, "start": _iso(c.start), "end": _iso(c.end),
             "amounts": _years(c.amounts)}
            for c in plan.costs
        ],
    }


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _amounts(raw: dict) -> dict[int, int]:
    return {int(year): int(amount) for year, amount in raw.items()}


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def plan_from_dict(doc: dict) -> Plan:
    years = tuple(int(y) for y in doc["years"])
    return Plan(
        federation_id=doc["federation_id"],
        name=doc["name"],
        years=years,
        basis={int(y): b for y, b in doc["basis"].items()},
        opening_equity=int(doc["opening_equity"]),
        members=tuple(
            Member(id=m["id"], name=m["name"], kind=m["kind"], municipal_key=m.get("municipal_key"),
                   population=m.get("population"), pays=bool(m.get("pays", True)))
            for m in doc["members"]
        ),
        contributions={mid: _amounts(a) for mid, a in doc["contributions"].items()},
        unallocated_contributions=_amounts(doc.get("unallocated_contributions") or {}),
        income=tuple(
            IncomeLine(id=i["id"], kind=i["kind"], name=i["name"], amounts=_amounts(i["amounts"]),
                       project_id=i.get("project_id"))
            for i in doc.get("income", [])
        ),
        costs=tuple(
            CostLine(id=c["id"], group=c["group"], name=c["name"], amounts=_amounts(c["amounts"]),
                     start=_date(c.get("start")), end=_date(c.get("end")))
            for c in doc.get("costs", [])
        ),
        assumed_years=frozenset(int(y) for y in doc.get("assumed_years", [])),
    )


def plan_from_json(text: str) -> Plan:
    return plan_from_dict(json.loads(text))


def plan_fingerprint(plan: Plan) -> str:
    """Changes whenever any figure, name or year of the plan changes (not its id)."""
    doc = plan_to_dict(plan)
    doc.pop("federation_id")
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
