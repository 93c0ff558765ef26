"""Adopting a kept scenario as the federation's new budget (Scenarier page).

The scenario's levers are folded into the plan (scenarios/adopt.py) and saved as a
new baseline version (action "adopt", with who and the board's decision as comment);
the old plan stays a version and can be restored under Baslinje. The session's
levers are then cleared: they are part of the baseline now.
"""

from __future__ import annotations

import streamlit as st

from scenarios.adopt import AdoptError, adopted_plan
from scenarios.baseline_store import BaselineStoreError
from scenarios.levers import LeverError

from . import baselines, kept, state
from .baseline_edit import store_error_text
from .i18n import error_text, t


def adopt_picked() -> None:
    """Button callback: the picked kept scenario becomes the adopted budget."""
    ss = st.session_state
    pid = kept.picked()
    try:
        stored = kept.get(pid)
    except kept.KeptError as exc:
        ss["msg_adopt"] = ("error", str(exc))
        return
    if stored.adopted:
        ss["msg_adopt"] = ("error", t("adopt_already"))
        return
    levers = kept.spec_to_levers(stored.spec)
    comment = (ss.get("adopt_comment") or "").strip() or t("adopt_default_comment", name=stored.name)
    version = baselines.newest_version(state.db(), stored.federation_id)
    try:
        result = state.check_levers(stored.federation_id, levers, version)
        plan = adopted_plan(result, has_equity_settings=levers.cap_share is not None or levers.floor is not None)
        saved = baselines.write(state.db(), "save", plan, user=kept.user_name(), comment=comment, action="adopt",
                                expected_version=version)
    except AdoptError:
        ss["msg_adopt"] = ("error", t("adopt_equity_settings"))
        return
    except LeverError as exc:
        ss["msg_adopt"] = ("error", t("err_generic", message=error_text(exc)))
        return
    except BaselineStoreError as exc:
        ss["msg_adopt"] = ("error", store_error_text(exc))
        return
    ss["levers"] = state.LeverState()
    ss["scen_pick"] = ""
    ss["scen_loaded"] = None
    ss["adopt_comment"] = ""
    ss["msg_adopt"] = ("success", t("adopt_done", name=stored.name, version=saved.version))
