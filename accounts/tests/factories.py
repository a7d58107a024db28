import factory
from django.contrib.auth.models import Group

from accounts.models import Department, Organisation, OrganisationKind, User
from core.siret import luhn_valid

TEST_PASSWORD = "Mot-de-passe-de-test-2026"


def _siret(n: int) -> str:
    base = f"{n:013d}"
    return next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Collectivité {n}")
    slug = factory.Sequence(lambda n: f"collectivite-{n}")
    kind = OrganisationKind.COMMUNE
    siret = factory.Sequence(lambda n: _siret(2100000000000 + n))
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
