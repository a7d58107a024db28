from pathlib import Path

import pytest

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory


@pytest.fixture
def cpv_file(settings):
    """The official English CPV file, kept beside the repository (shared/ next to main/)."""
    path = Path(settings.BASE_DIR).parent / "shared" / "data" / "cpv" / "cpv-en.json"
    assert path.exists(), f"The CPV file is missing: {path}"
    return path


# The named people of the clause tests: alice administers the clause library of Roubaix,
# bob is a buyer there, charlie administers the clause library of Tourcoing.


@pytest.fixture
def alice():
    organisation = OrganisationFactory(name="Ville de Roubaix")
    return UserFactory(
        email="alice@roubaix.test",
        first_name="Alice",
        last_name="Martin",
        organisation=organisation,
        department=DepartmentFactory(organisation=organisation, code="ACH", name="Achats"),
        roles=[Role.CLAUSE_ADMIN],
    )


@pytest.fixture
def bob(alice):
    return UserFactory(
        email="bob@roubaix.test",
        first_name="Bob",
        last_name="Petit",
        organisation=alice.organisation,
        department=DepartmentFactory(
            organisation=alice.organisation, code="LYC", name="Direction des lycées"
        ),
        roles=[Role.BUYER],
    )


@pytest.fixture
def charlie():
    organisation = OrganisationFactory(name="Ville de Tourcoing")
    return UserFactory(
        email="charlie@tourcoing.test",
        first_name="Charlie",
        last_name="Garnier",
        organisation=organisation,
        department=DepartmentFactory(organisation=organisation, code="ACH", name="Achats"),
        roles=[Role.CLAUSE_ADMIN],
    )
