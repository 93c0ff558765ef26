"""How fast a budget file is read: prints figures, asserts nothing about time.

    .venv/bin/python -m benchmarks.import_bench

A generated 60-row, 6-year .xlsx (members, income and cost lines, totals, in tkr with
decimals) is read with `read_budget_file` (open, check, build the Plan) and projected
with the engine, ~20 times; median and p95 (aim: under 1 s). The same for the .csv.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scenarios import store
from scenarios.budget_file import read_budget_file, write_csv, write_xlsx
from scenarios.engine import project
from scenarios.model import CostLine, IncomeLine, Member, Plan

YEARS = tuple(range(2022, 2028))
BASIS = {2022: "outcome", 2023: "outcome", 2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan"}
GROUPS = ("board", "office_staff", "premises", "other_admin", "projects")


REPO = Path(__file__).resolve().parents[1]


def generated_plan(rows: int = 60, seed: int = 60) -> Plan:
    """A federation with `rows` member/income/cost rows over six years, split 50/25/25."""
    rng = random.Random(seed)
    n_municipalities = 10
    members = [Member("fk", "Försäkringskassan", "state"), Member("af", "Arbetsförmedlingen", "state", pays=False),
               Member("region", "Region Exempel", "region")]
    contributions: dict[str, dict[int, int]] = {"fk": {}, "region": {}}
    for i in range(n_municipalities):
        members.append(Member(f"kommun-{i}", f"Kommun {i}", "municipality", float(rng.randint(50, 500))))
        contributions[f"kommun-{i}"] = {}
    weights = [m.municipal_key for m in members[3:]]
    for year in YEARS:
        quarter = rng.randint(900, 1500) * 1000
        contributions["fk"][year], contributions["region"][year] = 2 * quarter, quarter
        parts = [int(quarter * w / sum(weights)) for w in weights]
        parts[0] += quarter - sum(parts)
        for i, part in enumerate(parts):
            contributions[f"kommun-{i}"][year] = part
    income = [IncomeLine(f"esf-{i}", "esf", f"ESF-projekt {i}", {y: rng.randint(0, 900_000) for y in YEARS})
              for i in range(3)]
    n_costs = rows - len(members) - len(income)
    costs = [CostLine(f"line-{i}", GROUPS[i % len(GROUPS)], f"Kostnadsrad {i}",
                      {y: rng.randint(10_000, 2_000_000) for y in YEARS}) for i in range(n_costs)]
    return Plan("bench", "Samordningsförbundet Bench", YEARS, BASIS, 5_000_000, tuple(members), contributions,
                income=tuple(income), costs=tuple(costs))


def time_import(data: bytes, filename: str, rules, runs: int = 20) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = read_budget_file(data, filename)
        project(result.plan, rules)
        samples.append(time.perf_counter() - start)
    return samples


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def time_preview(data: bytes, filename: str, db: Path, runs: int = 10) -> list[float]:
    """The Nytt förbund page from the upload to the preview drawn (AppTest: the script's
    run on the server, everything the preview computes; not the browser's painting)."""
    from streamlit.testing.v1 import AppTest

    os.environ["FINSAM_DB"] = str(db)
    samples = []
    for _ in range(runs):
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60)
        at.run()
        at.switch_page("views/new_federation.py").run()
        at.file_uploader[0].set_value((filename, data, "application/octet-stream"))
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        assert not at.exception and "nf_preview_table" in [c.key for c in at.container], "no preview"
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        con = store.open_reader(db)
        rules = store.load_rules(con)
        con.close()
        _main(rules, db)
    return 0


def _main(rules, db: Path) -> None:
    plan = generated_plan()
    xlsx, csv = write_xlsx(plan, unit=1000), write_csv(plan, unit=1000)
    check = read_budget_file(xlsx, "bench.xlsx")
    assert check.ok, [f.text("en") for f in check.errors]  # the benchmark reads a valid file
    rows = len(plan.members) + len(plan.income) + len(plan.costs)
    print(f"machine: {sys.platform}, python {sys.version.split()[0]}")
    print(f"read_budget_file + project, {rows} rows × {len(YEARS)} years, tkr, 20 runs (aim < 1 s):")
    print(f"  .xlsx ({len(xlsx) // 1024} KB): {_summary(time_import(xlsx, 'bench.xlsx', rules))}")
    print(f"  .csv  ({len(csv) // 1024} KB): {_summary(time_import(csv, 'bench.csv', rules))}")
    print("upload to the preview drawn (Nytt förbund, AppTest script run), 10 runs (aim < 1 s):")
    print(f"  .xlsx: {_summary(time_preview(xlsx, 'bench.xlsx', db))}")


if __name__ == "__main__":
    raise SystemExit(main())
