"""What the project-wide tests share: the named URL patterns from the resolver, and which of
them are public or authenticate on their own."""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver

# Open to anyone: logging in and out, the password reset, the health and liveness checks, the
# language; the calendar feed, whose address carries its own secret (a calendar program has no
# session); the public pages.
PUBLIC = {
    "network:calendar-feed",
    "core:health",
    "core:liveness",
    "accounts:login",
    "accounts:logout",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "set_language",
    "site:accessibility",
    "site:legal-notice",
    "site:personal-data",
    # An organisation's public page of responsible purchasing, its published reports and data.
    "public:spaser",
    "public:spaser-report-pdf",
    "public:spaser-indicators-csv",
}
# The technical admin has its own login; the API answers in JSON with its own authentication.
OWN_AUTHENTICATION = ("admin:", "api:")
SAMPLE = {"int": 1, "uuid": uuid.UUID(int=1), "slug": "x", "string": "x", "path": "x"}


def named_patterns(resolver=None, namespace=""):
    """(name, sample kwargs) of every named URL pattern, from the resolver itself."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            kwargs = {
                key: SAMPLE[type(c).__name__.removesuffix("Converter").lower()]
                for key, c in converters.items()
            }
            yield f"{namespace}{entry.name}", kwargs
