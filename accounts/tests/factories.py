import factory
import pytest
from django.contrib.auth.models import Group

from accounts.models import Department, Organisation, OrganisationKind, User
from accounts.roles import Role
from core.siret import make_siret

TEST_PASSWORD = "Mot-de-passe-de-test-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Collectivité {n}")
    slug = factory.Sequence(lambda n: f"collectivite-{n}")
    kind = OrganisationKind.COMMUNE
    # Tests of each app make SIRETs from numbers of their own ten million.
    siret = factory.Sequence(lambda n: make_siret(10_000_000 + n))
    address = "1 place de la Mairie"
    postcode = "59000"
    city = "Lille"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"Direction {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A person; `roles=[Role.BUYER]` gives them roles (groups made by the post-migrate sync)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = "Dominique"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.LazyAttribute(lambda o: DepartmentFactory(organisation=o.organisation))
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[str(r) for r in extracted]))
            self.__dict__.pop("role_codes", None)


# --- The named people of the access tests (after healthchecks' hc/test.py) -------------------
#
# alice, administrator of organisation A; bob, buyer of organisation A in another department;
# charlie, administrator of organisation B. An anonymous visitor is a client without login.
# Each app's conftest imports these fixtures and overrides `admin_role` to make alice and
# charlie the administrators of what it tests.


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
