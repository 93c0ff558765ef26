"""The benchmark code runs (timing is printed by `make bench`, never asserted here).

`pytest tests/test_benchmarks.py --benchmark-enable` times the engine with pytest-benchmark.
"""

from __future__ import annotations

from benchmarks.engine_bench import country, lever_variants, time_country, time_single
from scenarios.engine import project, project_many


def test_country_is_69_ten_year_plans(plans):
    made = country(list(plans.values()))
    assert len(made) == 69 and {len(p.years) for p in made} == {10}
    assert len({p.federation_id for p in made}) == 69


def test_benchmark_functions_run(plans, rules):
    made = country(list(plans.values()), count=3)
    assert len(time_single(made[0], rules, runs=3)) == 3
    assert len(time_country(made, rules, variants=2, repeats=1)) == 1


def test_one_projection(benchmark, plans, rules):
    plan = country(list(plans.values()), count=1)[0]
    scenario = lever_variants(plan, 1)[0]
    result = benchmark(project, plan, rules, scenario)
    assert len(result.years) == 10


def test_hundred_variants(benchmark, plans, rules):
    plan = country(list(plans.values()), count=1)[0]
    scenarios = lever_variants(plan, 100)
    result = benchmark(project_many, plan, scenarios, rules)
    assert result.closing_equity.shape == (100, 10)
