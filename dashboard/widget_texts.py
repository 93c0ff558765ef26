"""Streamlit's own widget texts in Swedish where Python cannot set them.

The file uploader's button ("Upload") and its instructions ("2MB per file • XLSX")
come from Streamlit's frontend in English. In the Swedish interface they are hidden
(`visibility: hidden`, so they are neither seen nor read out as page text) and a
Swedish text is drawn in their place. Our uploaders' labels already say which files
and how large.
"""

from __future__ import annotations

SWEDISH_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {
    visibility: hidden; font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
    visibility: visible; font-size: 0.875rem; content: "Välj fil"; }
[data-testid="stFileUploaderDropzoneInstructions"] span {
    visibility: hidden; font-size: 0 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
    visibility: visible; font-size: 0.875rem; content: "eller dra och släpp filen här"; }
</style>
"""


def css(lang: str) -> str:
    """The style sheet for `lang` ("" when Streamlit's own texts already fit)."""
    return SWEDISH_CSS if lang == "sv" else ""
