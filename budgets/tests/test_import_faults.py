"""An import sent from the browser through real worker processes on the real PostgreSQL and
Redis (`core.tests.workers`): the check and the confirmation run by the worker, which reads the
file from the storage; the worker killed with SIGKILL while it writes the lines leaves nothing
written and the import in preview, and a fresh worker takes the job over and imports every
line once."""

import os
import signal

import pytest

from budgets.imports import PURCHASE_COLUMNS
from budgets.models import ImportKind, ImportStatus, Purchase
from budgets.services import import_jobs
from core.models import JobStatus
from core.tests.data import wait_for
from core.tests.workers import needs_worker_processes

pytestmark = [pytest.mark.worker, needs_worker_processes]

LINES = 60_000


def big_file(lines: int = LINES) -> bytes:
    rows = [";".join(PURCHASE_COLUMNS)]
    for n in range(lines):
        department = "LYC" if n % 3 else "DSI"
        label = "eu-ecolabel" if n % 4 else ""
        rows.append(
            f"K-{n:06d};{n % 28 + 1:02d}/{n % 12 + 1:02d}/2025;{department};office-supplies;"
            f"Fournisseur {n % 40};Ligne {n};{n % 1000 + 1},50;{label};;non"
        )
    return "\r\n".join(rows).encode()


def job_of(batch):
    batch.refresh_from_db()
    return batch.job


def test_a_worker_killed_while_it_writes_the_lines_leaves_nothing_and_the_next_imports_once(
    workers, fanny, organisation, lyc, dsi, office
):
    first = workers()
    batch = import_jobs.import_upload(
        actor=fanny,
        organisation=organisation,
        kind=ImportKind.PURCHASES,
        content=big_file(),
        file_name="achats.csv",
    )
    assert wait_for(lambda: job_of(batch).status == JobStatus.READY, timeout=120)
    assert batch.status == ImportStatus.PREVIEW and batch.rows_created == LINES

    import_jobs.import_confirm_request(actor=fanny, batch=batch)
    # The step the job records once the lines are checked, inside the import's transaction
    # (written by the heartbeat's own connection, so visible before the commit).
    assert wait_for(lambda: job_of(batch).step == "Enregistrement des lignes", timeout=120)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert batch.job.status == JobStatus.RUNNING  # as the dead worker left it
    assert not Purchase.objects.exists()

    workers()
    assert wait_for(lambda: not job_of(batch).is_active, timeout=120), "not taken over"
    batch.refresh_from_db()
    assert batch.job.status == JobStatus.READY, batch.job.error_detail
    assert batch.job.attempts == 2
    assert batch.status == ImportStatus.IMPORTED
    assert Purchase.objects.count() == LINES
