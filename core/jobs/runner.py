"""How every job runs, whatever its kind: what the one Celery task and the sweep call. Nothing
here queues: the task (`core.tasks`) sends what these functions ask for.

- A delivery claims its job with a conditional UPDATE: pending, or running with a heartbeat
  older than JOB_LOST_AFTER_SECONDS (its worker died, whatever killed it). One delivery wins;
  another one backs off while the job is alive and takes it over at once when it is lost.
- While it runs, a thread beats `heartbeat_at` every JOB_HEARTBEAT_SECONDS, each beat one
  autocommitted UPDATE (no transaction held open); progress beats it too. Progress recorded
  inside the work's own transaction (an import written all or nothing) goes through that
  thread, so that the page sees it before the commit.
- Each write of the job is bound to its attempt: a worker that was taken over cannot overwrite
  the job of the one that took it.
- A database that went away (OperationalError, InterfaceError): the dead connection is dropped
  before anything else touches the database, the job goes back to pending and is retried with
  backoff; past its last attempt it fails with a message the person can read.
- The sweep (Celery beat, every minute, and each worker as it starts) sends again lost jobs and
  pending ones with nothing queued behind them, and fails lost jobs past their last attempt."""

import contextlib
import datetime
import logging
import threading
import time
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F, Q
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Job, JobStatus
from . import registry

logger = logging.getLogger("achats")

# Errors that say nothing about the job: the database went away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# How often the job's own writes are tried again while the database comes back (seconds).
RECONNECT_DELAYS = (0.5, 1, 2, 4, 8)


@dataclass(frozen=True)
class Outcome:
    """What the task does next: nothing, or send the job again in `countdown` seconds."""

    send_again: bool = False
    countdown: int = 0


DONE = Outcome()


def lost_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS)


def backoff(attempt: int) -> int:
    """Seconds before the retry of a transient error: doubling, at most five minutes."""
    return min(settings.JOB_RETRY_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0), 300)


def drop_connection() -> None:
    """Close this thread's connection: the next query opens a new one, instead of failing on
    the dead one. Inside a caller's transaction (a job run in process) the transaction is the
    caller's to end: nothing is closed under it."""
    if connection.in_atomic_block:
        return
    with contextlib.suppress(TRANSIENT_ERRORS):
        connection.close()


def _reconnecting(write, what: str) -> bool:
    """Run `write` until the database answers, a few seconds at most; False if it never did."""
    for delay in (0, *RECONNECT_DELAYS):
        time.sleep(delay)
        try:
            write()
            return True
        except TRANSIENT_ERRORS as error:
            drop_connection()
            logger.warning("job: could not %s yet (%s)", what, error)
    return False


def _mine(job_id: int, attempt: int):
    return Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt)


# --- Queueing -----------------------------------------------------------------------------------


def mark_queued(job_id: int, *, countdown: int = 0) -> None:
    """The broker accepted the job; it is due in `countdown` seconds."""
    due = timezone.now() + datetime.timedelta(seconds=countdown)
    Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(queued_at=due, queue_error="")


def mark_queue_failed(job_id: int, error: BaseException) -> None:
    """The broker could not be reached: the job waits, the sweep sends it once it is back."""
    logger.warning("job %s: the broker refused it (%s); the sweep will send it", job_id, error)
    Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        queued_at=None, queue_error=f"{type(error).__name__}: {error}"[:500]
    )


# --- Running ------------------------------------------------------------------------------------


def _claim(job_id: int, task_id: str) -> Job | None:
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id, attempts__lt=F("max_attempts"))
        .filter(
            Q(status=JobStatus.PENDING)
            | Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - lost_after())
        )
        .update(
            status=JobStatus.RUNNING,
            attempts=F("attempts") + 1,
            task_id=task_id[:255],
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            progress=1,
            step=_("Démarrage"),
            error="",
            error_detail="",
            queue_error="",
        )
    )
    return Job.objects.get(pk=job_id) if claimed else None


