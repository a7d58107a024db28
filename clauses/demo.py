"""The starter library of the demo council: every clause of `starter.py`, created and approved
through the services by the demo clause library administrator."""

from django.db import transaction

from accounts.models import User

from . import services
from .demo_cpv import DEMO_CPV_CODES
from .models import Clause, CpvCode, PurchaseFamily
from .starter import STARTER_CLAUSES

DEMO_ORGANISATION = "npdc"
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
    for data in STARTER_CLAUSES:
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


@transaction.atomic
def load_cpv_excerpt() -> int:
    """Add the French-labelled CPV excerpt; a French label already given is kept."""
    existing = {row.code[:8]: row for row in CpvCode.objects.all()}
    added = 0
    for code, label_en, label_fr in DEMO_CPV_CODES:
        row = existing.get(code[:8])
        if row is None:
            CpvCode.objects.create(code=code, label_en=label_en, label_fr=label_fr)
            added += 1
        elif not row.label_fr:
            row.label_fr = label_fr
            row.save(update_fields=["label_fr"])
    return added


def load_and_describe() -> list[str]:
    cpv_added = load_cpv_excerpt()
    created = load()
    total = Clause.objects.filter(organisation__slug=DEMO_ORGANISATION).count()
    return [
        f"CPV codes: {cpv_added} French-labelled demo codes added.",
        f"Clause library: {len(created)} starter clauses added, {total} in the council's.",
    ]
