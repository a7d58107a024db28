"""The content security policy allows no inline script or style: the pages must need none."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class InlineCodeFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, event handlers, styles."""

    def __init__(self):
        super().__init__()
        self.inline_scripts = []
        self.handlers = []
        self.styles = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        if tag == "script" and "src" not in names:
            self.inline_scripts.append(self.get_starttag_text())
        self.handlers += [f"{tag} {name}" for name in names if name.startswith("on")]
        if "style" in names:
            self.styles.append(self.get_starttag_text())


def inline_code(response):
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    finder.close()
    return finder


# Each page, and whether alice (organisation administrator) or an anonymous visitor opens it.
PAGES = [
    ("accounts:login", False),
    ("accounts:password-reset", False),
    ("core:home", True),
    ("accounts:profile", True),
    ("accounts:person-list", True),
    ("accounts:person-detail", True),
    ("accounts:department-list", True),
]


@pytest.mark.parametrize(("page", "as_alice"), PAGES)
def test_the_page_forbids_inline_scripts(client, alice, bob, page, as_alice):
    if as_alice:
        client.force_login(alice)
    kwargs = {"public_id": bob.public_id} if page == "accounts:person-detail" else {}

    response = client.get(reverse(page, kwargs=kwargs))

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy


@pytest.mark.parametrize("page", ["core:home", "accounts:login"])
def test_the_page_has_no_inline_script_handler_or_style(client, alice, page):
    if page == "core:home":
        client.force_login(alice)

    response = client.get(reverse(page))

    found = inline_code(response)
    assert response.status_code == 200
    assert found.inline_scripts == []
    assert found.handlers == []
    assert found.styles == []
    assert "<script src=" in response.content.decode()
