"""The federations' baseline plans (scenarios.baseline_store) as the dashboard uses them.

The store takes a cursor of the process's leased connection (scenarios/plans_db.py).
Reads that every rerun needs (the federation list, each federation's newest version
number) are cached until the file is written or reopened (plans_db.generation); a
version's plan never changes once written, so it is cached for good
(dashboard.state.bundle).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from scenarios import plans, store
from scenarios.baseline_store import BaselineStore, BaselineStoreError, BaselineVersion
from scenarios.model import Plan
from scenarios.plans_db import LEASE_SECONDS, cached_read

from . import signin



@st.cache_resource(show_spinner=False)
def baseline_store(db: str) -> BaselineStore:
    """Opened once per database file per process: the seeded federations are brought
    into the read-write database on that first open."""
    return plans.open_baselines(Path(db), linger=LEASE_SECONDS)


def _cached(db: str, what: str, read):
    """`read()` cached while this process holds the file and nobody wrote it."""
    return cached_read(baseline_store(db).db, ("baselines", db, what), read)


def federations(db: str) -> list[dict]:
    return _cached(db, "federations", baseline_store(db).federations)


def newest_version(db: str, federation_id: str) -> int:
    versions = _cached(db, "versions", baseline_store(db).newest_versions)
    if federation_id not in versions:
        raise store.UnknownFederation(f"unknown federation '{federation_id}'")
    return versions[federation_id]


@st.cache_resource(show_spinner=False, max_entries=256)
def plan_at(db: str, federation_id: str, version: int) -> Plan:
    """A version's plan: immutable once written, so cached for good."""
    return baseline_store(db).version(federation_id, version).plan


def history(db: str, federation_id: str):
    return _cached(db, f"history:{federation_id}", lambda: baseline_store(db).history(federation_id))


def version(db: str, federation_id: str, number: int) -> BaselineVersion:
    return baseline_store(db).version(federation_id, number)


def seen_version(page: str, federation_id: str, version: int) -> int:
    """The version `page` showed on its previous run (else `version`): a save expects
    it, so a plan someone else saved meanwhile is refused (and then shown) rather
    than silently built upon."""
    seen = st.session_state.get(f"_{page}_seen")
    st.session_state[f"_{page}_seen"] = (federation_id, version)
    return seen[1] if seen and seen[0] == federation_id else version


def write(db: str, method: str, *args, **kwargs) -> BaselineVersion:
    """A write to the store (create_federation, save, restore, …), if the user's role
    allows it (else BaselineStoreError 'not_allowed'). Writes take turns on the leased
    connection, and each one moves the generation the caches are keyed by."""
    if method == "create_federation":
        action, fid = "create_federation", None
    elif method == "save":
        action, fid = ("adopt" if kwargs.get("action") == "adopt" else "edit_baseline"), args[0].federation_id
    else:  # restore
        action, fid = "edit_baseline", args[0]
    try:
        signin.require(action, fid)
    except signin.NotAllowed as exc:
        raise BaselineStoreError("not_allowed", str(exc)) from exc
    return getattr(baseline_store(db), method)(*args, **kwargs)


__all__ = ["BaselineStoreError", "federations", "newest_version", "plan_at", "history", "version", "seen_version",
           "write"]
