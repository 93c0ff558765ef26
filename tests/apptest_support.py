"""Small helpers for the AppTest page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def metric(at: AppTest, label: str) -> str:
    """The value of the st.metric labelled `label`."""
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")
