"""The named people of the access tests (after healthchecks' hc/test.py):

alice, administrator of organisation A; bob, buyer of organisation A in another department;
charlie, administrator of organisation B. An anonymous visitor is a client without login.
Other apps import these fixtures and override `admin_role` to make alice and charlie the
administrators of what they test."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory


@pytest.fixture
def admin_role():
    return Role.ORG_ADMIN


@pytest.fixture
def alice(admin_role):
    organisation = OrganisationFactory(name="Ville de Roubaix")
    return UserFactory(
        email="alice@roubaix.test",
        first_name="Alice",
        last_name="Martin",
        organisation=organisation,
        department=DepartmentFactory(
            organisation=organisation, code="DSI", name="Direction du numérique"
        ),
        roles=[admin_role],
    )


@pytest.fixture
def bob(alice):
    return UserFactory(
        email="bob@roubaix.test",
        first_name="Bob",
        last_name="Petit",
        job_title="Acheteur",
        organisation=alice.organisation,
        department=DepartmentFactory(
            organisation=alice.organisation, code="LYC", name="Direction des lycées"
        ),
        roles=[Role.BUYER],
    )


@pytest.fixture
def charlie(admin_role):
    organisation = OrganisationFactory(name="Ville de Tourcoing")
    return UserFactory(
        email="charlie@tourcoing.test",
        first_name="Charlie",
        last_name="Garnier",
        organisation=organisation,
        department=DepartmentFactory(organisation=organisation, code="ACH", name="Achats"),
        roles=[admin_role],
    )
