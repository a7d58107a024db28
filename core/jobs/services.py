"""Writes of the jobs that the apps' services call: open a job for their row, queue it once
the transaction commits, retry a failed one. The rules of running are the runner's."""

from django.conf import settings
from django.db import transaction

from .. import tasks
from ..models import Job, JobStatus


def job_open(*, kind: str, requested_by=None) -> Job:
    """A new pending job of `kind`; queue it with `job_queue` once the app's row points at it."""
    return Job.objects.create(
        kind=kind, requested_by=requested_by, max_attempts=settings.JOB_MAX_ATTEMPTS
    )


def job_queue(*, job: Job) -> None:
    """Send the job to the workers once the transaction commits. If the broker cannot be
    reached, the job records it (`Job.awaits_broker`) and the sweep sends it when it is back."""
    transaction.on_commit(lambda pk=job.pk: tasks.send_job(pk))


def job_retry(*, job: Job) -> bool:
    """A failed job back to pending with its attempts renewed, queued once committed; False
    when it had not failed."""
    retried = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.PENDING,
        attempts=0,
        progress=0,
        step="",
        error="",
        error_detail="",
        started_at=None,
        heartbeat_at=None,
        finished_at=None,
        queued_at=None,
        queue_error="",
        requeued_at=None,
    )
    if retried:
        job.refresh_from_db()
        job_queue(job=job)
    return bool(retried)
