"""The main menu in Chromium: on a laptop (1366 px) it shows its areas as drop-downs, on a
phone (390 px) it folds behind its button and the page does not scroll sideways."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def many_roles(transactional_db):
    return UserFactory(
        email="polyvalente@npdc.test",
        first_name="Nadia",
        roles=[Role.BUYER, Role.ADVISOR, Role.FINANCE_OFFICER, Role.ORG_ADMIN, Role.CLAUSE_ADMIN],
    )


def log_in(page, server_url):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill("polyvalente@npdc.test")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def test_at_1366_px_the_menu_shows_its_areas_and_marks_the_current_one(
    server_url, many_roles, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, server_url)
    navigation = page.get_by_role("navigation", name="Navigation principale")

    expect(navigation.get_by_role("button", name="Ouvrir le menu")).to_be_hidden()
    for area in ("Marchés", "Budgets", "Réseau", "Administration"):
        expect(navigation.get_by_role("button", name=area, exact=True)).to_be_visible()
    expect(
        navigation.get_by_role("link", name="Revue des marchés", include_hidden=True)
    ).to_be_hidden()

    navigation.get_by_role("button", name="Marchés", exact=True).click()
    navigation.get_by_role("link", name="Revue des marchés").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    area = navigation.get_by_role("button", name="Marchés", exact=True)
    expect(area).to_have_attribute("aria-current", "true")
    expect(navigation.get_by_role("button", name="Budgets", exact=True)).not_to_have_attribute(
        "aria-current", "true"
    )
    area.click()
    expect(navigation.get_by_role("link", name="Revue des marchés")).to_have_attribute(
        "aria-current", "page"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_at_390_px_the_menu_folds_behind_its_button(server_url, many_roles, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, server_url)
    navigation = page.get_by_role("navigation", name="Navigation principale")

    toggler = navigation.get_by_role("button", name="Ouvrir le menu")
    expect(toggler).to_be_visible()
    expect(
        navigation.get_by_role("button", name="Budgets", exact=True, include_hidden=True)
    ).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    toggler.click()
    navigation.get_by_role("button", name="Budgets", exact=True).click()
    navigation.get_by_role("link", name="Imports", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
