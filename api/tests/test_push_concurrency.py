"""Two identical pushes of purchase lines at the same moment (a retry of the sending system, two
schedulers): the lines are imported once. Each push waits for the other's write of the same
organisation, then finds the references known and skips them; nobody gets an error. On
PostgreSQL and on SQLite as a file."""

import pytest

from api.tests.factories import token_client
from budgets.models import ImportBatch, Purchase
from clauses.models import EcoLabel, EcoLabelProof, PurchaseFamily
from core.tests.threads import at_once, needs_separate_connections

pytestmark = [pytest.mark.django_db(transaction=True), needs_separate_connections()]

URL = "/api/v1/purchases/"


def items() -> list[dict]:
    return [
        {
            "reference": f"FAC-2026-{n:04d}",
            "date": "2026-03-14",
            "department": "LYC",
            "family": "office-supplies",
            "amount_excl_vat": "250.00",
            "eco_labels": ["eu-ecolabel"],
        }
        for n in range(50)
    ]


def test_two_identical_pushes_at_once_import_the_lines_once(fanny):
    # A transactional test empties the tables, the reference data of the migrations too.
    PurchaseFamily.objects.get_or_create(
        code="office-supplies", defaults={"name": "Fournitures de bureau"}
    )
    EcoLabel.objects.get_or_create(
        code="eu-ecolabel",
        defaults={"name": "Ecolabel européen", "proves": EcoLabelProof.ECO_RESPONSIBLE},
    )
    clients = [token_client(fanny), token_client(fanny)]

    outcome = at_once(*(lambda c=client: c.post(URL, items(), format="json") for client in clients))

    assert [response.status_code for response in outcome] == [201, 201], outcome
    results = sorted((r.json()["created"], r.json()["skipped"]) for r in outcome)
    assert results == [(0, 50), (50, 0)]
    assert Purchase.objects.filter(organisation=fanny.organisation).count() == 50
    assert ImportBatch.objects.count() == 2
