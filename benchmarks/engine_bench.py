"""How fast the engine answers: prints figures, asserts nothing about time.

    make bench        (or: .venv/bin/python -m benchmarks.engine_bench)

1. One projection: one federation, ten years, one scenario (aim: under 5 ms).
2. The whole country: 69 federations × 10 years × 100 lever variants (aim: under 1 s).

Sweden has about 69 federations; we have four seeded. The 69 are made from the
four: each extended to ten years (plan years repeating its last year) and scaled,
so every one is a distinct plan the engine has not compiled before.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from scenarios import store
from scenarios.engine import compile_plan, project, project_many
from scenarios.levers import ContributionChange, EsfAmount, Scenario
from scenarios.model import Plan

YEARS = 10


def ten_year_plan(plan: Plan, scale: float, suffix: str) -> Plan:
    """`plan` stretched to ten years and scaled by `scale`: a stand-in federation."""
    last = plan.years[-1]
    years = tuple(range(plan.years[0], plan.years[0] + YEARS))
    extra = [y for y in years if y > last]

    def stretch(amounts: dict) -> dict:
        out = {y: round(a * scale) for y, a in amounts.items() if y in years}
        for y in extra:
            out[y] = round(amounts.get(last, 0) * scale)
        return out

    return dataclasses.replace(
        plan,
        federation_id=f"{plan.federation_id}-{suffix}",
        years=years,
        basis={**{y: b for y, b in plan.basis.items() if y in years}, **{y: "plan" for y in extra}},
        opening_equity=round(plan.opening_equity * scale),
        contributions={m: stretch(a) for m, a in plan.contributions.items()},
        unallocated_contributions=stretch(plan.unallocated_contributions),
        income=tuple(dataclasses.replace(line, amounts=stretch(line.amounts)) for line in plan.income),
        costs=tuple(dataclasses.replace(line, amounts=stretch(line.amounts)) for line in plan.costs),
    )


def country(plans: list[Plan], count: int = 69) -> list[Plan]:
    rng = random.Random(69)
    return [ten_year_plan(plans[i % len(plans)], rng.uniform(0.5, 2.0), str(i)) for i in range(count)]


def lever_variants(plan: Plan, count: int = 100, seed: int = 1) -> list[Scenario]:
    rng = random.Random(seed)
    open_years = [y for y in plan.years if plan.basis[y] != "outcome"]
    return [
        Scenario(
            name=f"variant {v}",
            contribution_changes=tuple(
                ContributionChange(rng.choice(open_years), Decimal(rng.randint(-100, 200)) / 10)
                for _ in range(rng.randint(0, 3))
            ),
            esf_amounts=tuple(
                EsfAmount(y, rng.randrange(0, 1_000_000, 1_000))
                for y in rng.sample(open_years, k=min(len(open_years), rng.randint(0, 2)))
            ),
        )
        for v in range(count)
    ]


def time_single(plan: Plan, rules, runs: int = 2000) -> list[float]:
    scenario = lever_variants(plan, 1, seed=7)[0]
    project(plan, rules, scenario)  # compile once, as the app does per plan
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        project(plan, rules, scenario)
        samples.append(time.perf_counter() - start)
    return samples


def time_country(plans: list[Plan], rules, variants: int = 100, repeats: int = 5) -> list[float]:
    scenarios = {p.federation_id: lever_variants(p, variants) for p in plans}
    samples = []
    for _ in range(repeats):
        fresh = [dataclasses.replace(p) for p in plans]  # new objects: compile counted too
        start = time.perf_counter()
        for plan in fresh:
            project_many(plan, scenarios[plan.federation_id], rules)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        con = store.open_reader(Path(tmp) / "bench.duckdb")
        rules = store.load_rules(con)
        seeded = [store.load_plan(con, f["id"]) for f in store.list_federations(con)]
        con.close()
    plans = country(seeded)
    lappland = next(p for p in plans if p.federation_id.startswith("sodra-lappland"))

    single = time_single(lappland, rules)
    single.sort()
    median_ms = statistics.median(single) * 1000
    p95_ms = single[int(len(single) * 0.95)] * 1000
    compile_ms = min(_timed(lambda: compile_plan(dataclasses.replace(lappland))) for _ in range(50)) * 1000

    batch = time_country(plans, rules)
    cells = len(plans) * YEARS * 100
    print(f"machine: {sys.platform}, python {sys.version.split()[0]}")
    print(f"one projection (1 federation × {YEARS} years, 1 scenario): "
          f"median {median_ms:.3f} ms, p95 {p95_ms:.3f} ms (aim < 5 ms); compiling a new plan {compile_ms:.3f} ms")
    print(f"{len(plans)} federations × {YEARS} years × 100 lever variants ({cells} year-projections): "
          f"best {min(batch):.3f} s, median {statistics.median(batch):.3f} s (aim < 1 s)")
    return 0


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
