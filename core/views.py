from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .selectors import heartbeat_latest


@require_GET
@login_required
def home(request):
    return render(request, "core/home.html", {"role_cards": request.user.role_cards()})


@require_GET
@never_cache
def health(request):
    """For load balancers and `docker compose`: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"database": "error"}, status=503)
    heartbeat = heartbeat_latest()
    return JsonResponse(
        {
            "database": "ok",
            "last_worker_heartbeat": heartbeat.created_at.isoformat() if heartbeat else None,
        }
    )
