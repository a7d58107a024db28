import asyncio

import sentry_sdk
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseServerError, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView

from . import home as home_tasks
from .forms import add_service_errors, ask_files_again
from .health import health_answer, health_checks
from .models import JOB_STATE_LABELS

POSTED = "posted-form:"
CSRF = "csrfmiddlewaretoken"


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
    ask_files_again(form)
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


def redirect_with_errors(request, form, url: str, *, key: str):
    """A form posted to an address that only takes POST, refused: what was typed and the
    errors are kept in the session under `key`, and the reader goes back to the page of the
    form (`restore_form` there), so that the address bar never holds the POST address, where
    Back would give an empty 405."""
    request.session[f"{POSTED}{key}"] = {
        "data": {name: request.POST.getlist(name) for name in request.POST if name != CSRF},
        "errors": {name: list(errors) for name, errors in form.errors.items()},
    }
    return redirect(url)


def restore_form(request, key: str, form_class, **kwargs):
    """The form that `redirect_with_errors` sent back here, bound to what was typed and with
    every error it had (the service's too); None when there is none (once shown, it is gone)."""
    posted = request.session.pop(f"{POSTED}{key}", None)
    if posted is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in posted["data"].items():
        data.setlist(name, values)
    form = form_class(data, **kwargs)
    form.is_valid()
    for name, errors in posted["errors"].items():
        target = name if name in form.fields else None
        for message in errors:
            if message not in form.errors.get(name, []):
                form.add_error(target, message)
    return form


def job_status_response(job) -> JsonResponse:
    """What a job's page polls (static/js/job-progress.js): the truth of the row, never
    cached. The caller has checked who may read it."""
    response = JsonResponse(
        {
            "status": job.status,
            "state": job.state,
            "status_label": str(JOB_STATE_LABELS[job.state]),
            "progress": job.progress,
            "step": job.step,
            "active": job.is_active,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def home(request):
    return render(
        request,
        "core/home.html",
        {"role_cards": request.user.role_cards(), "tasks": home_tasks.tasks_for(request.user)},
    )


class HealthView(HealthCheckView):
    """`/sante/`, the readiness of this web process for a load balancer: 200 while it can
    serve (the database, Redis when configured and the storage answer), 503 otherwise; JSON
    whatever the Accept header, never cached (the library's dispatch)."""

    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        checks = health_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in checks.values())
            )
        answer, status = health_answer(dict(zip(checks, results, strict=True)))
        return JsonResponse(answer, status=status)


@require_GET
@never_cache
def liveness(request):
    """`/sante/vie/`: the process runs and answers; nothing else is asked (no database), so that
    a container is restarted only when it is itself stuck."""
    return JsonResponse({"status": "ok"})


def server_error(request):
    """The 500 page, drawn without the request's context (no database, no session): it says
    that someone is told only when error reporting is configured."""
    event_id = sentry_sdk.last_event_id() if settings.ERROR_REPORTING == "sentry" else None
    context = {
        "reported": bool(settings.ERROR_REPORTING),
        "reference": event_id or getattr(request, "request_id", ""),
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))
