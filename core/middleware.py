class IgnoreBrowserLanguageMiddleware:
    """The interface is French by default: only a language chosen with the switch (kept in a
    cookie) changes it, not the language a browser happens to be set to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
