"""The access matrix of the whole project, as a test: every URL pattern from the resolver, its
parameters filled with objects of the Conseil régional Nord-Pas-de-Calais (department LYC) from
the demo data, requested (GET) anonymously and as each demo person, from its department, another
department, another organisation and every role. Each answer must be the one written in
`access_matrix.csv` (pattern × person → status); a pattern without a row fails. Whatever the
table says: no 5xx, an anonymous visitor is sent to the login page by every page but the
public ones, an outsider gets for an object of the council what they get for an object that
does not exist (404: its existence is not leaked), and a member of the council without the
right gets 403, never 404 (`access_rule_breaches`).

After a deliberate change of access, rewrite the table and read its diff:
`ACCESS_MATRIX_WRITE=1 pytest config/tests/test_access_matrix.py`."""

import csv
import os
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts import demo
from accounts.models import User
from config.tests.data import OWN_AUTHENTICATION, PUBLIC, named_patterns
from config.tests.demo_objects import parameters

pytestmark = pytest.mark.django_db

TABLE = Path(__file__).with_name("access_matrix.csv")
ANONYMOUS = "anonyme"
PEOPLE = [ANONYMOUS, *(email for email, *_rest in demo.PEOPLE)]
# The people of the council, whose objects fill the addresses, and the outsider: the buyer of
# the Lille metropole, a member of the same network and purchasing group but of another
# organisation.
MEMBERS = [email for email, *_rest, slug, _code, _roles in demo.PEOPLE if slug == "npdc"]
OUTSIDER = "acheteur@lille-metropole.test"
# Objects the demo shares with the outsider's organisation (the network, its meetings,
# projects, trainings, purchasing groups and their supply chain; the council's clause of the
# matrix, shared with the network): the outsider reads them, and gets 403 for what their role
# may not do there, so the rule below does not apply to them.
SHARED_WITH_OUTSIDER = ("network:", "clauses:", "api:clause-detail")
# Where a member who may read the object gets 404 because the file asked for is not there (no
# evidence file, no minutes yet, a report not built), or because the object is another
# person's own (a training registration).
MEMBER_404 = {
    "purchasing:evidence": "the follow-up of the matrix has no evidence file",
    "network:meeting-minutes": "the meeting of the matrix has no minutes yet",
    "network:training-certificate": "a certificate exists only for one's own registration",
    "network:training-registration-cancel": "only one's own registration is cancelled",
    "steering:report-download": "the report of the matrix is not built",
    "network:calendar-feed": "the matrix asks for an address nobody was given",
    "budgets:import-status": "the import of the matrix was made on the command line: no job",
    "purchasing:export-detail": "an export of the contract list exists only for its requester",
    "purchasing:export-status": "an export of the contract list exists only for its requester",
    "purchasing:export-download": "the export of the matrix is not prepared yet",
}


def matrix_patterns() -> list[tuple[str, dict]]:
    """Every named pattern but the technical admin (Django's own, for staff)."""
    return sorted(
        (name, kwargs) for name, kwargs in named_patterns() if not name.startswith("admin:")
    )


def missing_object(kwargs: dict) -> dict:
    """The same parameters naming objects that do not exist."""
    absent = {int: 2_000_000_000, str: "inexistant"}
    return {
        key: uuid.UUID(int=2**100) if isinstance(value, uuid.UUID) else absent[type(value)]
        for key, value in kwargs.items()
    }


def access_rule_breaches(found: dict, filled: dict, outsider_client) -> dict:
    """The rule of DESIGN.md over the whole matrix, beyond the table's own rows: an outsider
    asking for an object of the council gets exactly what they get for an object that does not
    exist (404, or the 403/405 their role or the method gets before any object is read:
    existence is never leaked); a member of the council never gets 404 for an object of their
    organisation (403 when they lack the right), save the files of MEMBER_404."""
    leaks, hidden = [], []
    for name, kwargs in filled.items():
        if name not in found or not kwargs:
            continue
        # Public pages show anyone what is published: no existence to hide there.
        if not name.startswith(SHARED_WITH_OUTSIDER) and name not in PUBLIC:
            nowhere = outsider_client.get(reverse(name, kwargs=missing_object(kwargs)))
            if found[name][OUTSIDER] != nowhere.status_code:
                leaks.append((name, found[name][OUTSIDER], nowhere.status_code))
        if name not in MEMBER_404:
            hidden.extend((name, member) for member in MEMBERS if found[name][member] == 404)
    return {"outsider answers unlike for a missing object": leaks, "member gets 404": hidden}


def read_table() -> dict:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, *body = rows
    assert header == ["pattern", *PEOPLE], "The table's columns are not the demo people"
    return {row[0]: dict(zip(PEOPLE, map(int, row[1:]), strict=True)) for row in body}


def write_table(found: dict) -> None:
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["pattern", *PEOPLE])
        for name in sorted(found):
            writer.writerow([name, *(found[name][person] for person in PEOPLE)])


# The open-data downloads answer as the table says only once the official schemas are there.
@pytest.mark.schemas
def test_every_pattern_answers_every_person_as_the_table_says(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("seed_demo", stdout=StringIO())
    filled = parameters()
    clients = {ANONYMOUS: Client()}
    for email in PEOPLE[1:]:
        clients[email] = Client()
        clients[email].force_login(User.objects.get(email=email))

    found, unfilled, errors, not_sent_to_login = {}, [], [], []
    login = reverse(settings.LOGIN_URL)
    for name, sample in matrix_patterns():
        if sample and name not in filled:
            unfilled.append(name)
            continue
        address = reverse(name, kwargs=filled.get(name, {}))
        found[name] = {}
        for person, client in clients.items():
            response = client.get(address)
            found[name][person] = response.status_code
            if response.status_code >= 500:
                errors.append((name, person, response.status_code))
        anonymous = found[name][ANONYMOUS]
        protected = name not in PUBLIC and not name.startswith(OWN_AUTHENTICATION)
        if protected and (
            anonymous != 302 or not clients[ANONYMOUS].get(address)["Location"].startswith(login)
        ):
            not_sent_to_login.append(name)

    assert unfilled == [], "Patterns whose parameters the matrix does not fill"
    assert errors == []
    assert not_sent_to_login == []
    assert access_rule_breaches(found, filled, clients[OUTSIDER]) == {
        "outsider answers unlike for a missing object": [],
        "member gets 404": [],
    }
    if os.environ.get("ACCESS_MATRIX_WRITE"):
        write_table(found)
    expected = read_table()
    assert sorted(set(found) - set(expected)) == [], "Patterns without a row in the table"
    assert sorted(set(expected) - set(found)) == [], "Rows of patterns that no longer exist"
    differences = [
        (name, person, expected[name][person], status)
        for name, answers in found.items()
        for person, status in answers.items()
        if expected[name][person] != status
    ]
    assert differences == [], "(pattern, person, expected, found)"
