"""Chromium, driven by Playwright: a buyer goes from their profile page to their tokens,
creates one, copies it (shown once), opens the API documentation from there and tries the
contract list with the session of the site. No page breaks the Content Security Policy."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    TEST_PASSWORD,
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

EMAIL = "bruno.acheteur@roubaix.test"


@pytest.fixture
def buyer(transactional_db):
    organisation = OrganisationFactory(name="Ville de Roubaix", slug="roubaix")
    department = DepartmentFactory(organisation=organisation, code="LYC", name="Lycées")
    return UserFactory(
        email=EMAIL, organisation=organisation, department=department, roles=[Role.BUYER]
    )


def test_a_token_is_created_and_the_documentation_works_under_the_csp(
    buyer, server_url, browser_page
):
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")

    page.goto(f"{server_url}/compte/profil/")
    expect(page.get_by_role("heading", name="Accès à l'API")).to_be_visible()
    page.get_by_role("link", name="Créer ou révoquer un jeton").click()
    page.get_by_label("Nom du jeton").fill("Logiciel financier")
    page.get_by_role("button", name="Créer un jeton").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau jeton d'accès à l'API")
    secret = page.locator("#jeton").inner_text()
    assert re.fullmatch(r"ar_[0-9a-f]{64}", secret)

    page.get_by_role("link", name="Retour à mes jetons").click()
    row = page.get_by_role("row", name=re.compile("Logiciel financier"))
    expect(row).to_contain_text(secret[:15])
    expect(page.get_by_text(secret)).to_have_count(0)

    page.get_by_role("link", name="Documentation de l'API").first.click()
    expect(page).to_have_url(f"{server_url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API Achats responsables")
    operation = page.locator("#operations-contracts-contracts_list")
    page.get_by_role("button", name="GET /api/v1/contracts/ Marchés").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    assert violations == []
