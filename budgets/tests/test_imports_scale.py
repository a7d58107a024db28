"""100,000 purchase lines: checked and imported in one transaction with bulk writes (COPY on
PostgreSQL, bulk_create elsewhere), with a number of queries set by the size of the INSERT
batches, never one per line."""

import math

import pytest
from django.db import connection

from budgets.imports import PURCHASE_COLUMNS
from budgets.models import ImportKind, ImportStatus, Purchase
from budgets.services import imports as services

pytestmark = pytest.mark.django_db

LINES = 100_000
# Lines before the 100,000th cost the same; a few queries besides the INSERTs: the import, its
# history, the departments, families, labels and known references, savepoints.
OTHER_QUERIES = 20


def big_file(lines: int = LINES) -> bytes:
    rows = [";".join(PURCHASE_COLUMNS)]
    for n in range(lines):
        department = "LYC" if n % 3 else "DSI"
        family = "paper" if n % 2 else "office-supplies"
        labels = ("eu-ecolabel|fsc", "recycled-100", "", "")[n % 4]
        amount = f"-{n % 97},50" if n % 50 == 0 else f"{n % 1000 + 1},{n % 100:02d}"
        rows.append(
            f"F-{n:06d};{n % 28 + 1:02d}/{n % 12 + 1:02d}/2025;{department};{family};"
            f"Fournisseur {n % 40};Ligne {n};{amount};{labels};{n % 101 if n % 5 else ''};"
            f"{'oui' if n % 7 == 0 else 'non'}"
        )
    return "\r\n".join(rows).encode()


def insert_statements(model, rows: int) -> int:
    """INSERTs bulk_create makes for `rows` rows (SQLite caps a statement's parameters)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(services.WRITE_BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * rows))
    return math.ceil(rows / size)


def test_100000_lines_import_in_one_transaction_with_bulk_writes(
    organisation, lyc, dsi, fanny, django_assert_max_num_queries
):
    content = big_file()
    links = LINES // 4 * 2 + LINES // 4

    with django_assert_max_num_queries(OTHER_QUERIES):
        batch = services.import_preview(
            actor=fanny,
            organisation=organisation,
            kind=ImportKind.PURCHASES,
            content=content,
            file_name="grand-livre.csv",
        )
    assert batch.status == ImportStatus.PREVIEW, batch.errors[:3]
    assert (batch.rows_total, batch.rows_created) == (LINES, LINES)

    if connection.vendor == "postgresql":
        writes = 0  # two COPY statements, which Django does not count as queries
    else:
        writes = insert_statements(Purchase, LINES) + insert_statements(
            Purchase.eco_labels.through, links
        )
    with django_assert_max_num_queries(OTHER_QUERIES + writes) as captured:
        batch = services.import_confirm(actor=fanny, batch=batch)

    assert batch.status == ImportStatus.IMPORTED
    assert batch.rows_created == LINES
    assert Purchase.objects.filter(batch=batch).count() == LINES
    assert Purchase.eco_labels.through.objects.count() == links
    inserts = [q for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == writes + 1  # + the history row of the import


def test_reversing_an_import_takes_a_handful_of_queries_whatever_its_size(
    organisation, lyc, dsi, django_assert_max_num_queries
):
    batch = services.import_preview(
        actor=None,
        organisation=organisation,
        kind=ImportKind.PURCHASES,
        content=big_file(20_000),
        file_name="grand-livre.csv",
    )
    batch = services.import_confirm(actor=None, batch=batch)

    with django_assert_max_num_queries(10):
        services.import_reverse(actor=None, batch=batch)

    assert not Purchase.objects.exists()
    assert not Purchase.eco_labels.through.objects.exists()
