"""How fast goal seek and Monte Carlo answer: prints figures, asserts nothing about time.

    .venv/bin/python -m benchmarks.solve_bench

One federation (Södra Lappland stretched to ten years):
1. one solve of each kind (aim: each under 100 ms);
2. 10 000 Monte Carlo draws over the ten years (aim: under 300 ms).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchmarks.engine_bench import YEARS, ten_year_plan
from scenarios import store
from scenarios.engine import project
from scenarios.levers import ContributionChange, Scenario
from scenarios.solve import contribution_change_for_target, first_year_within_cap, max_new_intervention
from scenarios.uncertainty import monte_carlo

RUNS = 30


def timed(fn, runs: int = RUNS) -> tuple[float, float, float, object]:
    """(first call ms, median ms, best ms, last result); the first call is timed on its own."""
    start = time.perf_counter()
    result = fn()
    first = time.perf_counter() - start
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return first * 1000, statistics.median(samples) * 1000, min(samples) * 1000, result


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        con = store.open_reader(Path(tmp) / "x.duckdb")
        rules = store.load_rules(con)
        seeded = store.load_plan(con, "sodra-lappland")
        con.close()
    plan = ten_year_plan(seeded, 1.0, "bench")
    first_open, last = plan.first_open_year, plan.years[-1]
    projects = [c.id for c in plan.costs if c.group == "projects"]
    spec = {
        "utilization": {line_id: (80, 100) for line_id in projects},
        "grants": {i.id: 0.7 for i in plan.income},
    }

    raised = Scenario(contribution_changes=(ContributionChange(first_open + 2, Decimal("10")),))
    cases = [
        (f"contribution change {first_open + 2}→cap {last}",
         lambda: contribution_change_for_target(plan, rules, None, [], first_open + 2, last, "cap"), 100),
        (f"contribution change {first_open}→0 kr {last}",
         lambda: contribution_change_for_target(plan, rules, None, [], first_open, last, 0), 100),
        # the stretched plan runs out of equity by itself; with +10 % there is room
        (f"max new intervention {first_open + 2}–{last} (contributions +10 %)",
         lambda: max_new_intervention(plan, rules, raised, [], first_open + 2), 100),
        ("first year within cap (incl. projection)",
         lambda: first_year_within_cap(project(plan, rules)), 100),
        (f"Monte Carlo 10 000 draws × {YEARS} years ({len(projects)} projects, {len(plan.income)} grants)",
         lambda: monte_carlo(plan, rules, None, spec, draws=10_000, seed=1), 300),
        (f"Monte Carlo 10 000 draws × {YEARS} years, Latin hypercube",
         lambda: monte_carlo(plan, rules, None, spec, draws=10_000, seed=1, method="lhs"), 300),
    ]
    print(f"machine: {sys.platform}, python {sys.version.split()[0]}; "
          f"plan {plan.federation_id}, {plan.years[0]}–{last}; {RUNS} runs after a first call")
    for label, fn, aim in cases:
        first, median, best, result = timed(fn)
        detail = ""
        if hasattr(result, "status"):
            detail = f" [{result.status}]"
        print(f"{label}: median {median:.2f} ms, best {best:.2f} ms, first call {first:.2f} ms "
              f"(aim < {aim} ms){detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
