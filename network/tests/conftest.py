"""People of the network tests. From purchasing's: alice, advisor of Roubaix; bob, buyer of
Roubaix (LYC); charlie, advisor of Tourcoing. Added here: nora, network coordinator of Roubaix;
tom, buyer of Tourcoing; eve, buyer of Lens, outside the network and its groups."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import (  # noqa: F401
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
    alice,
    bob,
    charlie,
)
from network.tests.data import (  # noqa: F401
    audit,
    fanny,
    media_root,
    site,
    supplier,
    textile,
    textile_group,
)
from network.tests.factories import make_group, make_network
from purchasing.tests.factories import admin_role, clause_admin, dora, library  # noqa: F401


@pytest.fixture
def nora(alice):
    return UserFactory(
        email="nora@roubaix.test",
        first_name="Nora",
        last_name="Réseau",
        organisation=alice.organisation,
        department=None,
        roles=[Role.NETWORK_COORDINATOR],
    )


@pytest.fixture
def tom(charlie):
    return UserFactory(
        email="tom@tourcoing.test",
        first_name="Tom",
        last_name="Lambert",
        organisation=charlie.organisation,
        department=DepartmentFactory(
            organisation=charlie.organisation, code="BAT", name="Bâtiments"
        ),
        roles=[Role.BUYER],
    )


@pytest.fixture
def eve():
    organisation = OrganisationFactory(name="Ville de Lens")
    return UserFactory(
        email="eve@lens.test",
        first_name="Ève",
        last_name="Dubois",
        organisation=organisation,
        department=DepartmentFactory(organisation=organisation, code="ACH", name="Achats"),
        roles=[Role.BUYER, Role.ADVISOR, Role.NETWORK_COORDINATOR],
    )


@pytest.fixture
def network(alice, charlie):
    """Coordinated by Roubaix, with Tourcoing as a member."""
    return make_network(alice.organisation, [charlie.organisation])


@pytest.fixture
def group(alice, charlie, nora, network):
    """A textile group coordinated by Roubaix with Tourcoing, accompanied by alice."""
    return make_group(
        alice.organisation, [charlie.organisation], created_by=nora, network=network, advisor=alice
    )
