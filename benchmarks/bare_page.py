"""The yardstick: a bare one-widget Streamlit page on the same machine."""

import gc
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import run_timing  # noqa: E402

run_timing.install()  # the same server-side timing as the dashboard (FINSAM_RUN_TIMING=1)

if os.environ.get("FINSAM_BARE_GC_FREEZE") == "1" and not gc.get_freeze_count():
    gc.freeze()  # as the dashboard does after its first page (dashboard/state.py)

st.title("Jämförelsesida")
value = st.number_input("Värde", key="value", value=0, step=1)
st.metric("Dubbelt", value * 2)
