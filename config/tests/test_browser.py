"""Chromium, driven by Playwright, logs in as a buyer and reads the home page in French."""

import shutil

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
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
def server_url(transactional_db):
    """A live server of our own, stopped (and its database connections closed) after the test,
    so that no thread keeps the test database open when it is dropped."""
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop in this thread: the database work of a test
    # is done in fixtures before this one starts, never while it runs.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


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
