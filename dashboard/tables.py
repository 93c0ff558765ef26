"""Tables of formatted figures as plain HTML: label column left, figures right-aligned.

`st.dataframe` is a canvas grid: sortable, but on a lever page it was the largest
share of the browser's redraw per change (benchmarks/browser_latency.py, see the
README's benchmark section), and these tables are read, not sorted. Every cell is
escaped: names typed by users (lines, members, scenarios) are shown as text, never
as HTML or markdown.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

# Widths of the label column, as st.column_config names them.
FIRST_WIDTHS = {"small": "8rem", "medium": "12rem", "large": "18rem"}

CSS = """
<style>
.fin-table-wrap { overflow-x: auto; margin-bottom: 1rem; }
.fin-table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.95rem; }
.fin-table th, .fin-table td { padding: 0.25rem 0.75rem; border-bottom: 1px solid rgba(49, 51, 63, 0.15);
    text-align: right; white-space: nowrap; }
.fin-table th { font-weight: 600; border-bottom: 2px solid rgba(49, 51, 63, 0.35); }
.fin-table th:first-child, .fin-table td:first-child { text-align: left; white-space: normal; }
.fin-table .fin-text { text-align: left; white-space: normal; }
.fin-table tr.fin-total td { font-weight: 700; border-top: 2px solid rgba(49, 51, 63, 0.35); }
</style>
"""


def _cell(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    # one line: a blank line would end the HTML block
    return escape(text.replace("\r", " ").replace("\n", " "), quote=True)


def html(frame: pd.DataFrame, first_width: str | int = "large", total_rows: tuple[str, ...] = (),
         text_columns: tuple[str, ...] = ()) -> str:
    """The frame as one line of HTML; rows whose first cell is in `total_rows` are bold;
    `text_columns` are left-aligned and wrap (words, not figures)."""
    width = FIRST_WIDTHS.get(first_width, "18rem") if isinstance(first_width, str) else f"{first_width}px"
    text = [' class="fin-text"' if c in text_columns else "" for c in frame.columns]
    head = "".join(
        f'<th style="min-width:{width}">{_cell(c)}</th>' if i == 0 else f"<th{text[i]}>{_cell(c)}</th>"
        for i, c in enumerate(frame.columns)
    )
    body = []
    for row in frame.itertuples(index=False):
        cls = ' class="fin-total"' if row and str(row[0]) in total_rows else ""
        body.append(f"<tr{cls}>" + "".join(f"<td{text[i]}>{_cell(v)}</td>" for i, v in enumerate(row)) + "</tr>")
    return (f'<div class="fin-table-wrap"><table class="fin-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def show(frame: pd.DataFrame, key: str | None = None, first_width: str | int = "large",
         total_rows: tuple[str, ...] = (), text_columns: tuple[str, ...] = ()) -> None:
    """The table in a container with `key` (CSS class `st-key-<key>`), so tests find it."""
    with st.container(key=key):
        st.markdown(html(frame, first_width, total_rows, text_columns), unsafe_allow_html=True)


def read(markup: str) -> pd.DataFrame:
    """The frame back from `html()` (for tests and the papers: what the user saw)."""
    from html.parser import HTMLParser

    class _Reader(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    reader = _Reader()
    reader.feed(markup)
    header, *rows = reader.rows
    return pd.DataFrame(rows, columns=header)
