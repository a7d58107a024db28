from django.db import transaction

from .models import Heartbeat

HEARTBEATS_KEPT = 100


def heartbeat_record(*, hostname: str) -> Heartbeat:
    """Record that a worker ran a job, keeping only the latest rows."""
    with transaction.atomic():
        heartbeat = Heartbeat.objects.create(hostname=hostname[:255])
        stale = Heartbeat.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)[
            HEARTBEATS_KEPT:
        ]
        Heartbeat.objects.filter(pk__in=list(stale)).delete()
    return heartbeat
