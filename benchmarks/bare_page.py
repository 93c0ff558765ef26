"""The yardstick: a bare one-widget Streamlit page on the same machine."""

import streamlit as st

st.title("Jämförelsesida")
value = st.number_input("Värde", key="value", value=0, step=1)
st.metric("Dubbelt", value * 2)
