import logging
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from . import notifications, outbox
from .jobs import runner
from .services import heartbeat_record

logger = logging.getLogger("achats")
outbox_logger = logging.getLogger("achats.outbox")

# What sending a message raises when Redis cannot be reached.
BROKER_ERRORS = (BrokerError, ConnectionError, OSError)


@shared_task(name="core.record_heartbeat")
def record_heartbeat():
    """Scheduled by beat; also the round trip that the job tests use."""
    heartbeat_record(hostname=socket.gethostname())


def send_job(job_id: int, *, countdown: int = 0) -> bool:
    """Give the job to the broker; False (recorded on the job) when it cannot be reached."""
    try:
        run_job.apply_async((job_id,), countdown=countdown or None)
    except BROKER_ERRORS as error:
        runner.mark_queue_failed(job_id, error)
        return False
    runner.mark_queued(job_id, countdown=countdown)
    return True


@shared_task(
    bind=True,
    name="core.run_job",
    # Acknowledged once done: a message is never lost with its worker; the heartbeat, not the
    # broker's redelivery, is what notices the loss (see core.jobs.runner).
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
)
def run_job(self, job_id):
    """The one task of every background job: claim, run the handler of its kind, end."""
    outcome = runner.run(job_id, task_id=self.request.id or "", eager=bool(self.request.is_eager))
    if outcome.send_again:
        send_job(job_id, countdown=outcome.countdown)


@shared_task(name="core.sweep_jobs")
def sweep_jobs(follow_up: bool = True) -> int:
    """Beat, every minute, and each worker as it starts: send again lost and waiting jobs.
    `follow_up` looks once more when the oldest running job would be lost, so that a worker's
    death is noticed within JOB_LOST_AFTER_SECONDS, not at the next minute."""
    swept = runner.sweep()
    for job_id in swept.to_send:
        send_job(job_id)
    if follow_up and swept.next_check_in is not None:
        try:
            sweep_jobs.apply_async((False,), countdown=swept.next_check_in)
        except BROKER_ERRORS:
            logger.warning("sweep: the follow-up could not be queued")
    return len(swept.to_send)


@worker_ready.connect
def sweep_when_a_worker_starts(sender=None, **kwargs):
    """A worker that starts (after a crash, a deploy) takes over at once the jobs left lost."""
    try:
        sweep_jobs.delay()
    except BROKER_ERRORS:
        logger.warning("sweep: not queued at the worker's start")


@shared_task(name="core.deliver_outbox", ignore_result=True)
def deliver_outbox():
    """Send the e-mails that are due. Queued once a transaction that wrote e-mails commits,
    and scheduled by beat every minute: the retries and the messages whose queueing failed
    (broker unreachable at that moment) wait for it."""
    outbox.outbox_deliver()


@shared_task(name="core.send_notification_digests", ignore_result=True)
def send_notification_digests():
    """The daily digest of the people who chose it (`core.notifications`)."""
    notifications.digests_send()


def deliver_outbox_on_commit(sender, **kwargs):
    """post_office says e-mails were queued: deliver them once they are committed. A broker
    that cannot be reached loses nothing (the rows are there, beat's pass sends them); it must
    not turn the change they announce into an error."""
    transaction.on_commit(_deliver_soon, robust=True)


def _deliver_soon():
    try:
        deliver_outbox.delay()
    except BrokerError:
        outbox_logger.warning(
            "The outbox delivery was not queued; beat's next pass sends the e-mails."
        )