class _Heartbeat(threading.Thread):
    """Beats the job's heartbeat from its own connection while the work runs. Progress noted
    from inside the work's transaction is written by this thread too: on the work's connection
    it would stay invisible until the commit and lock the job's row against the beats."""

    def __init__(self, job_id: int, attempt: int):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id, self.attempt = job_id, attempt
        self.stopped = threading.Event()
        self.woken = threading.Event()
        self.lock = threading.Lock()
        self.pending: dict | None = None

    def note(self, fields: dict) -> None:
        """Progress to record at once from this thread's connection."""
        with self.lock:
            self.pending = fields
        self.woken.set()

    def run(self):
        try:
            while not self.stopped.is_set():
                self.woken.wait(settings.JOB_HEARTBEAT_SECONDS)
                self.woken.clear()
                if self.stopped.is_set():
                    break
                with self.lock:
                    fields, self.pending = self.pending or {}, None
                try:
                    _mine(self.job_id, self.attempt).update(**fields, heartbeat_at=timezone.now())
                except TRANSIENT_ERRORS as error:
                    drop_connection()
                    logger.warning("job %s: heartbeat not recorded (%s)", self.job_id, error)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.woken.set()
        self.join(timeout=settings.JOB_HEARTBEAT_SECONDS + 5)


def _progress(job_id: int, attempt: int, heartbeat: _Heartbeat | None = None):
    def record(percent: int, step: str) -> None:
        fields = {"progress": max(0, min(int(percent), 100)), "step": step[:200]}
        if heartbeat is not None and connection.in_atomic_block:
            heartbeat.note(fields)
            return
        _mine(job_id, attempt).update(**fields, heartbeat_at=timezone.now())

    return record


def _finish_ready(job: Job, attempt: int, kind: registry.JobKind, result) -> None:
    with transaction.atomic():
        done = _mine(job.pk, attempt).update(
            status=JobStatus.READY, progress=100, step="", finished_at=timezone.now()
        )
        if done:
            kind.on_ready(job=job, result=result)


def fail(job: Job, attempt: int, *, message: str, detail: str = "") -> bool:
    """Running → failed with `message` for the person; the app's row follows in the same
    transaction. Tried again while the database comes back."""

    def write():
        with transaction.atomic():
            done = _mine(job.pk, attempt).update(
                status=JobStatus.FAILED,
                error=message,
                error_detail=detail[:5000],
                finished_at=timezone.now(),
            )
            kind = registry.kind(job.kind)
            if done and kind is not None:
                kind.on_failed(job=job)

    return _reconnecting(write, f"record the failure of job {job.pk}")


def _release(job_id: int, attempt: int, countdown: int) -> bool:
    """Back to pending for the retry of a transient error, due in `countdown` seconds."""
    due = timezone.now() + datetime.timedelta(seconds=countdown)
    step = _("Base de données indisponible : nouvelle tentative prévue")
    return _reconnecting(
        lambda: _mine(job_id, attempt).update(status=JobStatus.PENDING, step=step, queued_at=due),
        f"put job {job_id} back to pending",
    )


