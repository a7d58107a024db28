"""Every page asks an anonymous visitor to log in first, whatever the method: a POST-only
address answers a GET with the login page, not with 405 (the method is checked once logged in)."""

import pytest
from django.conf import settings
from django.urls import reverse

from config.tests.data import OWN_AUTHENTICATION, PUBLIC, named_patterns

pytestmark = pytest.mark.django_db


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
