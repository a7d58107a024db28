"""The starter library of the demo council: every clause of `data/starter_clauses.json`,
created and approved through the services by the demo clause library administrator."""

from django.db import transaction

from accounts.models import User

from ..data import starter_clauses
from ..models import Clause, PurchaseFamily
from ..services import library as services

DEMO_ADMINISTRATOR = "clauses@npdc.test"


@transaction.atomic
def load() -> list[Clause]:
    """Create and approve the starter clauses that the council does not have yet."""
    actor = User.objects.select_related("organisation").get(email=DEMO_ADMINISTRATOR)
    existing = set(
        Clause.objects.filter(organisation=actor.organisation).values_list("code", flat=True)
    )
    families = {family.code: family for family in PurchaseFamily.objects.all()}
    created = []
    for data in starter_clauses():
        if data["code"] in existing:
            continue
        fields = {key: value for key, value in data.items() if key != "purchase_families"}
        clause = services.clause_create(
            actor=actor,
            purchase_families=[families[code] for code in data["purchase_families"]],
            shared_with_network=True,
            **fields,
        )
        services.clause_approve(actor=actor, clause=clause)
        created.append(clause)
    return created