def _busy(job_id: int) -> Outcome:
    """Not claimed: back off while another worker holds it alive, until it would be lost."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job.is_active:
        return DONE
    if job.status == JobStatus.RUNNING and job.is_alive:
        left = (job.heartbeat_at + lost_after() - timezone.now()).total_seconds()
        return Outcome(send_again=True, countdown=max(int(left) + 1, 1))
    if job.attempts >= job.max_attempts:
        give_up(job)
    return DONE


def give_up(job: Job) -> None:
    """A job lost on its last attempt: failed, with a retry button for the person."""
    fail(
        job,
        job.attempts,
        message=_(
            "Le travail a été interrompu %(attempts)s fois sans pouvoir se terminer (arrêt du "
            "service de traitement) ; il n'est plus relancé automatiquement. Vous pouvez le "
            "relancer."
        )
        % {"attempts": job.attempts},
        detail="heartbeat lost on the last attempt",
    )


def run(job_id: int, *, task_id: str = "", eager: bool = False) -> Outcome:
    """One delivery of a job. In process (`eager`, no Redis) there is no broker to come back
    later: the first error is the job's, and no heartbeat thread runs beside the caller."""
    if not eager and not connection.in_atomic_block:
        close_old_connections()  # a connection left broken by an earlier job is dropped
    job = _claim(job_id, task_id)
    if job is None:
        return DONE if eager else _busy(job_id)
    attempt = job.attempts
    kind = registry.kind(job.kind)
    if kind is None:
        fail(job, attempt, message=_("Type de travail inconnu : %(kind)s.") % {"kind": job.kind})
        return DONE
    heartbeat = None if eager else _Heartbeat(job.pk, attempt)
    if heartbeat is not None:
        heartbeat.start()
    try:
        result = kind.run(job=job, progress=_progress(job.pk, attempt, heartbeat))
        _finish_ready(job, attempt, kind, result)
    except TRANSIENT_ERRORS as error:
        drop_connection()
        detail = f"{type(error).__name__}: {error}"
        if not eager and attempt < job.max_attempts:
            countdown = backoff(attempt)
            logger.warning("job %s: %s; retried in %s s", job.pk, detail, countdown)
            if _release(job.pk, attempt, countdown):
                return Outcome(send_again=True, countdown=countdown)
            return DONE  # still running with a stale heartbeat: the sweep takes it over
        fail(
            job,
            attempt,
            message=_(
                "La base de données est restée indisponible après %(attempts)s tentatives. "
                "Vous pouvez relancer le travail."
            )
            % {"attempts": attempt},
            detail=detail,
        )
    except registry.JobError as error:
        fail(job, attempt, message=str(error))
    except SoftTimeLimitExceeded:
        fail(
            job,
            attempt,
            message=_("Le travail a dépassé sa durée maximale (%(minutes)s min).")
            % {"minutes": settings.CELERY_TASK_TIME_LIMIT // 60},
        )
    except Exception as error:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        fail(
            job,
            attempt,
            message=_("Le travail s'est arrêté sur une erreur inattendue."),
            detail=f"{type(error).__name__}: {error}",
        )
    finally:
        if heartbeat is not None:
            heartbeat.stop()
    return DONE


# --- The sweep ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """The jobs to send again, and when the next alive job would be lost (None: none runs)."""

    to_send: list[int]
    next_check_in: int | None


def sweep() -> Sweep:
    """Fail the lost jobs past their last attempt; put the other lost ones back to pending,
    marked relaunched; with the pending jobs nothing is queued behind (the broker refused them,
    or their message is overdue), return them to send again."""
    now = timezone.now()
    stale = now - lost_after()
    lost = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
    for job in lost.filter(attempts__gte=F("max_attempts")):
        give_up(job)
    step = _("Relancé automatiquement : son traitement s'était interrompu")
    taken = list(lost.filter(attempts__lt=F("max_attempts")).values_list("pk", flat=True))
    Job.objects.filter(pk__in=taken, status=JobStatus.RUNNING, heartbeat_at__lt=stale).update(
        status=JobStatus.PENDING, step=step, requeued_at=now, requeues=F("requeues") + 1
    )
    overdue = now - datetime.timedelta(seconds=settings.JOB_PENDING_LOST_AFTER_SECONDS)
    orphans = list(
        Job.objects.filter(status=JobStatus.PENDING)
        .exclude(pk__in=taken)
        .filter(
            ~Q(queue_error="")
            | Q(queued_at__isnull=True, requested_at__lt=stale)
            | Q(queued_at__lt=overdue)
        )
        .values_list("pk", flat=True)
    )
    Job.objects.filter(pk__in=orphans).update(requeued_at=now, requeues=F("requeues") + 1)
    if taken or orphans:
        logger.warning("sweep: sending again lost jobs %s and waiting jobs %s", taken, orphans)
    oldest = (
        Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__gte=stale)
        .order_by("heartbeat_at")
        .values_list("heartbeat_at", flat=True)
        .first()
    )
    next_check_in = None
    if oldest is not None:
        next_check_in = max(int((oldest + lost_after() - now).total_seconds()) + 1, 1)
    return Sweep(to_send=taken + orphans, next_check_in=next_check_in)
