"""A process killed with SIGKILL while it confirms a 50,000-line import (as the out-of-memory
killer or a node's death does to a web or worker process): PostgreSQL rolls its transaction
back, no line is left and the import is still in preview; confirming again imports the lines
once, and the same file again adds nothing.

The process runs `import_confirm`, the service every caller goes through: the web view did it
in the request until now, and the imports are moving into background jobs (core.jobs), whose
worker is killed the same way by their own tests."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from budgets.imports import PURCHASE_COLUMNS
from budgets.models import ImportStatus, Purchase
from budgets.services import imports as services
from clauses.tests.factories import PurchaseFamilyFactory
from core.tests.data import process_env, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("post"),
        reason="needs a PostgreSQL DATABASE_URL (set in CI): the kill is seen by its server",
    ),
]

LINES = 50_000
NAME = "import-confirm-killed"


def purchases_file(lines: int) -> bytes:
    rows = [";".join(PURCHASE_COLUMNS)]
    rows += [
        f"K-{n:06d};{n % 28 + 1:02d}/{n % 12 + 1:02d}/2025;{'LYC' if n % 3 else 'DSI'};"
        f"office-supplies;Fournisseur {n % 40};Ligne {n};{n % 1000 + 1},{n % 100:02d};;;non"
        for n in range(lines)
    ]
    return "\r\n".join(rows).encode()


def writing(name: str) -> bool:
    """The process named `name` is writing its lines (COPY on PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
            "AND state = 'active' AND query ILIKE 'COPY%%'",
            [name],
        )
        return cursor.fetchone()[0] == 1


def connected(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [name])
        return cursor.fetchone()[0] > 0


def test_a_process_killed_mid_confirmation_leaves_no_line_and_confirming_again_imports_once(
    organisation, lyc, dsi, fanny
):
    # A transactional test empties the tables, the families of the data migration too.
    PurchaseFamilyFactory(code="office-supplies", name="Fournitures de bureau")
    content = purchases_file(LINES)
    batch = services.import_preview(
        actor=fanny,
        organisation=organisation,
        kind="purchases",
        content=content,
        file_name="export.csv",
    )
    assert batch.status == ImportStatus.PREVIEW, batch.errors

    confirming = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from budgets.models import ImportBatch; from budgets.services import imports; "
            f"imports.import_confirm(actor=None, batch=ImportBatch.objects.get(pk={batch.pk}))",
        ],
        cwd=settings.BASE_DIR,
        env=process_env(PGAPPNAME=NAME),
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: writing(NAME), timeout=120), "never seen writing"
        os.killpg(confirming.pid, signal.SIGKILL)
        confirming.wait(timeout=30)
    finally:
        if confirming.poll() is None:
            os.killpg(confirming.pid, signal.SIGKILL)
    assert confirming.returncode == -signal.SIGKILL
    # The server sees its client gone and rolls the transaction back.
    assert wait_for(lambda: not connected(NAME), timeout=30)

    assert Purchase.objects.filter(organisation=organisation).count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW

    imported = services.import_confirm(actor=fanny, batch=batch)
    assert imported.status == ImportStatus.IMPORTED
    assert Purchase.objects.filter(organisation=organisation).count() == LINES

    again = services.import_preview(
        actor=fanny,
        organisation=organisation,
        kind="purchases",
        content=content,
        file_name="export.csv",
    )
    assert (again.rows_created, again.rows_skipped) == (0, LINES)
