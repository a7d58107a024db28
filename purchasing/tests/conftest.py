"""People of the contract tests, in two departments of Roubaix and in Tourcoing."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, UserFactory, alice, bob, charlie  # noqa: F401


@pytest.fixture
def admin_role():
    """alice is the responsible-purchasing advisor of Roubaix; bob a buyer there (LYC);
    charlie an advisor of Tourcoing."""
    return Role.ADVISOR


@pytest.fixture
def dora(bob):
    """A buyer of another department of bob's organisation."""
    department = DepartmentFactory(organisation=bob.organisation, code="ENV", name="Environnement")
    return UserFactory(
        organisation=bob.organisation,
        department=department,
        first_name="Dora",
        last_name="Lefèvre",
        roles=[Role.BUYER],
    )


@pytest.fixture
def head(bob):
    """The head of bob's department."""
    return UserFactory(
        organisation=bob.organisation,
        department=bob.department,
        first_name="Henri",
        last_name="Chef",
        roles=[Role.DEPARTMENT_HEAD],
    )


@pytest.fixture
def committee(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Colette",
        last_name="Comité",
        roles=[Role.COMMITTEE_MEMBER],
    )


@pytest.fixture
def clause_admin(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Clément",
        last_name="Clauses",
        roles=[Role.CLAUSE_ADMIN],
    )


@pytest.fixture
def library(clause_admin):
    """Approved clauses of bob's organisation: see factories.make_library."""
    from purchasing.tests.factories import make_library

    return make_library(clause_admin)
