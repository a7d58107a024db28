"""Chromium, driven by Playwright, logs in as a buyer and reads the home page in French."""

import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]

# Flags for a headless, offline machine: no sandbox as root, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the live
    # server's own threads are unaffected, and this test makes none while it runs.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="fr-FR")
        try:
            yield page
        finally:
            browser.close()


def test_a_buyer_logs_in_and_sees_the_home_page_in_french(live_server, browser_page):
    department = DepartmentFactory(
        organisation__name="Conseil régional Nord-Pas-de-Calais",
        organisation__slug="npdc",
        code="LYC",
        name="Direction des lycées",
    )
    UserFactory(
        email="acheteur@npdc.test",
        first_name="Camille",
        organisation=department.organisation,
        department=department,
        roles=[Role.BUYER],
    )
    page = browser_page

    page.goto(f"{live_server.url}/")

    expect(page).to_have_url(f"{live_server.url}/compte/connexion/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Adresse e-mail").fill("acheteur@npdc.test")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Conseil régional Nord-Pas-de-Calais")
    expect(main).to_contain_text("Direction des lycées (LYC)")
    expect(page.get_by_role("heading", name="Acheteur")).to_be_visible()
    expect(page.get_by_text("Consulter la bibliothèque de clauses")).to_be_visible()
    css = page.evaluate("getComputedStyle(document.querySelector('.navbar')).display")
    assert css == "flex", "Bootstrap's stylesheet, served by the application, is applied"
