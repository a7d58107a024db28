from io import StringIO

import pytest
from django.core.management import call_command

from clauses.data import starter_clauses
from clauses.models import Clause, ClauseStatus, DecpConsideration
from clauses.parameters import render

pytestmark = pytest.mark.django_db

STARTER_CLAUSES = starter_clauses()


def sample_value(definition):
    """The default, else the smallest value allowed."""
    if "default" in definition:
        return definition["default"]
    if definition["type"] == "choice":
        return definition["choices"][0]
    if definition["type"] == "text":
        return "exemple"
    return str(definition.get("min", 1))


@pytest.fixture
def seeded():
    call_command("seed_demo", up_to="clauses", stdout=StringIO())


def test_the_demo_council_gets_at_least_thirty_approved_starter_clauses(seeded):
    clauses = Clause.objects.filter(organisation__slug="npdc")

    assert clauses.count() == len(STARTER_CLAUSES) >= 30
    assert set(clauses.values_list("status", flat=True)) == {ClauseStatus.APPROVED}
    assert all(clause.latest_version().number == 1 for clause in clauses)


def test_loading_the_demo_again_adds_no_clause_and_no_version(seeded):
    call_command("seed_demo", up_to="clauses", stdout=StringIO())

    clauses = Clause.objects.filter(organisation__slug="npdc")
    assert clauses.count() == len(STARTER_CLAUSES)
    assert sum(clause.versions.count() for clause in clauses) == len(STARTER_CLAUSES)


def test_the_starter_library_covers_every_decp_consideration(seeded):
    used = set(
        Clause.objects.filter(organisation__slug="npdc").values_list(
            "decp_consideration", flat=True
        )
    )

    assert {choice.value for choice in DecpConsideration} <= used


def test_every_starter_clause_renders_with_sample_values(seeded):
    for clause in Clause.objects.filter(organisation__slug="npdc"):
        version = clause.latest_version()
        values = {d["name"]: sample_value(d) for d in version.parameters}

        text = render(version.body, version.parameters, values)

        assert "{" not in text, clause.code


def test_the_insertion_clause_states_the_hours_with_their_unit(seeded):
    version = Clause.objects.get(
        organisation__slug="npdc", code="insertion-heures"
    ).latest_version()
    values = {d["name"]: sample_value(d) for d in version.parameters}
    values["hours"] = 833

    assert "833\u00a0heures" in render(version.body, version.parameters, values)
