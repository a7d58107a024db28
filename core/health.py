"""What `/sante/` checks, with django-health-check's probes (each with its own timeout, run
side by side): the database, Redis when it is configured, the file storage, and two that only
warn, because the site still serves its pages without them: the age of the worker's last
heartbeat, and the e-mails the outbox could not deliver."""

import dataclasses

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck, HealthCheckResult
from health_check.checks import Database, Storage
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceWarning
from redis.asyncio import Redis as RedisClient

from . import outbox
from .selectors import heartbeat_latest


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """The worker records a heartbeat every 5 minutes (beat): an old one means no job runs."""

    def __post_init__(self):
        self.details = {}

    async def run(self):
        # In the request's thread: the test database, and no connection left open elsewhere.
        heartbeat = await sync_to_async(heartbeat_latest, thread_sensitive=True)()
        if heartbeat is None:
            self.details = {"last_heartbeat": None, "age_seconds": None}
            raise ServiceWarning("no heartbeat recorded yet")
        age = int((timezone.now() - heartbeat.created_at).total_seconds())
        self.details = {
            "last_heartbeat": heartbeat.created_at.isoformat(),
            "age_seconds": age,
            "hostname": heartbeat.hostname,
        }
        if age > settings.HEALTH_WORKER_HEARTBEAT_MAX_AGE:
            raise ServiceWarning(f"last heartbeat {age} s ago")


@dataclasses.dataclass
class Outbox(HealthCheck):
    """E-mails waiting, and e-mails out of retries (listed in the technical admin)."""

    def __post_init__(self):
        self.details = {}

    async def run(self):
        summary = await sync_to_async(outbox.outbox_summary, thread_sensitive=True)()
        oldest = summary["oldest_waiting"]
        self.details = {
            "waiting": summary["waiting"],
            "retrying": summary["retrying"],
            "failed": summary["failed"],
            "oldest_waiting_seconds": (
                int((timezone.now() - oldest).total_seconds()) if oldest else None
            ),
        }
        if summary["failed"]:
            raise ServiceWarning(f"{summary['failed']} e-mail(s) could not be delivered")


def _redis_client():
    return RedisClient.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def health_checks() -> dict[str, HealthCheck]:
    """The checks by the name the answer gives them."""
    checks = {"database": Database()}
    if settings.REDIS_URL:
        checks["redis"] = Redis(client_factory=_redis_client)
    checks["storage"] = Storage()
    checks["worker"] = WorkerHeartbeat()
    checks["outbox"] = Outbox()
    return checks


def health_answer(results: dict[str, HealthCheckResult]) -> tuple[dict, int]:
    """The JSON answer and its status: 503 when a check failed (the database, Redis or the
    storage), 200 with "warning" when only a warning was raised."""
    checks = {}
    failed = warned = False
    for name, result in results.items():
        entry = {"status": "ok"}
        if isinstance(result.error, ServiceWarning):
            entry = {"status": "warning", "message": result.error.message}
            warned = True
        elif result.error is not None:
            entry = {"status": "error", "message": str(result.error)}
            failed = True
        entry.update(getattr(result.check, "details", {}))
        entry["seconds"] = round(result.time_taken, 3)
        checks[name] = entry
    status = "error" if failed else ("warning" if warned else "ok")
    return {"status": status, "checked_at": timezone.now().isoformat(), "checks": checks}, (
        503 if failed else 200
    )
