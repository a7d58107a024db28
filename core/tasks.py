import logging
import socket

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

from . import outbox
from .services import heartbeat_record

logger = logging.getLogger("achats.outbox")


@shared_task(name="core.record_heartbeat")
def record_heartbeat():
    """Scheduled by beat; also the round trip that the job tests use."""
    heartbeat_record(hostname=socket.gethostname())


@shared_task(name="core.deliver_outbox", ignore_result=True)
def deliver_outbox():
    """Send the e-mails that are due. Queued once a transaction that wrote e-mails commits,
    and scheduled by beat every minute: the retries and the messages whose queueing failed
    (broker unreachable at that moment) wait for it."""
    outbox.outbox_deliver()


def deliver_outbox_on_commit(sender, **kwargs):
    """post_office says e-mails were queued: deliver them once they are committed. A broker
    that cannot be reached loses nothing (the rows are there, beat's pass sends them); it must
    not turn the change they announce into an error."""
    transaction.on_commit(_deliver_soon, robust=True)


def _deliver_soon():
    try:
        deliver_outbox.delay()
    except BrokerUnreachable:
        logger.warning("The outbox delivery was not queued; beat's next pass sends the e-mails.")
