"""A town with two departments, the seed's two rules and helpers to add budgets and purchases,
for the compliance, AGEC and alert tests. Import the fixtures you use into the test module."""

from decimal import Decimal

import pytest

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from budgets.services import budget_set
from budgets.tests.factories import make_purchases, make_seed_rules
from clauses.models import EcoLabelProof, PurchaseFamily
from clauses.tests.factories import EcoLabelFactory

# The fixtures, for `from budgets.tests.compliance_data import *` in the test modules.
__all__ = [
    "dsi",
    "finance",
    "heads",
    "lyc",
    "lyc_at_risk",
    "office",
    "office_rule",
    "organisation",
    "paper",
    "paper_rule",
    "reuse_label",
    "rules_admin",
    "seed_rules",
]


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Ville de Roubaix", slug="roubaix")


@pytest.fixture
def lyc(organisation):
    return DepartmentFactory(organisation=organisation, code="LYC", name="Direction des lycées")


@pytest.fixture
def dsi(organisation):
    return DepartmentFactory(organisation=organisation, code="DSI", name="Direction du numérique")


@pytest.fixture
def finance(organisation, lyc):
    return UserFactory(
        organisation=organisation,
        department=lyc,
        email="fanny@roubaix.test",
        first_name="Fanny",
        last_name="Finances",
        roles=[Role.FINANCE_OFFICER],
    )


@pytest.fixture
def rules_admin(organisation, lyc):
    return UserFactory(
        organisation=organisation,
        department=lyc,
        email="clement@roubaix.test",
        first_name="Clément",
        last_name="Clauses",
        roles=[Role.CLAUSE_ADMIN],
    )


@pytest.fixture
def office():
    return PurchaseFamily.objects.get(code="office-supplies")


@pytest.fixture
def paper():
    return PurchaseFamily.objects.get(code="paper")


@pytest.fixture
def reuse_label():
    return EcoLabelFactory(code="reemploi", name="Réemploi", proves=EcoLabelProof.REUSE)


@pytest.fixture
def seed_rules(rules_admin):
    return make_seed_rules(rules_admin, first_year=2024)


@pytest.fixture
def office_rule(seed_rules):
    """The seed's first rule: 20 % of each department's office-supplies budget eco-responsible."""
    return seed_rules[0]


@pytest.fixture
def paper_rule(seed_rules):
    """The seed's second rule: 100 % of paper spend recycled."""
    return seed_rules[1]


def set_budget(actor, department, family, year: int, amount: str):
    return budget_set(
        actor=actor, department=department, year=year, family=family, amount=Decimal(amount)
    )


def line(
    department,
    family,
    day: str,
    amount: str,
    *,
    labels=(),
    recycled_content=None,
    reuse=False,
) -> dict:
    """One purchase line as the finance system exports it (`make_purchases` writes the file)."""
    return {
        "date": day,
        "department": department.code,
        "family": family.code,
        "amount_excl_vat": Decimal(amount),
        "eco_labels": "|".join(labels),
        "recycled_content": recycled_content,
        "reuse": reuse,
    }


def add_purchases(organisation, lines: list[dict]):
    """Import the lines as the finance officer's file, through the import services."""
    return make_purchases(organisation, lines)


@pytest.fixture
def heads(organisation, lyc, dsi):
    """LYC's head (named on the department, without the role), a person with the department
    head role in LYC, an inactive one, and DSI's head."""
    henri = UserFactory(
        organisation=organisation,
        department=None,
        email="henri@roubaix.test",
        first_name="Henri",
        last_name="Chef",
    )
    lyc.head = henri
    lyc.save()
    lea = UserFactory(
        organisation=organisation,
        department=lyc,
        email="lea@roubaix.test",
        first_name="Léa",
        last_name="Adjointe",
        roles=[Role.DEPARTMENT_HEAD],
    )
    UserFactory(
        organisation=organisation,
        department=lyc,
        email="parti@roubaix.test",
        is_active=False,
        roles=[Role.DEPARTMENT_HEAD],
    )
    # A buyer of LYC is not told.
    UserFactory(organisation=organisation, department=lyc, roles=[Role.BUYER])
    dora = UserFactory(
        organisation=organisation,
        department=dsi,
        email="dora@roubaix.test",
        first_name="Dora",
        roles=[Role.DEPARTMENT_HEAD],
    )
    return henri, lea, dora


@pytest.fixture
def lyc_at_risk(organisation, finance, lyc, dsi, office, office_rule, heads):
    """As of 1 October 2026 (day 274 of 365): LYC has 1,000 € of eco-labelled supplies for a
    budget of 10,000 €, 1,332.12 € by 31 December (13.32 % < 20 %); DSI has met its target."""
    set_budget(finance, lyc, office, 2026, "10000.00")
    set_budget(finance, dsi, office, 2026, "1000.00")
    add_purchases(
        organisation,
        [
            line(lyc, office, "2026-02-01", "1000.00", labels=["eu-ecolabel"]),
            line(lyc, office, "2026-03-01", "4000.00"),
            line(dsi, office, "2026-03-01", "300.00", labels=["eu-ecolabel"]),
        ],
    )
