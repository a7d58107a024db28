"""Every page asks an anonymous visitor to log in first, whatever the method: a POST-only
address answers a GET with the login page, not with 405 (the method is checked once logged in)."""

import uuid

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Open to anyone: logging in and out, the password reset, the health check, the language.
PUBLIC = {
    "core:health",
    "accounts:login",
    "accounts:logout",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "set_language",
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


def login_required_patterns():
    return sorted(
        (name, kwargs)
        for name, kwargs in named_patterns()
        if name not in PUBLIC and not name.startswith(OWN_AUTHENTICATION)
    )


def test_it_covers_the_pages_of_every_app():
    apps = {name.split(":")[0] for name, _kwargs in login_required_patterns()}
    assert {"accounts", "clauses", "purchasing", "budgets", "network", "steering"} <= apps


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_the_login_page_by_every_page(client, method):
    wrong = {}
    for name, kwargs in login_required_patterns():
        address = reverse(name, kwargs=kwargs)
        response = getattr(client, method)(address)
        expected = f"{reverse(settings.LOGIN_URL)}?next="
        if response.status_code != 302 or not response["Location"].startswith(expected):
            wrong[name] = response.status_code
    assert wrong == {}
