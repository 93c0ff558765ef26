from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import store
from tests.browser.harness import chromium_browser, running_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    db = store.ensure_seeded(tmp_path_factory.mktemp("browser") / "finsam.duckdb")
    with running_app(db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shot():
    """Save a screenshot under test-artifacts/ (kept by CI as the test's artifact)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
