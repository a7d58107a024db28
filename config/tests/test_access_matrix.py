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
from accounts.models import Department, Organisation, User
from budgets.models import Budget, ImportBatch, PurchasingRule
from clauses.models import Clause, CpvCode, EcoLabel, PurchaseFamily
from config.tests.data import OWN_AUTHENTICATION, PUBLIC, named_patterns
from core.quarters import Quarter
from network.models import (
    ActionItem,
    Audit,
    CommonProject,
    Finding,
    GroupContract,
    GroupMembership,
    Meeting,
    MeetingRegistration,
    Milestone,
    Network,
    NetworkContact,
    NetworkMembership,
    PurchasingGroup,
    TrainingRegistration,
    TrainingSession,
)
from purchasing.models import AppliedClause, ExecutionFollowUp
from purchasing.services.list_exports import export_request
from steering.models import CommitteeMeeting, CommitteeMember, Decision, QuarterlyReport
from steering.services.reports import report_request

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
    "steering:report-download": "the report of the matrix is not built",
    "budgets:import-status": "the import of the matrix was made on the command line: no job",
    "purchasing:export-detail": "an export of the contract list exists only for its requester",
    "purchasing:export-status": "an export of the contract list exists only for its requester",
    "purchasing:export-download": "the export of the matrix is not prepared yet",
}


def first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, f"The demo has no {queryset.model.__name__} for the matrix"
    return found


def any_of(*querysets):
    """The first object of the first queryset that has one."""
    for queryset in querysets:
        if found := queryset.order_by("pk").first():
            return found
    return first(querysets[-1])


