import socket

from celery import shared_task

from .services import heartbeat_record


@shared_task(name="core.record_heartbeat")
def record_heartbeat():
    """Scheduled by beat; also the round trip that the job tests use."""
    heartbeat_record(hostname=socket.gethostname())
