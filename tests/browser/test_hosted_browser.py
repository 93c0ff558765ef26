"""Hosted mode in Chromium, on a throwaway PostgreSQL: a reader signs in, sees only their
federation, and finds nothing to keep or change."""

from __future__ import annotations

import pytest

from scenarios import store
from scenarios.users import add_user
from tests.browser.harness import running_app, wait_until_idle

PASSWORD = "rätt-lösenord-1"


@pytest.fixture(scope="module")
def hosted_url(tmp_path_factory, postgres):
    folder = tmp_path_factory.mktemp("hosted")
    users = folder / "users.toml"
    add_user(users, "lars", "Lars Läsare", PASSWORD, roles={"sodra-lappland": "läsare"})
    db = store.ensure_seeded(folder / "finsam.duckdb")
    env = {"FINSAM_MODE": "hosted", "FINSAM_USERS_FILE": str(users), "FINSAM_DATABASE_URL": postgres.new_database()}
    with running_app(db, env=env) as url:
        yield url


def sign_in(page, user: str, password: str) -> None:
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_a_reader_signs_in_sees_one_federation_and_cannot_keep(hosted_url, page, shot):
    page.goto(f"{hosted_url}/scenarier?fed=sydnarke&c=2025:10")  # a link to another federation
    wait_until_idle(page)
    assert page.get_by_label("Lösenord").is_visible()
    assert page.locator('[data-testid="stMetric"]').count() == 0  # nothing before sign-in
    sign_in(page, "lars", "fel-lösenord-9")
    page.get_by_text("Fel användarnamn eller lösenord.").wait_for()
    shot(page, "hosted-signin-failed")

    sign_in(page, "lars", PASSWORD)
    page.get_by_role("heading", name="Scenarier", exact=True).wait_for()
    wait_until_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Inloggad som Lars Läsare · läsare" in sidebar.inner_text()
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Adressens parameter fed=sydnarke ignorerades. Okänt förbund." in body
    assert "Sydnärke" not in body and "Sydnärke" not in sidebar.inner_text()
    assert "Du är läsare i" in body
    assert page.get_by_role("button", name="Spara som nytt scenario").count() == 0
    assert page.get_by_role("button", name="Spara ändringar").count() == 0
    # the federation picker offers only Södra Lappland
    sidebar.get_by_role("combobox").first.click()
    options = [o.inner_text() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    assert options == ["Södra Lappland"]
    shot(page, "hosted-reader-scenarios")

    page.get_by_role("link", name="Baslinje").click()
    wait_until_idle(page)
    assert page.get_by_role("button", name="Spara som ny version").is_disabled()