def parameters() -> dict:
    """Pattern name → the keyword arguments of its address, from the demo data."""
    npdc = Organisation.objects.get(slug="npdc")
    person = User.objects.get(email="acheteur@npdc.test")
    follow_ups = ExecutionFollowUp.objects.select_related("applied_clause__market")
    follow_up = any_of(
        follow_ups.filter(applied_clause__market__organisation=npdc).exclude(evidence=""),
        follow_ups.filter(applied_clause__market__organisation=npdc),
        follow_ups.all(),
    )
    market = follow_up.applied_clause.market
    applied = first(AppliedClause.objects.filter(market=market))
    clause = first(Clause.objects.filter(organisation=npdc))
    batch = first(ImportBatch.objects.filter(organisation=npdc))
    rule = first(PurchasingRule.objects.filter(organisation=npdc))
    year = first(Budget.objects.filter(organisation=npdc, department__code="LYC")).year
    network = first(Network.objects.filter(memberships__organisation=npdc))
    membership = first(NetworkMembership.objects.filter(network=network, organisation=npdc))
    contact = first(NetworkContact.objects.filter(membership__network=network))
    meeting = first(Meeting.objects.filter(network=network))
    registration = first(MeetingRegistration.objects.filter(meeting__network=network))
    action = first(ActionItem.objects.filter(meeting__network=network))
    project = first(CommonProject.objects.filter(network=network))
    milestone = first(Milestone.objects.filter(project__network=network))
    session = first(TrainingSession.objects.filter(network=network))
    trainee = first(TrainingRegistration.objects.filter(session__network=network))
    group = first(PurchasingGroup.objects.filter(memberships__organisation=npdc))
    member = first(GroupMembership.objects.filter(group=group))
    contract = first(GroupContract.objects.filter(group=group))
    audits = Audit.objects.select_related("site__supplier")
    audit = any_of(audits.filter(organisation=npdc), audits.all())
    site = audit.site
    finding = any_of(Finding.objects.filter(audit=audit).exclude(evidence=""), audit.findings.all())
    committee_member = first(CommitteeMember.objects.filter(committee__organisation=npdc))
    committee_meeting = first(CommitteeMeeting.objects.filter(committee__organisation=npdc))
    decision = first(Decision.objects.filter(meeting__committee__organisation=npdc))
    # The demo asks for no export of the contract list: one of the committee member's.
    export = export_request(
        actor=User.objects.get(email="comite@npdc.test"), file_format="csv", query=""
    )
    report = QuarterlyReport.objects.filter(organisation=npdc).first()
    if report is None:  # The demo asks for none: the command line's request, built at once.
        report, _created = report_request(
            actor=None, organisation=npdc, quarter=Quarter.parse("2026-T1")
        )
    on_market = {"pk": market.pk}
    on_meeting = {"public_id": meeting.public_id}
    on_audit = {"public_id": audit.public_id}
    return {
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "jeton"},
        **{
            f"accounts:person-{name}": {"public_id": person.public_id}
            for name in ("detail", "edit", "deactivate", "reactivate")
        },
        "accounts:department-edit": {
            "code": Department.objects.get(organisation=npdc, code="LYC").code
        },
        **{
            f"clauses:{name}": {"pk": clause.pk}
            for name in ("detail", "edit", "approve", "retire", "copy", "history", "compare")
        },
        "clauses:version": {"pk": clause.pk, "number": 1},
        "clauses:family-edit": {"code": first(PurchaseFamily.objects.all()).code},
        "clauses:family-history": {"code": first(PurchaseFamily.objects.all()).code},
        "clauses:eco-label-edit": {"code": first(EcoLabel.objects.all()).code},
        "clauses:eco-label-history": {"code": first(EcoLabel.objects.all()).code},
        "clauses:cpv-edit": {"code": first(CpvCode.objects.all()).code},
        **{
            f"purchasing:{name}": on_market
            for name in (
                "step-needs",
                "step-assessment",
                "step-clauses",
                "step-criteria",
                "summary",
                "submit",
                "detail",
                "comment",
                "send-back",
                "approve",
                "publish",
                "start-execution",
                "close",
                "abandon",
            )
        },
        "purchasing:clauses-document": {**on_market, "file_format": "docx"},
        "purchasing:clause-add": {**on_market, "clause_pk": applied.clause_version.clause_id},
        "purchasing:clause-edit": {**on_market, "applied_pk": applied.pk},
        "purchasing:clause-remove": {**on_market, "applied_pk": applied.pk},
        "purchasing:follow-up": {**on_market, "applied_pk": follow_up.applied_clause_id},
        "purchasing:award": {**on_market, "lot_pk": first(market.lots.all()).pk},
        "purchasing:evidence": {**on_market, "follow_up_pk": follow_up.pk},
        "budgets:budget-year": {"year": year},
        "budgets:import-template": {"kind": "purchases"},
        "budgets:import-template-xlsx": {"kind": "purchases"},
        "budgets:import-detail": {"public_id": batch.public_id},
        "budgets:import-confirm": {"public_id": batch.public_id},
        "budgets:import-reverse": {"public_id": batch.public_id},
        "budgets:import-status": {"public_id": batch.public_id},
        "budgets:import-check-retry": {"public_id": batch.public_id},
        **{
            f"purchasing:export-{name}": {"public_id": export.public_id}
            for name in ("detail", "status", "download", "retry")
        },
        "budgets:rule-purchases": {
            "year": year,
            "department": "LYC",
            "rule": rule.pk,
        },
        "budgets:rule-edit": {"pk": rule.pk},
        "network:network-edit": {"public_id": network.public_id},
        "network:membership-edit": {"pk": membership.pk},
        "network:contact-add": {"pk": contact.membership_id},
        "network:contact-edit": {"pk": contact.membership_id, "contact_pk": contact.pk},
        "network:contact-delete": {"pk": contact.membership_id, "contact_pk": contact.pk},
        **{
            f"network:meeting-{name}": on_meeting
            for name in ("detail", "edit", "cancel", "register", "attendance", "minutes-upload")
        },
        "network:meeting-minutes": {"public_id": meeting.public_id},
        "network:meeting-unregister": {
            "public_id": registration.meeting.public_id,
            "pk": registration.pk,
        },
        "network:action-add": on_meeting,
        "network:action-edit": {"public_id": action.meeting.public_id, "pk": action.pk},
        "network:action-status": {"public_id": action.meeting.public_id, "pk": action.pk},
        **{
            f"network:project-{name}": {"public_id": project.public_id}
            for name in ("detail", "edit")
        },
        "network:milestone-add": {"public_id": project.public_id},
        "network:milestone-edit": {"public_id": milestone.project.public_id, "pk": milestone.pk},
        "network:milestone-delete": {"public_id": milestone.project.public_id, "pk": milestone.pk},
        **{
            f"network:training-{name}": {"public_id": session.public_id}
            for name in ("detail", "update", "publish", "cancel", "register", "attendance")
        },
        "network:training-registration-cancel": {"public_id": trainee.public_id},
        "network:training-certificate": {"public_id": trainee.public_id},
        **{
            f"network:group-{name}": {"public_id": group.public_id}
            for name in ("detail", "edit", "members", "contracts")
        },
        "network:group-member-remove": {
            "public_id": group.public_id,
            "organisation_pk": member.organisation_id,
        },
        "network:group-contract-detach": {
            "public_id": contract.group.public_id,
            "market_pk": contract.market_id,
        },
        "network:supplier-detail": {"pk": site.supplier_id},
        "network:site-create": {"pk": site.supplier_id},
        "network:site-edit": {"pk": site.supplier_id, "site_pk": site.pk},
        "network:audit-create": {"pk": site.supplier_id, "site_pk": site.pk},
        "network:audit-detail": on_audit,
        "network:audit-edit": on_audit,
        "network:audit-report": on_audit,
        "network:finding-create": on_audit,
        **{
            f"network:finding-{name}": {**on_audit, "pk": finding.pk}
            for name in ("edit", "status", "close", "evidence")
        },
        **{
            f"steering:committee-member-{name}": {"pk": committee_member.pk}
            for name in ("detail", "edit", "end")
        },
        "steering:committee-meeting-detail": {"pk": committee_meeting.pk},
        "steering:committee-meeting-edit": {"pk": committee_meeting.pk},
        "steering:committee-decision-add": {"pk": committee_meeting.pk},
        "steering:committee-decision-detail": {"pk": decision.pk},
        "steering:committee-decision-edit": {"pk": decision.pk},
        **{
            f"steering:report-{name}": {"pk": report.pk}
            for name in ("detail", "status", "retry", "download")
        },
        "api:contract-detail": {"pk": market.pk},
        "api:clause-detail": {"pk": clause.pk},
        "api:token-revoke": {"token_key": "inconnu"},
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
        if not name.startswith(SHARED_WITH_OUTSIDER):
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
