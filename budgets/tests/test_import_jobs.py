"""Imports sent from the browser run in the background (core's job mechanism): the file kept in
the storage, its check and its confirmation each a job whose progress the import's page shows
(and polls), with an honest status, a retry after a failure, and a confirmation that imports
once however often it is asked for. Without Redis the jobs run in the process once the request's
transaction commits."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from budgets.models import IMPORT_CHECK_JOB, IMPORT_CONFIRM_JOB, ImportBatch, ImportStatus, Purchase
from budgets.services import import_jobs
from budgets.tests.data import text_of
from budgets.tests.factories import csv_bytes, purchase_row
from core.models import JobStatus

pytestmark = pytest.mark.django_db

UPLOAD = reverse("budgets:import-upload")
ROWS = [
    {"reference": "J-1", "department": "LYC"},
    {"reference": "J-2", "department": "DSI", "eco_labels": "eu-ecolabel"},
]
# Session, user, permissions, the import with its job; the other apps' menu.
STATUS_QUERIES = 6


def detail_url(batch):
    return reverse("budgets:import-detail", kwargs={"public_id": batch.public_id})


def status_url(batch):
    return reverse("budgets:import-status", kwargs={"public_id": batch.public_id})


def confirm_url(batch):
    return reverse("budgets:import-confirm", kwargs={"public_id": batch.public_id})


def check_retry_url(batch):
    return reverse("budgets:import-check-retry", kwargs={"public_id": batch.public_id})


def send(client, rows=ROWS, *, run_jobs=True):
    upload = SimpleUploadedFile("achats.csv", csv_bytes([purchase_row(**r) for r in rows]))
    with TestCase.captureOnCommitCallbacks(execute=run_jobs):
        response = client.post(UPLOAD, {"kind": "purchases", "file": upload})
    return response, ImportBatch.objects.latest("uploaded_at")


def confirm(client, batch, *, run_jobs=True):
    with TestCase.captureOnCommitCallbacks(execute=run_jobs):
        return client.post(confirm_url(batch))


@pytest.fixture
def signed_in(client, fanny, lyc, dsi):
    client.force_login(fanny)
    return client


def test_the_upload_keeps_the_file_in_the_storage_and_queues_its_check(signed_in):
    response, batch = send(signed_in, run_jobs=False)

    assert response.status_code == 302 and response.url == detail_url(batch)
    assert batch.status == ImportStatus.CHECKING
    assert batch.job.kind == IMPORT_CHECK_JOB and batch.job.status == JobStatus.PENDING
    assert default_storage.exists(batch.file.name)
    text = text_of(signed_in.get(detail_url(batch)))
    assert "Vérification du fichier" in text
    assert "vérifié en arrière-plan" in text
    assert "Actualiser" in text
    assert "Confirmer l'import" not in text
    assert not Purchase.objects.exists()


def test_the_check_job_turns_the_import_into_a_preview(signed_in):
    _response, batch = send(signed_in)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert (batch.rows_total, batch.rows_created) == (2, 2)
    assert batch.job.status == JobStatus.READY
    text = text_of(signed_in.get(detail_url(batch)))
    assert "Confirmer l'import" in text
    assert "J-2" in text  # the preview reads the stored file


def test_a_file_with_errors_is_rejected_by_its_check(signed_in):
    _response, batch = send(signed_in, [{"reference": "J-9", "department": "XXX"}])

    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED
    assert batch.errors_total == 1
    assert "Direction inconnue" in text_of(signed_in.get(detail_url(batch)))


def test_the_status_answer_is_the_truth_of_the_job(signed_in, django_assert_max_num_queries):
    _response, batch = send(signed_in, run_jobs=False)

    with django_assert_max_num_queries(STATUS_QUERIES):
        answer = signed_in.get(status_url(batch))

    assert answer["Cache-Control"] == "no-store"
    assert answer.json() == {
        "status": "pending",
        "state": "pending",
        "status_label": "En attente",
        "progress": 0,
        "step": "",
        "active": True,
    }


def test_an_outsider_gets_404_and_a_member_without_the_right_403(client, signed_in, oscar, bob):
    _response, batch = send(signed_in, run_jobs=False)
    client.force_login(oscar)
    assert client.get(status_url(batch)).status_code == 404
    assert client.post(confirm_url(batch)).status_code == 404
    assert client.post(check_retry_url(batch)).status_code == 404
    client.force_login(bob)
    assert client.get(status_url(batch)).status_code == 403
    assert client.post(check_retry_url(batch)).status_code == 403
    client.logout()
    assert client.get(status_url(batch)).status_code == 302
    assert client.post(status_url(batch)).status_code in (302, 405)


def test_confirming_runs_the_import_as_a_job_and_once_only(signed_in, fanny):
    _response, batch = send(signed_in)

    confirm(signed_in, batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert batch.imported_by == fanny
    assert batch.job.kind == IMPORT_CONFIRM_JOB and batch.job.status == JobStatus.READY
    assert "Import terminé : 2 lignes ajoutées." in text_of(signed_in.get(detail_url(batch)))

    response = signed_in.post(confirm_url(batch), follow=True)
    assert "Cet import a déjà été confirmé." in text_of(response)
    assert Purchase.objects.count() == 2


def test_asking_again_while_the_confirmation_waits_gives_the_same_job(signed_in):
    _response, batch = send(signed_in)
    confirm(signed_in, batch, run_jobs=False)
    batch.refresh_from_db()
    first = batch.job

    response = confirm(signed_in, batch, run_jobs=False)
    page = signed_in.get(response.url)

    batch.refresh_from_db()
    assert batch.job == first
    assert "La confirmation de cet import est déjà en cours." in text_of(page)
    assert "Confirmer l'import" not in text_of(page)
    assert "Confirmation de l'import" in text_of(page)
    # Both deliveries of that one job: the lines are imported once.
    import_jobs_run(first)
    import_jobs_run(first)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert Purchase.objects.count() == 2


def import_jobs_run(job):
    from core.jobs import runner

    job.refresh_from_db()
    if job.status != JobStatus.PENDING:
        type(job).objects.filter(pk=job.pk).update(status=JobStatus.PENDING)
    runner.run(job.pk, eager=True)


def test_a_check_that_fails_says_why_and_is_retried(signed_in, fanny):
    _response, batch = send(signed_in, run_jobs=False)
    kept = batch.file.read()
    batch.file.close()
    default_storage.delete(batch.file.name)

    with TestCase.captureOnCommitCallbacks(execute=True):
        import_jobs_run(batch.job)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CHECKING
    assert batch.job.status == JobStatus.FAILED
    text = text_of(signed_in.get(detail_url(batch)))
    assert "Le fichier de cet import n'est plus disponible." in text
    assert "Relancer la vérification" in text

    default_storage.save(batch.file.name, _content(kept))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = signed_in.post(check_retry_url(batch), follow=True)
    assert "La vérification du fichier est relancée." in text_of(response)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert batch.job.attempts == 1


def test_a_failed_confirmation_is_asked_for_again(signed_in):
    _response, batch = send(signed_in)
    confirm(signed_in, batch, run_jobs=False)
    batch.refresh_from_db()
    type(batch.job).objects.filter(pk=batch.job_id).update(
        status=JobStatus.FAILED, error="Le travail s'est arrêté sur une erreur inattendue."
    )
    text = text_of(signed_in.get(detail_url(batch)))
    assert "Le travail s'est arrêté sur une erreur inattendue." in text
    assert "Relancer la confirmation" in text

    confirm(signed_in, batch)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert Purchase.objects.count() == 2


def test_a_confirmation_refused_to_the_person_since_fails_with_the_reason(signed_in, fanny):
    _response, batch = send(signed_in)
    confirm(signed_in, batch, run_jobs=False)
    batch.refresh_from_db()
    fanny.groups.clear()

    import_jobs_run(batch.job)

    batch.job.refresh_from_db()
    assert batch.job.status == JobStatus.FAILED
    assert "n'a plus le droit d'importer" in batch.job.error
    assert not Purchase.objects.exists()


def test_a_refused_file_type_is_rejected_at_once_without_a_job(fanny, organisation):
    batch = import_jobs.import_upload(
        actor=fanny,
        organisation=organisation,
        kind="purchases",
        content=b"reference;date",
        file_name="achats.txt",
    )

    assert batch.status == ImportStatus.REJECTED
    assert batch.job is None and not batch.file
    assert "n'est pas accepté" in batch.errors[0]["message"]


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)
