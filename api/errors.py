"""Every answer under /api/ is JSON, errors included: DRF's own errors, a body too large
(Django raises RequestDataTooBig when the body is read), an address that names no endpoint."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework.views import exception_handler as drf_exception_handler

from .parsers import BodyTooLarge


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge()
    return drf_exception_handler(exc, context)


def not_found(request, *args, **kwargs):
    """Any method, any address under /api/ that no endpoint answers. An address that only
    lacks its final slash is redirected to it, as everywhere on the site (APPEND_SLASH
    cannot see it: this view answers every address)."""
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        try:
            match = resolve(f"{request.path}/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                f"{request.path}/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"detail": _("Aucune ressource de l'API à cette adresse : voir /api/docs/.")},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
