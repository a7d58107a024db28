import sentry_sdk

from .tracing import request_id_from, request_id_var


class IgnoreBrowserLanguageMiddleware:
    """The interface is French by default: only a language chosen with the switch (kept in a
    cookie) changes it, not the language a browser happens to be set to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequestIdMiddleware:
    """Gives each request an id (core.tracing): in every log line, in the error report, and in
    the `X-Request-ID` header of the answer."""

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(self.header))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[self.header] = request_id
        return response
