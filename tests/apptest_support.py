"""Small helpers for the AppTest page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard import tables

TIMEOUT = 60


def ok(at: AppTest) -> AppTest:
    """The app ran without an exception."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(at: AppTest) -> AppTest:
    return ok(at.run())


def open_app(params: dict | None = None, page: str | None = None, timeout: float = TIMEOUT) -> AppTest:
    """The dashboard (FINSAM_DB set by the test), with `params` in the URL, on `page`
    (a file name under dashboard/views/ without '.py'), run once."""
    at = AppTest.from_file("../dashboard/app.py", default_timeout=timeout)
    if params:
        at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(f"views/{page}.py")
    return run(at)


def metric(at: AppTest, label: str) -> str:
    """The value of the st.metric labelled `label`."""
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def shown_table(at: AppTest, key: str):
    """The table in the container `key` as a frame of the texts shown: an HTML table
    (dashboard/tables.py) or an st.dataframe / st.data_editor."""
    box = at.container(key=key)
    for md in box.markdown:
        if 'class="fin-table"' in md.value:
            return tables.read(md.value)
    return box.dataframe[0].value
