"""The people of the budgets page tests, in the town of Roubaix (departments LYC and DSI) and in
Tourcoing, and what the pages' tests share. Import the fixtures a module uses with
`from budgets.tests.pages_data import *`.

fanny, finance officer (writes budgets and imports); henri, head of LYC (reads LYC only);
colette, committee member (reads every department); clement, clause library administrator
(manages the rules); bob, a buyer of LYC (none of these rights); oscar, finance officer and
clause administrator of Tourcoing (everything of Roubaix is unknown to him)."""

import html
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory

__all__ = [
    "bob",
    "clement",
    "colette",
    "dsi",
    "fanny",
    "henri",
    "lyc",
    "media_root",
    "organisation",
    "oscar",
    "seed_rules",
]

NBSP = "\u00a0"
NNBSP = "\u202f"


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def login_url(url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': url}, safe='/')}"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a directory of the test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Ville de Roubaix", slug="roubaix")


@pytest.fixture
def lyc(organisation):
    return DepartmentFactory(organisation=organisation, code="LYC", name="Direction des lycées")


@pytest.fixture
def dsi(organisation):
    return DepartmentFactory(organisation=organisation, code="DSI", name="Direction du numérique")


def _person(organisation, department, email, first_name, last_name, roles):
    return UserFactory(
        organisation=organisation,
        department=department,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=roles,
    )


@pytest.fixture
def fanny(organisation, dsi):
    return _person(
        organisation, None, "fanny@roubaix.test", "Fanny", "Finances", [Role.FINANCE_OFFICER]
    )


@pytest.fixture
def henri(organisation, lyc):
    return _person(organisation, lyc, "henri@roubaix.test", "Henri", "Chef", [Role.DEPARTMENT_HEAD])


@pytest.fixture
def colette(organisation):
    return _person(
        organisation, None, "colette@roubaix.test", "Colette", "Comité", [Role.COMMITTEE_MEMBER]
    )


@pytest.fixture
def clement(organisation):
    return _person(
        organisation, None, "clement@roubaix.test", "Clément", "Clauses", [Role.CLAUSE_ADMIN]
    )


@pytest.fixture
def bob(organisation, lyc):
    return _person(organisation, lyc, "bob@roubaix.test", "Bob", "Petit", [Role.BUYER])


@pytest.fixture
def oscar():
    tourcoing = OrganisationFactory(name="Ville de Tourcoing", slug="tourcoing")
    return _person(
        tourcoing,
        DepartmentFactory(organisation=tourcoing, code="ACH", name="Achats"),
        "oscar@tourcoing.test",
        "Oscar",
        "Ailleurs",
        [Role.FINANCE_OFFICER, Role.CLAUSE_ADMIN, Role.COMMITTEE_MEMBER],
    )


@pytest.fixture
def seed_rules(clement):
    """The seed's two rules, in force since 2024: office supplies (20 % of the budget,
    eco-labelled) and paper (100 % of spend, 100 % recycled)."""
    from budgets.tests.factories import make_seed_rules

    return make_seed_rules(clement, first_year=2024)
