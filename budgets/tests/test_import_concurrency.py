"""Two confirmations of one import at the same moment (a double click, two tabs): one imports
the lines, the other is told the import is already confirmed; nothing is written twice and no
one sees an error page. On SQLite (a file, as installed) and on PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError

from budgets.models import ImportBatch, ImportStatus, Purchase
from budgets.services import imports as services
from budgets.tests.factories import csv_bytes, purchase_row
from clauses.tests.factories import PurchaseFamilyFactory
from core.tests.threads import at_once, needs_separate_connections

pytestmark = [pytest.mark.django_db(transaction=True), needs_separate_connections()]


def test_two_confirmations_of_one_import_give_one_import_and_one_message(organisation, lyc, fanny):
    # A transactional test empties the tables, the families of the data migration too.
    PurchaseFamilyFactory(code="office-supplies", name="Fournitures de bureau")
    content = csv_bytes([purchase_row(department="LYC") for _line in range(3)])
    batch = services.import_preview(
        actor=fanny,
        organisation=organisation,
        kind="purchases",
        content=content,
        file_name="export.csv",
    )
    assert batch.status == ImportStatus.PREVIEW, batch.errors

    outcome = at_once(
        lambda: services.import_confirm(actor=fanny, batch=batch),
        lambda: services.import_confirm(actor=fanny, batch=batch),
    )

    imported = [result for result in outcome if isinstance(result, ImportBatch)]
    refused = [result for result in outcome if isinstance(result, ValidationError)]
    assert len(imported) == len(refused) == 1, outcome
    assert refused[0].messages == ["Cet import a déjà été confirmé."]
    assert Purchase.objects.filter(organisation=organisation).count() == 3
