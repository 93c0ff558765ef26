"""Placeholder entry point; the dashboard issue replaces it."""
import streamlit as st

st.title("finsam-planner")
