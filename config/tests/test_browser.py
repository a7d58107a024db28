"""Chromium, driven by Playwright, logs in as a buyer and reads the home page in French."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory

# Chromium, the live server (`server_url`) and the page (`browser_page`) come from the root
# conftest.py, which skips these tests where chromium is not installed.
pytestmark = pytest.mark.browser


@pytest.fixture
def buyer(transactional_db):
    department = DepartmentFactory(
        organisation__name="Conseil régional Nord-Pas-de-Calais",
        organisation__slug="npdc",
        code="LYC",
        name="Direction des lycées",
    )
    return UserFactory(
        email="acheteur@npdc.test",
        first_name="Camille",
        organisation=department.organisation,
        department=department,
        roles=[Role.BUYER],
    )


def test_a_buyer_logs_in_and_sees_the_home_page_in_french(server_url, buyer, browser_page):
    page = browser_page

    page.goto(f"{server_url}/")

    expect(page).to_have_url(f"{server_url}/compte/connexion/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Adresse e-mail").fill("acheteur@npdc.test")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(f"{server_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Conseil régional Nord-Pas-de-Calais")
    expect(main).to_contain_text("Direction des lycées (LYC)")
    expect(page.get_by_role("heading", name="Acheteur")).to_be_visible()
    expect(page.get_by_text("Consulter la bibliothèque de clauses")).to_be_visible()
    css = page.evaluate("getComputedStyle(document.querySelector('.navbar')).display")
    assert css == "flex", "Bootstrap's stylesheet, served by the application, is applied"
