"""Where a federation's plan comes from: the newest baseline version in the
read-write database, with the seed file's reference data beside it.

The seed file (scenarios/store.py) is rebuilt from data/seeds whenever they change
and holds only what the source documents say (figures, provenance, reported totals,
contradictions). The plans themselves live in the read-write database
(scenarios/baseline_store.py); on opening, the seeded federations are given their
first version there, and nothing a user saved is touched.
"""

from __future__ import annotations

from pathlib import Path

from . import store
from .baseline_store import BaselineStore
from .plans_db import plans_location


def seed_plans(con) -> list:
    """The seeded federations' plans, as the seed file gives them."""
    return [store.load_plan(con, f["id"]) for f in store.list_federations(con)]


def open_baselines(db: Path | None = None, con=None, *, linger: float = 0.0) -> BaselineStore:
    """The baseline store beside the seed file, its seeded federations brought up to date.

    `con` is a read connection to the (seeded) seed file, if the caller has one;
    `linger` > 0 leases one connection (scenarios/plans_db.py), as the dashboard does."""
    reference = store.ensure_seeded(db)
    baselines = BaselineStore(plans_location(reference), linger=linger)
    if con is None:
        with store.open_reader(reference) as own:
            baselines.sync_seeds(seed_plans(own))
    else:
        baselines.sync_seeds(seed_plans(con))
    return baselines
