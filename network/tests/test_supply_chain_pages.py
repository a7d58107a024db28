"""The supply-chain pages: suppliers, production sites, audits, findings, their status and
closure with evidence, the report and evidence files served only to readers. Who opens and
posts each page (the recording advisor, a member, a member without the right, a non-member,
anonymous, wrong method), and query counts that do not grow with the findings."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import Audit, Finding, FindingStatus, ProductionSite, Severity
from network.services import supply_chain as services
from network.tests.data import (
    PDF,
    add_finding,
    days,
    evidence_file,
    login_url,
    record_audit,
    text_of,
)

pytestmark = pytest.mark.django_db

# Session, user, permissions (2), the supplier; sites, audits with their counts, findings by
# severity, overdue findings, audits done.
SUPPLIER_QUERIES = 10
# Session, user, permissions (2), the audit, its findings.
AUDIT_QUERIES = 6
# Session, user, permissions (2), the count and the page of suppliers, their findings.
SUPPLIER_LIST_QUERIES = 7


@pytest.fixture
def finding(alice, audit):
    return add_finding(alice, audit)


@pytest.fixture
def closed(alice, audit):
    finding = add_finding(alice, audit, severity=Severity.MEDIUM, deadline=days(-5))
    return services.finding_close(actor=alice, finding=finding, evidence=evidence_file())


def url(name, **kwargs):
    return reverse(f"network:{name}", kwargs=kwargs)


def last_message(response) -> str:
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def reading_pages(supplier, audit, closed):
    return [
        url("supplier-detail", pk=supplier.pk),
        url("audit-detail", public_id=audit.public_id),
        url("audit-report", public_id=audit.public_id),
        url("finding-evidence", public_id=audit.public_id, pk=closed.pk),
    ]


def writing_pages(supplier, site, audit, finding):
    """(method, url) of every page that records or changes."""
    on_finding = {"public_id": audit.public_id, "pk": finding.pk}
    return [
        ("get", url("site-create", pk=supplier.pk)),
        ("get", url("site-edit", pk=supplier.pk, site_pk=site.pk)),
        ("get", url("audit-create", pk=supplier.pk, site_pk=site.pk)),
        ("get", url("audit-edit", public_id=audit.public_id)),
        ("get", url("finding-create", public_id=audit.public_id)),
        ("get", url("finding-edit", **on_finding)),
        ("post", url("finding-status", **on_finding)),
        ("get", url("finding-close", **on_finding)),
    ]


@pytest.fixture
def with_report(alice, audit):
    return services.audit_update(
        actor=alice, audit=audit, report=evidence_file("rapport.pdf", b"%PDF-1.4 rapport")
    )


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, supplier, site, audit, closed):
    pages = [url("supplier-list"), *reading_pages(supplier, audit, closed)]
    pages += [address for _method, address in writing_pages(supplier, site, audit, closed)]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url == login_url(address)
    status = url("finding-status", public_id=audit.public_id, pk=closed.pk)
    assert client.post(status).url == login_url(status)


def test_a_member_reads_the_supply_chain_of_the_group_and_changes_nothing(
    client, tom, supplier, site, audit, finding, closed, with_report
):
    client.force_login(tom)

    assert client.get(url("supplier-list")).status_code == 200
    for address in reading_pages(supplier, audit, closed):
        assert client.get(address).status_code == 200, address
    for method, address in writing_pages(supplier, site, audit, finding):
        assert getattr(client, method)(address, {"status": "in_progress"}).status_code == 403
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.OPEN


def test_a_members_advisor_reads_and_adds_sites_but_changes_only_what_their_organisation_recorded(
    client, charlie, supplier, site, audit, finding
):
    client.force_login(charlie)

    assert client.get(url("site-create", pk=supplier.pk)).status_code == 200
    assert client.get(url("audit-create", pk=supplier.pk, site_pk=site.pk)).status_code == 200
    creating = {
        url("site-create", pk=supplier.pk),
        url("audit-create", pk=supplier.pk, site_pk=site.pk),
    }
    for method, address in writing_pages(supplier, site, audit, finding):
        if address not in creating:
            assert getattr(client, method)(address).status_code == 403, address


def test_a_member_without_a_group_role_is_refused(client, fanny, supplier, site, audit, closed):
    client.force_login(fanny)

    assert client.get(url("supplier-list")).status_code == 403
    for address in reading_pages(supplier, audit, closed):
        assert client.get(address).status_code == 403, address
    for method, address in writing_pages(supplier, site, audit, closed):
        assert getattr(client, method)(address).status_code == 403, address


def test_the_supply_chain_of_other_organisations_does_not_exist_for_them(
    client, eve, supplier, site, audit, finding, closed
):
    client.force_login(eve)

    response = client.get(url("supplier-list"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    for address in reading_pages(supplier, audit, closed):
        assert client.get(address).status_code == 404, address
    for method, address in writing_pages(supplier, site, audit, finding):
        assert getattr(client, method)(address).status_code == 404, address


def test_the_pages_only_answer_their_methods(client, alice, supplier, site, audit, finding):
    client.force_login(alice)
    on_finding = {"public_id": audit.public_id, "pk": finding.pk}

    assert client.post(url("supplier-list")).status_code == 405
    assert client.post(url("supplier-detail", pk=supplier.pk)).status_code == 405
    assert client.delete(url("audit-detail", public_id=audit.public_id)).status_code == 405
    assert client.post(url("audit-report", public_id=audit.public_id)).status_code == 405
    assert client.get(url("finding-status", **on_finding)).status_code == 405
    assert client.put(url("finding-close", **on_finding)).status_code == 405
    assert client.post(url("finding-evidence", **on_finding)).status_code == 405


# --- Recording through the pages ---------------------------------------------------------------


def test_the_advisor_records_a_site_an_audit_with_its_report_and_a_finding(
    client, alice, supplier, textile_group, media_root
):
    client.force_login(alice)
    response = client.post(
        url("site-create", pk=supplier.pk),
        {
            "name": "Usine de Sousse",
            "country": "TN",
            "city": "Sousse",
            "activity": "Piqûre et montage",
            "workers": "260",
        },
    )
    assert response.status_code == 302
    site = ProductionSite.objects.get()
    assert site.get_country_display() == "Tunisie"

    form_url = url("audit-create", pk=supplier.pk, site_pk=site.pk)
    assert (
        client.get(f"{form_url}?groupement={textile_group.public_id}")
        .context["form"]
        .initial["group"]
        == textile_group
    )
    response = client.post(
        form_url,
        {
            "audited_on": days(-3).isoformat(),
            "auditor": "Maghreb Conformité Sociale",
            "standard": "amfori_bsci",
            "scope": "Piqûre et montage",
            "result": "minor",
            "group": textile_group.pk,
            "report": evidence_file("rapport-sousse.pdf", b"%PDF-1.4 rapport"),
        },
    )
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert response.url == url("audit-detail", public_id=audit.public_id)
    assert audit.group == textile_group
    report = client.get(url("audit-report", public_id=audit.public_id))
    assert report["Content-Disposition"] == 'attachment; filename="rapport-sousse.pdf"'
    assert b"".join(report.streaming_content) == b"%PDF-1.4 rapport"

    response = client.post(
        url("finding-create", public_id=audit.public_id),
        {
            "topic": "wages",
            "severity": "medium",
            "description": "Primes d'ancienneté non versées.",
            "corrective_action": "Rappel des primes dues.",
            "deadline": days(30).isoformat(),
        },
    )
    assert response.status_code == 302
    assert audit.findings.get().get_topic_display() == "Salaires"


def test_a_refused_audit_shows_the_services_message(client, alice, supplier, site):
    client.force_login(alice)

    response = client.post(
        url("audit-create", pk=supplier.pk, site_pk=site.pk),
        {
            "audited_on": days(2).isoformat(),
            "auditor": "Cabinet",
            "standard": "ilo_core",
            "result": "compliant",
        },
    )

    assert response.status_code == 200
    assert "La date de l'audit ne peut pas être dans le futur." in text_of(response)
    assert not Audit.objects.exists()


def test_closing_through_the_page_needs_the_evidence(client, alice, audit, finding, media_root):
    client.force_login(alice)
    close = url("finding-close", public_id=audit.public_id, pk=finding.pk)

    response = client.post(close, {"closed_on": ""})
    assert response.status_code == 200
    page = text_of(response)
    assert "Le constat n'est pas clos : corrigez ce qui est signalé." in page
    assert "Joignez la preuve de correction : un constat ne se clôt pas sans elle." in page
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.OPEN
    assert not list(media_root.rglob("*.*"))

    response = client.post(close, {"evidence": evidence_file("suivi.pdf"), "closed_on": ""})
    assert response.status_code == 302
    assert response.url == url("audit-detail", public_id=audit.public_id) + f"#constat-{finding.pk}"
    assert last_message(response) == "Le constat est clos avec sa preuve de correction."
    finding.refresh_from_db()
    assert (finding.status, finding.closed_on, finding.closed_by) == (
        FindingStatus.CLOSED,
        days(0),
        alice,
    )
    download = client.get(url("finding-evidence", public_id=audit.public_id, pk=finding.pk))
    assert download["Content-Disposition"] == 'attachment; filename="suivi.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF


def test_the_status_changes_through_the_page_and_closing_is_not_offered_there(
    client, alice, audit, finding
):
    client.force_login(alice)
    status = url("finding-status", public_id=audit.public_id, pk=finding.pk)

    response = client.post(status, {"status": "in_progress"})
    assert response.status_code == 302
    assert last_message(response) == "Le constat est maintenant « En cours de correction »."
    response = client.post(status, {"status": "closed"})
    assert last_message(response) == "Choisissez l'état « Ouvert » ou « En cours de correction »."
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.IN_PROGRESS


def test_pages_show_open_findings_by_severity_and_overdue_actions(
    client, tom, alice, supplier, audit, closed
):
    add_finding(alice, audit, severity=Severity.CRITICAL, deadline=days(-2))
    add_finding(alice, audit, severity=Severity.HIGH, deadline=days(10))
    client.force_login(tom)

    response = client.get(url("supplier-detail", pk=supplier.pk))
    data = response.context["data"]
    assert [(s.value, n) for s, n in data.summary.open.by_severity] == [
        ("critical", 1),
        ("high", 1),
        ("medium", 0),
        ("low", 0),
    ]
    assert data.summary.overdue.total == 1
    assert [finding.severity for finding in data.overdue] == ["critical"]
    assert "Actions correctives en retard" in text_of(response)
    rows = client.get(url("supplier-list")).context["rows"]
    assert [(row.name, summary.overdue.total) for row, summary in rows] == [
        ("Confections du Nord", 1)
    ]


# --- Query counts ------------------------------------------------------------------------------


def measure(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def add_many(alice, site, textile_group):
    for days_ago in (30, 20, 10):
        audit = record_audit(alice, site, group=textile_group, audited_on=days(-days_ago))
        for severity in Severity:
            add_finding(alice, audit, severity=severity, deadline=days(-1))
        closing = add_finding(alice, audit, severity=Severity.LOW)
        services.finding_close(actor=alice, finding=closing, evidence=evidence_file())


def test_the_supply_chain_pages_query_counts_do_not_grow_with_the_findings(
    client, tom, alice, supplier, site, audit, finding, textile_group, django_assert_max_num_queries
):
    client.force_login(tom)
    pages = {
        url("supplier-detail", pk=supplier.pk): SUPPLIER_QUERIES,
        url("audit-detail", public_id=audit.public_id): AUDIT_QUERIES,
        url("supplier-list"): SUPPLIER_LIST_QUERIES,
    }
    with_one = {address: measure(client, address) for address in pages}

    add_many(alice, site, textile_group)
    for number in range(5):
        add_finding(alice, audit, deadline=days(-number - 1))

    for address, limit in pages.items():
        client.get(address)
        with django_assert_max_num_queries(limit), CaptureQueriesContext(connection) as many:
            assert client.get(address).status_code == 200
        assert len(many) == with_one[address], address
    assert Finding.objects.count() == 1 + 3 * 5 + 5


def test_the_recording_advisor_opens_every_page_and_changes_the_site_and_the_audit(
    client, alice, supplier, site, audit, finding, closed, with_report
):
    client.force_login(alice)
    for method, address in writing_pages(supplier, site, audit, finding):
        if method == "get":
            assert client.get(address).status_code == 200, address
    for address in reading_pages(supplier, audit, closed):
        assert client.get(address).status_code == 200, address

    response = client.post(
        url("site-edit", pk=supplier.pk, site_pk=site.pk),
        {
            "name": site.name,
            "country": "BD",
            "city": "Gazipur",
            "activity": "Confection",
            "workers": "450",
        },
    )
    assert response.status_code == 302
    assert ProductionSite.objects.get(pk=site.pk).workers == 450
    response = client.post(
        url("audit-edit", public_id=audit.public_id),
        {
            "audited_on": audit.audited_on.isoformat(),
            "auditor": "Cabinet d'audit social Asie du Sud",
            "standard": "sa8000",
            "scope": audit.scope,
            "result": "critical",
            "group": audit.group_id,
        },
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.auditor, audit.standard, audit.result) == (
        "Cabinet d'audit social Asie du Sud",
        "sa8000",
        "critical",
    )
    assert audit.report.name.endswith(".pdf")
