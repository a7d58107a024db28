from .models import Heartbeat


def heartbeat_latest() -> Heartbeat | None:
    """The last time a worker proved it runs jobs, if ever."""
    return Heartbeat.objects.order_by("-created_at").first()
