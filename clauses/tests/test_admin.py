from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from clauses.models import Clause

pytestmark = pytest.mark.django_db


def test_the_technical_admin_shows_a_clause_and_its_versions_read_only(client):
    call_command("seed_demo", up_to="clauses", stdout=StringIO())
    client.force_login(User.objects.get(email="admin@npdc.test"))
    clause = Clause.objects.get(code="insertion-heures")

    listing = client.get(reverse("admin:clauses_clause_changelist"))
    page = client.get(reverse("admin:clauses_clause_change", args=[clause.pk]))

    assert listing.status_code == 200
    assert page.status_code == 200
    assert "insertion-heures" in listing.content.decode()
    assert not page.context["has_change_permission"]
    assert client.get(reverse("admin:clauses_clause_add")).status_code == 403
