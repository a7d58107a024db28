"""Imports sent from the browser, in the background (core's one job mechanism): the file is kept
in the storage at once, so that a worker on any host reads it; its check (the dry run) and its
confirmation are each a job whose progress and error the import's page shows. The command line
imports in its own process (`services.imports`), with the same checks and writes.

- Upload: the file kept, the import `checking`, its check queued once committed. A file whose
  type or size is refused is rejected at once (nothing kept, nothing queued).
- Check: the stored file read and checked; the import becomes `preview` or `rejected`, with
  its counts and errors, in the transaction that ends the job.
- Confirmation: `services.imports.import_confirm` in the job, all or nothing in one
  transaction; a worker killed in the middle leaves the import in preview and nothing written,
  and the job taken over imports it once. Asking twice while one is queued or running gives
  the same job; once imported, asking again is refused with the message.

A refusal raises ValidationError (a French message) or PermissionDenied; inside a job, a
refusal the person can act on is a JobError (the job fails at once with it, and can be retried).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.history import history_save
from core.jobs import services as jobs
from core.jobs.registry import JobError, Progress
from core.models import Job, JobStatus

from .. import imports
from ..models import (
    IMPORT_CHECK_JOB,
    IMPORT_CONFIRM_JOB,
    ImportBatch,
    ImportKind,
    ImportStatus,
)
from . import imports as sync


def import_upload(
    *,
    actor: User,
    organisation: Organisation,
    kind: ImportKind,
    content: bytes,
    file_name: str,
) -> ImportBatch:
    """Keep a file of the finance system and queue its check; the import's page follows it."""
    sync.ensure_can_import(actor, organisation)
    kind = ImportKind(kind)
    file_name = sync.clean_file_name(file_name)
    if imports.file_problem(content, file_name) is not None:
        # Refused before it is read: rejected at once with the reason, nothing kept.
        return sync.import_preview(
            actor=actor, organisation=organisation, kind=kind, content=content, file_name=file_name
        )
    batch = ImportBatch(
        organisation=organisation,
        kind=kind,
        status=ImportStatus.CHECKING,
        file_name=file_name,
        uploaded_by=actor,
    )
    with transaction.atomic():
        batch.file.save(file_name, ContentFile(content), save=False)
        batch.job = jobs.job_open(kind=IMPORT_CHECK_JOB, requested_by=actor)
        history_save(batch, actor=actor, reason=_("Fichier envoyé"), validate=False)
        jobs.job_queue(job=batch.job)
    return batch


def import_confirm_request(*, actor: User, batch: ImportBatch) -> tuple[ImportBatch, bool]:
    """Ask for the confirmation of a previewed import in the background. Returns (batch,
    queued): False when a confirmation is already queued or running (the same one goes on).
    A failed confirmation is queued again. Refused (ValidationError) unless in preview."""
    sync.ensure_can_import(actor, batch.organisation)
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(of=("self",))
            .select_related("job")
            .get(pk=batch.pk)
        )
        if batch.status != ImportStatus.PREVIEW:
            raise ValidationError(sync.not_confirmable(batch.status))
        job = batch.job
        if job is not None and job.kind == IMPORT_CONFIRM_JOB:
            if job.is_active:
                return batch, False
            if job.status == JobStatus.FAILED and jobs.job_retry(job=job):
                return batch, True
        batch.job = jobs.job_open(kind=IMPORT_CONFIRM_JOB, requested_by=actor)
        history_save(
            batch,
            actor=actor,
            reason=_("Confirmation demandée"),
            update_fields=["job"],
            validate=False,
        )
        jobs.job_queue(job=batch.job)
    return batch, True


def import_check_retry(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Check again a file whose check failed (not a file with errors: a job that stopped)."""
    sync.ensure_can_import(actor, batch.organisation)
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(of=("self",))
            .select_related("job")
            .get(pk=batch.pk)
        )
        job = batch.job
        if batch.status != ImportStatus.CHECKING or job is None or not jobs.job_retry(job=job):
            raise ValidationError(_("Seule une vérification en échec peut être relancée."))
    return batch


# --- What the jobs run (registered in apps.py) ----------------------------------------------


def _batch_of(job: Job, status: ImportStatus) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(job=job, status=status)
        .select_related("organisation", "uploaded_by")
        .first()
    )


def check_run(*, job: Job, progress: Progress) -> dict:
    """The dry run of the import of `job`: what confirming would do, or every error. Writes
    nothing (the result is applied with the job's end); gone or checked already: nothing."""
    batch = _batch_of(job, ImportStatus.CHECKING)
    if batch is None:
        return {}
    progress(10, _("Lecture du fichier"))
    try:
        content = sync.stored_content(batch)
    except ValidationError as error:
        raise JobError(" ".join(error.messages)) from error
    progress(30, _("Vérification des lignes"))
    check = imports.check_file(
        organisation=batch.organisation,
        kind=batch.kind,
        content=content,
        file_name=batch.file_name,
    )
    progress(95, _("Enregistrement du résultat"))
    return {
        "batch": batch.pk,
        "rows_total": check.rows_total,
        "errors": [error.as_dict() for error in check.errors],
        "errors_total": check.errors.total,
        "rows_created": len(check.to_create),
        "rows_updated": len(check.to_update),
        "rows_skipped": check.skipped,
    }


def check_done(*, job: Job, result: dict) -> None:
    """Preview or rejected with the check's counts; in the transaction that ends the job."""
    if not result:
        return
    batch = ImportBatch.objects.filter(pk=result["batch"], status=ImportStatus.CHECKING).first()
    if batch is None:
        return
    rejected = bool(result["errors_total"])
    batch.status = ImportStatus.REJECTED if rejected else ImportStatus.PREVIEW
    batch.rows_total = result["rows_total"]
    batch.errors = result["errors"]
    batch.errors_total = result["errors_total"]
    for name in ("rows_created", "rows_updated", "rows_skipped"):
        setattr(batch, name, 0 if rejected else result[name])
    history_save(batch, actor=batch.uploaded_by, reason=_("Fichier vérifié"), validate=False)


def check_failed(*, job: Job) -> None:
    """The import stays `checking`; its page shows the job's error and a retry."""


def confirm_run(*, job: Job, progress: Progress) -> dict:
    """Import the file of `job`, all or nothing (`services.imports.import_confirm`, as the
    person who asked). Already imported, or rejected by the check made again: nothing more."""
    batch = ImportBatch.objects.filter(job=job).select_related("organisation").first()
    if batch is None or batch.status != ImportStatus.PREVIEW:
        return {}
    actor = job.requested_by
    if actor is None:
        raise JobError(_("La personne qui a demandé la confirmation n'a plus de compte."))
    try:
        batch = sync.import_confirm(actor=actor, batch=batch, progress=progress)
    except PermissionDenied as error:
        raise JobError(
            _("%(person)s n'a plus le droit d'importer les fichiers de l'organisation.")
            % {"person": actor.get_full_name() or actor.email}
        ) from error
    except ValidationError as error:
        status = ImportBatch.objects.filter(pk=batch.pk).values_list("status", flat=True).first()
        if status in (ImportStatus.IMPORTED, ImportStatus.REJECTED):
            return {}  # the outcome is the import's: confirmed already, or errors listed
        raise JobError(" ".join(error.messages)) from error
    return {"batch": batch.pk}


def confirm_done(*, job: Job, result: dict) -> None:
    """Nothing to add: the import's own transaction recorded it."""


def confirm_failed(*, job: Job) -> None:
    """The import stays in preview; its page shows the job's error and a retry."""
