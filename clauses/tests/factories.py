from pathlib import Path

import factory
import pytest

from accounts.roles import Role
from clauses.models import (
    ClauseCategory,
    ClauseKind,
    CpvCode,
    DecpConsideration,
    EcoLabel,
    EcoLabelProof,
    OcdsSustainabilityGoal,
    OcdsSustainabilityStrategy,
    PurchaseFamily,
)
from clauses.services.library import clause_approve, clause_create


class PurchaseFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PurchaseFamily
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"famille-{n}")
    name = factory.Sequence(lambda n: f"Famille {n}")
    cpv_prefixes = factory.LazyFunction(lambda: ["391"])


class CpvCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpvCode
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{99000000 + n:08d}-0")
    label_en = factory.Sequence(lambda n: f"Product {n}")


class EcoLabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EcoLabel
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"label-{n}")
    name = factory.Sequence(lambda n: f"Label {n}")
    proves = EcoLabelProof.ECO_RESPONSIBLE


INSERTION_PARAMETERS = [
    {
        "name": "insertion_rate",
        "label": "Taux d'insertion",
        "type": "percent",
        "min": 5,
        "max": 20,
        "default": 5,
    },
    {"name": "hours", "label": "Nombre d'heures", "type": "integer", "unit": "heures", "min": 1},
]
INSERTION_BODY = (
    "Le titulaire réserve {insertion_rate} des heures travaillées, soit au moins {hours}, "
    "à des personnes rencontrant des difficultés sociales ou professionnelles."
)


def make_clause(*, actor, **overrides):
    """A draft insertion clause of the actor's organisation, made by the real service."""
    fields = {
        "code": "insertion-heures",
        "title": "Clause d'insertion par l'activité économique",
        "body": INSERTION_BODY,
        "category": ClauseCategory.SOCIAL_INSERTION,
        "kind": ClauseKind.EXECUTION_CONDITION,
        "decp_consideration": DecpConsideration.SOCIAL_CLAUSE,
        "ocds_goal": OcdsSustainabilityGoal.DISADVANTAGED_EMPLOYMENT,
        "ocds_strategies": [OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS],
        "parameters": INSERTION_PARAMETERS,
        "legal_references": "Code de la commande publique, art. L2112-2",
    }
    fields.update(overrides)
    return clause_create(actor=actor, **fields)


def make_approved_clause(*, actor, **overrides):
    clause = make_clause(actor=actor, **overrides)
    clause_approve(actor=actor, clause=clause)
    return clause


@pytest.fixture
def admin_role():
    """alice and charlie, the administrators of the accounts fixtures, keep clause libraries."""
    return Role.CLAUSE_ADMIN


@pytest.fixture
def cpv_file(settings):
    """The official English CPV file, in the folder of the official files (CI sets it to the
    shared reference data); without it the test is skipped, which fails the run in CI."""
    path = Path(settings.OPEN_DATA_SCHEMAS_DIR) / "cpv" / "cpv-en.json"
    if not path.exists():
        pytest.skip(f"The official CPV file is not there: {path} (python manage.py load_cpv FILE)")
    return path
