"""A federation brought in by a user works on every page, as the seeded ones do."""

from __future__ import annotations

import pytest

from scenarios.budget_file import read_budget_file, template_xlsx
from scenarios.plans import open_baselines
from tests.apptest_support import open_app

PAGES = ["overview", "contributions", "projects", "grants", "budget_table", "scenarios", "compare", "solve",
         "papers", "baseline", "follow_up", "roll_forward", "new_federation"]


@pytest.fixture
def own_federation(db):
    """The template's example federation, imported as a chief would."""
    result = read_budget_file(template_xlsx(), "mall.xlsx", federation_id="exempel", name="Samordningsförbundet Exempel")
    assert result.ok, [f.text() for f in result.findings]
    open_baselines(db).create_federation(result.plan, user="Test", comment="Importerad")
    return "exempel"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_renders_for_an_imported_federation(own_federation, page, lang):
    at = open_app({"fed": own_federation, "lang": lang}, page=page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.session_state["fed"] == own_federation
