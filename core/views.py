from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import add_service_errors
from .selectors import heartbeat_latest


def form_page(request, *, form, template: str, perform, success: str, redirect_to, context=None):
    """A page whose form, once valid, calls a service: done → a success message and a redirect
    (`redirect_to` is an address, or a function of what the service returned); refused → the
    form again, each of the service's messages on its field or above the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, {"form": form, **(context or {})})


def action_redirect(request, url: str, action, success: str):
    """A POST without a form of its own (a button): run the service and go back to `url`, its
    refusal shown as messages."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(url)


@login_required
@require_GET
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
