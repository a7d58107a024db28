"""The people and places of the import tests: the town of Roubaix with two departments (LYC,
DSI), fanny its finance officer, bob a buyer there (no right on imports), oscar the finance
officer of Tourcoing. Files are kept in a temporary media folder. Import the fixtures with
`from budgets.tests.import_data import *`."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from budgets.models import Purchase

__all__ = ["bob", "dsi", "fanny", "lyc", "media_root", "organisation", "oscar", "purchase_state"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
def fanny(organisation, lyc, dsi):
    return UserFactory(
        email="fanny@roubaix.test",
        first_name="Fanny",
        last_name="Finances",
        organisation=organisation,
        department=None,
        roles=[Role.FINANCE_OFFICER],
    )


@pytest.fixture
def bob(organisation, lyc):
    return UserFactory(
        email="bob@roubaix.test",
        first_name="Bob",
        last_name="Petit",
        organisation=organisation,
        department=lyc,
        roles=[Role.BUYER],
    )


@pytest.fixture
def oscar():
    tourcoing = OrganisationFactory(name="Ville de Tourcoing", slug="tourcoing")
    return UserFactory(
        email="oscar@tourcoing.test",
        first_name="Oscar",
        last_name="Olivier",
        organisation=tourcoing,
        department=DepartmentFactory(organisation=tourcoing, code="LYC", name="Lycées"),
        roles=[Role.FINANCE_OFFICER],
    )


def purchase_state(organisation) -> list[tuple]:
    """Every purchase of the organisation with its labels, to compare before and after."""
    return [
        (
            purchase.reference,
            purchase.date,
            purchase.department.code,
            purchase.family.code,
            purchase.amount,
            tuple(sorted(label.code for label in purchase.eco_labels.all())),
            purchase.recycled_content,
            purchase.reuse,
            purchase.batch_id,
        )
        for purchase in Purchase.objects.filter(organisation=organisation)
        .select_related("department", "family")
        .prefetch_related("eco_labels")
        .order_by("reference")
    ]
