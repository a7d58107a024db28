"""One rule for a file that is not there (a finding still open, an audit without its report):
the right is checked first, the file after. An outsider gets 404 (the audit does not exist for
them), a member without the right 403 whether or not a file exists (the answer does not tell
them), and a reader 404 only when there is nothing to download."""

import pytest
from django.urls import reverse

from network.tests.data import add_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def downloads(alice, audit):
    """The evidence of an open finding and the report of an audit: neither has a file."""
    finding = add_finding(alice, audit)
    return [
        reverse(
            "network:finding-evidence", kwargs={"public_id": audit.public_id, "pk": finding.pk}
        ),
        reverse("network:audit-report", kwargs={"public_id": audit.public_id}),
    ]


@pytest.mark.parametrize(
    ("person", "status"),
    [("alice", 404), ("tom", 404), ("charlie", 404), ("fanny", 403), ("eve", 404)],
)
def test_a_missing_file_answers_after_the_right_is_checked(
    client, request, downloads, person, status
):
    client.force_login(request.getfixturevalue(person))

    assert [client.get(address).status_code for address in downloads] == [status, status]
