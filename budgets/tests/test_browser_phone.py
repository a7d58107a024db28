"""On a phone (390 px) in Chromium: the budget grid scrolls inside its own region, reached by the
keyboard, and the page itself never scrolls sideways; nor do the other pages of the finance
officer's journey."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory
from budgets.services.budgets import budget_set
from clauses.models import PurchaseFamily

pytestmark = pytest.mark.browser

YEAR = datetime.date.today().year


@pytest.fixture
def finance(transactional_db):
    person = UserFactory(email="finances@phone.test", roles=[Role.FINANCE_OFFICER])
    departments = [person.department] + [
        DepartmentFactory(organisation=person.organisation) for _ in range(3)
    ]
    for department in departments:
        for family in PurchaseFamily.objects.order_by("code")[:8]:
            budget_set(
                actor=person,
                department=department,
                year=YEAR,
                family=family,
                amount=Decimal("1234567.89"),
            )
    return person


def test_the_budget_grid_scrolls_inside_its_region_and_the_page_stays_fixed(
    finance, server_url, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill("finances@phone.test")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")

    for path in ("/", "/budgets/", "/budgets/imports/", "/compte/profil/", "/reseau/formations/"):
        page.goto(f"{server_url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path

    page.goto(f"{server_url}/budgets/")
    grid = page.get_by_role("region", name=f"Budgets {YEAR} par direction")
    expect(grid).to_have_attribute("tabindex", "0")
    assert grid.evaluate("e => e.scrollWidth > e.clientWidth"), "the grid itself scrolls"
    grid.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # The browser scrolls smoothly: wait for it rather than read the position at once.
    page.wait_for_function("e => e.scrollLeft > 0", arg=grid.element_handle(), timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
