"""A lever page's body as one fragment: a lever change reruns the page, not the frame.

On Medlemsbidrag, Projekt, ESF and Översikt a board changes one lever after another.
Run as a `st.fragment`, such a change reruns and redraws only the page body (the form,
the figures, the tables), not the sidebar, navigation and styles around it; with
`gc.freeze()` and HTML tables that brought a lever change level with a bare
one-widget page (benchmarks/browser_latency.py, README "Benchmarks").

The frame shows a little lever state of its own (the reset button's state, "unsaved
changes" under the picked scenario, the scenario/baseline box). The frame records what
it drew (`remember_frame`); when a fragment run changes any of it, the whole app
reruns once, so the sidebar never shows a stale state.

Session-state keys: `_frame_sig` (what the frame drew), `_picked_levers` (the picked
kept scenario's levers, or None).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from . import state


def _signature() -> tuple:
    ss = st.session_state
    levers = state.current_levers()
    picked = ss.get("_picked_levers")
    return (levers.empty, picked is not None and not picked.same_as(levers), ss.get("scen"))


def remember_frame(picked_levers) -> None:
    """Called by the frame (app.py) after drawing the sidebar."""
    st.session_state["_picked_levers"] = picked_levers
    st.session_state["_frame_sig"] = _signature()


def run(body: Callable[[], None]) -> None:
    """Run `body` as a fragment; afterwards keep the URL in step, and rerun the whole
    app if the frame would otherwise show a stale lever state."""

    @st.fragment
    def page() -> None:
        body()
        ctx_plan = state.bundle(state.db(), st.session_state["fed"]).plan
        state.sync_url(ctx_plan)
        if st.session_state.get("_frame_sig") != _signature():
            st.rerun(scope="app")

    page()
