"""People and data of the API tests, built through the real services; `conftest.py` makes the
fixtures available to every module, which imports `token_client` from here.

Roubaix: alice (advisor: every contract, every department's compliance), bob (buyer, LYC),
dora (buyer, ENV), henri (head of LYC), fanny (finance officer), clement (clause library
administrator). Tourcoing: charlie (advisor) and his buyer tom, with a contract of their own."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from api import services
from budgets.tests.factories import make_budgets, make_purchases, make_seed_rules
from purchasing import services as market_services
from purchasing.models import InclusiveStructure
from purchasing.tests.factories import make_library, make_market, make_ready_market


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    # Throttling counts requests in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_role():
    return Role.ADVISOR


@pytest.fixture
def dora(bob):
    department = DepartmentFactory(organisation=bob.organisation, code="ENV", name="Environnement")
    return UserFactory(
        organisation=bob.organisation, department=department, first_name="Dora", roles=[Role.BUYER]
    )


@pytest.fixture
def henri(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=bob.department,
        first_name="Henri",
        roles=[Role.DEPARTMENT_HEAD],
    )


@pytest.fixture
def fanny(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Fanny",
        roles=[Role.FINANCE_OFFICER],
    )


@pytest.fixture
def clement(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Clément",
        roles=[Role.CLAUSE_ADMIN],
    )


@pytest.fixture
def tom(charlie):
    return UserFactory(
        organisation=charlie.organisation,
        department=charlie.department,
        first_name="Tom",
        roles=[Role.BUYER],
    )


@pytest.fixture
def library(clement):
    return make_library(clement)


@pytest.fixture
def market(bob, alice, library):
    """bob's contract, ready, approved, published, lot 1 awarded (lot 2 not yet)."""
    market = make_ready_market(bob, library)
    market_services.market_submit(actor=bob, market=market)
    market_services.market_approve(actor=alice, market=market)
    market_services.market_publish(
        actor=bob, market=market, published_on=datetime.date(2026, 3, 10)
    )
    lot = market.lots.get(number=1)
    market_services.award_save(
        actor=bob,
        lot=lot,
        supplier_name="Nettoyage Services du Nord",
        siret="44123456400124",
        is_sme=True,
        inclusive_structure=InclusiveStructure.SIAE,
        amount=Decimal("512345.67"),
        notified_on=datetime.date(2026, 6, 1),
    )
    market.refresh_from_db()
    return market


@pytest.fixture
def dora_market(dora, library):
    return make_market(dora, title="Papier recyclé", launch_date=datetime.date(2025, 5, 2))


@pytest.fixture
def other_market(tom):
    return make_market(tom, title="Marché de Tourcoing")


@pytest.fixture
def rules(clement):
    return make_seed_rules(clement, first_year=2024)


@pytest.fixture
def money(bob, dora, rules, charlie):
    """Budgets and purchases of LYC and ENV in 2025, and of Tourcoing's ACH."""
    organisation = bob.organisation
    make_budgets(
        organisation,
        [
            {"department": "LYC", "year": 2025, "family": "office-supplies", "amount": "1000"},
            {"department": "ENV", "year": 2025, "family": "office-supplies", "amount": "2000"},
        ],
    )
    make_purchases(
        organisation,
        [
            {"department": "LYC", "amount_excl_vat": "300,00", "eco_labels": "eu-ecolabel"},
            {"department": "LYC", "amount_excl_vat": "50,00", "date": "2025-07-01"},
            {"department": "ENV", "amount_excl_vat": "120,00", "date": "2024-11-02"},
        ],
    )
    make_budgets(
        charlie.organisation,
        [{"department": "ACH", "year": 2025, "family": "office-supplies", "amount": "9999"}],
    )
    make_purchases(charlie.organisation, [{"department": "ACH", "amount_excl_vat": "777,00"}])


def token_client(user) -> APIClient:
    """A client sending a fresh token of `user`."""
    _token, secret = services.token_create(actor=user, name="Test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def api_as():
    return token_client
