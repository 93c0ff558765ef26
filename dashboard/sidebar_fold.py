"""Meeting mode switched on in the sidebar folds the sidebar away, as `?meet=1` does.

Streamlit sets the sidebar's state only when a page loads (`initial_sidebar_state`), so
the fold is asked for once, right after the switch: a zero-height component clicks the
sidebar's own collapse button in the page (components run in a same-origin iframe).
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

_FOLD = """<script>
const button = window.parent.document.querySelector('[data-testid="stSidebarCollapseButton"] button');
if (button) { button.click(); }
</script>"""


def on_meeting_switch() -> None:
    """The meeting-mode toggle's callback: fold on the next run if it was switched on."""
    st.session_state["_fold_sidebar"] = bool(st.session_state.get("meet"))


def fold_if_asked() -> None:
    if st.session_state.pop("_fold_sidebar", False):
        components.html(_FOLD, height=0)
