"""The supply chain through its services and selectors: production sites, audits recorded by
advisors, findings and their corrective actions, overdue computed right, closure only with an
evidence file (nothing written otherwise), and the steering indicators of an organisation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from network import access
from network.models import (
    Audit,
    AuditResult,
    Finding,
    FindingStatus,
    ProductionSite,
    Severity,
)
from network.selectors import supply_chain as selectors
from network.services import supply_chain as services
from network.tests.data import add_finding, days, evidence_file, record_audit

pytestmark = pytest.mark.django_db


def messages(error) -> list[str]:
    return error.value.messages


def state(finding: Finding) -> tuple:
    """What a refused service must leave as it was."""
    finding = Finding.objects.get(pk=finding.pk)
    return (
        finding.status,
        finding.closed_on,
        finding.closed_by_id,
        finding.evidence.name,
        finding.history.count(),
    )


def by_severity(counts) -> dict:
    return {severity.value: count for severity, count in counts.by_severity}


# --- Sites and audits --------------------------------------------------------------------------


def test_an_advisor_records_a_site_of_a_supplier_they_follow(site, alice, supplier, bob, eve):
    assert (site.supplier, site.country, site.recorded_by) == (supplier, "BD", alice)
    assert site.history.first().history_user == alice

    for person in (bob, eve):
        with pytest.raises(PermissionDenied):
            services.site_create(
                actor=person, supplier=supplier, name="Autre", country="PT", activity="Tissage"
            )
    with pytest.raises(ValidationError) as error:
        services.site_create(
            actor=alice,
            supplier=supplier,
            name="Atelier de confection de Gazipur",
            country="BD",
            city="Gazipur",
            activity="Confection",
        )
    assert messages(error) == ["Ce fournisseur a déjà un site de ce nom à cet endroit."]
    assert ProductionSite.objects.count() == 1


def test_a_members_advisor_audits_a_site_of_the_group_which_their_organisation_then_changes(
    textile_group, site, audit, charlie, alice, eve
):
    """charlie sees the site through alice's audit shared with the group."""
    second = record_audit(charlie, site, group=textile_group)
    assert (second.organisation, second.group) == (charlie.organisation, textile_group)
    assert access.can_edit_audit(charlie, second)
    assert not access.can_edit_audit(alice, second)
    assert not access.can_edit_audit(charlie, audit)

    with pytest.raises(PermissionDenied):
        record_audit(eve, site)
    with pytest.raises(ValidationError) as error:
        record_audit(alice, site, audited_on=days(1))
    assert messages(error) == ["La date de l'audit ne peut pas être dans le futur."]
    assert Audit.objects.count() == 2


def test_an_audit_report_of_the_wrong_type_or_too_large_is_refused(alice, site, settings):
    with pytest.raises(ValidationError) as error:
        record_audit(alice, site, report=SimpleUploadedFile("rapport.exe", b"MZ"))
    assert messages(error) == [
        "Fichier refusé : formats acceptés PDF, PNG, JPG, JPEG, ODT, ODS, DOCX, XLSX, CSV."
    ]
    big = SimpleUploadedFile("rapport.pdf", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        record_audit(alice, site, report=big)
    assert messages(error) == ["Fichier trop lourd : 10 Mo au plus."]
    assert not Audit.objects.exists()


# --- Findings ----------------------------------------------------------------------------------


def test_a_finding_is_recorded_by_the_audits_organisation_with_a_coherent_deadline(
    audit, alice, charlie
):
    finding = add_finding(alice, audit)
    assert finding.status == FindingStatus.OPEN
    assert finding.history.first().history_user == alice

    with pytest.raises(PermissionDenied):
        add_finding(charlie, audit)
    with pytest.raises(ValidationError) as error:
        add_finding(alice, audit, deadline=audit.audited_on - datetime.timedelta(days=1))
    assert messages(error) == [
        "L'échéance de l'action corrective précède la date de l'audit "
        f"({audit.audited_on:%d/%m/%Y})."
    ]
    with pytest.raises(ValidationError) as error:
        add_finding(alice, audit, corrective_action="  ")
    assert messages(error) == ["Décrivez l'action corrective attendue pour cette échéance."]
    assert audit.findings.count() == 1


def test_overdue_means_deadline_passed_and_not_closed(audit, alice):
    late = add_finding(alice, audit, deadline=days(-1))
    late_in_progress = add_finding(alice, audit, deadline=days(-10), severity=Severity.CRITICAL)
    services.finding_status_change(
        actor=alice, finding=late_in_progress, status=FindingStatus.IN_PROGRESS
    )
    due_today = add_finding(alice, audit, deadline=days(0))
    future = add_finding(alice, audit, deadline=days(20))
    without_deadline = add_finding(alice, audit, deadline=None, corrective_action="")
    closed_late = add_finding(alice, audit, deadline=days(-5), severity=Severity.LOW)
    services.finding_close(actor=alice, finding=closed_late, evidence=evidence_file())

    overdue = Finding.objects.filter(audit=audit).overdue()
    assert set(overdue) == {late, Finding.objects.get(pk=late_in_progress.pk)}
    for finding in (due_today, future, without_deadline):
        assert not finding.is_overdue
    assert not Finding.objects.get(pk=closed_late.pk).is_overdue

    summary = selectors.finding_summary(Finding.objects.filter(audit=audit))
    assert by_severity(summary.overdue) == {"critical": 1, "high": 1, "medium": 0, "low": 0}
    assert by_severity(summary.open) == {"critical": 1, "high": 4, "medium": 0, "low": 0}
    assert [f.pk for f in selectors.overdue_findings(Finding.objects.all())] == [
        late_in_progress.pk,
        late.pk,
    ]


def test_closing_needs_the_evidence_file_and_writes_nothing_without_it(audit, alice, media_root):
    finding = add_finding(alice, audit)
    before = state(finding)

    for missing in (None, ""):
        with pytest.raises(ValidationError) as error:
            services.finding_close(actor=alice, finding=finding, evidence=missing)
        assert error.value.message_dict == {
            "evidence": ["Joignez la preuve de correction : un constat ne se clôt pas sans elle."]
        }
    with pytest.raises(ValidationError) as error:
        services.finding_close(
            actor=alice, finding=finding, evidence=evidence_file("preuve.html", b"<html>")
        )
    assert messages(error) == [
        "Fichier refusé : formats acceptés PDF, PNG, JPG, JPEG, ODT, ODS, DOCX, XLSX, CSV."
    ]
    with pytest.raises(ValidationError) as error:
        services.finding_close(
            actor=alice, finding=finding, evidence=evidence_file(), closed_on=days(1)
        )
    assert messages(error) == ["La date de clôture ne peut pas être dans le futur."]

    assert state(finding) == before
    assert not list(media_root.rglob("*.*"))


def test_closing_with_evidence_records_the_date_the_person_and_the_file(audit, alice, charlie):
    finding = add_finding(alice, audit)
    with pytest.raises(PermissionDenied):
        services.finding_close(actor=charlie, finding=finding, evidence=evidence_file())

    closed = services.finding_close(
        actor=alice, finding=finding, evidence=evidence_file(), closed_on=days(-1)
    )

    closed.refresh_from_db()
    assert (closed.status, closed.closed_on, closed.closed_by) == (
        FindingStatus.CLOSED,
        days(-1),
        alice,
    )
    assert closed.evidence.name.startswith(f"network/findings/{audit.public_id}/preuve")
    assert closed.evidence.read() == b"%PDF-1.4 rapport de suivi des actions correctives"
    assert closed.history.first().history_change_reason == (
        "Constat clos avec sa preuve de correction"
    )
    with pytest.raises(ValidationError) as error:
        services.finding_close(actor=alice, finding=closed, evidence=evidence_file())
    assert messages(error) == [
        f"Ce constat est clos le {days(-1):%d/%m/%Y} : il ne se modifie plus."
    ]


def test_the_status_changes_by_hand_between_open_and_in_progress_only(audit, alice):
    finding = add_finding(alice, audit)

    finding = services.finding_status_change(
        actor=alice, finding=finding, status=FindingStatus.IN_PROGRESS
    )
    assert finding.status == FindingStatus.IN_PROGRESS
    with pytest.raises(ValidationError) as error:
        services.finding_status_change(actor=alice, finding=finding, status=FindingStatus.CLOSED)
    assert messages(error) == [
        "Pour clore un constat, joignez la preuve de correction avec le formulaire de clôture."
    ]
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.IN_PROGRESS


def test_an_unresolved_finding_is_changed_a_closed_one_is_not(audit, alice):
    finding = add_finding(alice, audit)
    finding = services.finding_update(
        actor=alice, finding=finding, severity=Severity.CRITICAL, deadline=days(10)
    )
    assert (finding.severity, finding.deadline) == (Severity.CRITICAL, days(10))

    services.finding_close(actor=alice, finding=finding, evidence=evidence_file())
    with pytest.raises(ValidationError):
        services.finding_update(actor=alice, finding=finding, severity=Severity.LOW)
    assert Finding.objects.get(pk=finding.pk).severity == Severity.CRITICAL


# --- Steering indicators -----------------------------------------------------------------------


def test_the_steering_indicators_of_an_organisation(
    textile_group, site, alice, charlie, eve, supplier
):
    shared = record_audit(alice, site, group=textile_group, audited_on=days(-100))
    own = record_audit(alice, site, audited_on=days(-20), result=AuditResult.COMPLIANT)
    add_finding(alice, shared, severity=Severity.CRITICAL, deadline=days(-3))
    add_finding(alice, shared, severity=Severity.HIGH, deadline=days(40))
    closed = add_finding(alice, shared, severity=Severity.MEDIUM, deadline=days(-60))
    services.finding_close(
        actor=alice, finding=closed, evidence=evidence_file(), closed_on=days(-50)
    )
    add_finding(alice, own, severity=Severity.LOW, deadline=days(-1))

    roubaix, tourcoing, lens = alice.organisation, charlie.organisation, eve.organisation

    def audits(organisation, start=-365):
        return selectors.audits_done(organisation=organisation, start=days(start), end=days(0))

    done = audits(roubaix)
    assert done.total == 2
    assert dict(done.by_result)[AuditResult.MAJOR] == 1
    assert dict(done.by_result)[AuditResult.COMPLIANT] == 1
    # Tourcoing is a member of the group: the shared audit concerns it, Roubaix's own does not.
    assert audits(tourcoing).total == 1
    assert audits(roubaix, start=-50).total == 1
    assert audits(lens).total == 0

    assert by_severity(selectors.open_findings_by_severity(organisation=roubaix)) == {
        "critical": 1,
        "high": 1,
        "medium": 0,
        "low": 1,
    }
    assert by_severity(selectors.overdue_corrective_actions(organisation=roubaix)) == {
        "critical": 1,
        "high": 0,
        "medium": 0,
        "low": 1,
    }
    assert selectors.open_findings_by_severity(organisation=tourcoing).total == 2
    assert selectors.overdue_corrective_actions(organisation=tourcoing).total == 1
    # As they stood 55 days ago: the medium one was still open and overdue, Roubaix's own
    # audit was not done yet.
    past = days(-55)
    assert by_severity(selectors.open_findings_by_severity(organisation=roubaix, on=past)) == {
        "critical": 1,
        "high": 1,
        "medium": 1,
        "low": 0,
    }
    assert selectors.overdue_corrective_actions(organisation=roubaix, on=past).total == 1


def test_the_steering_indicators_are_one_query_each(
    textile_group, site, alice, django_assert_num_queries
):
    audit = record_audit(alice, site, group=textile_group)
    for severity in Severity:
        add_finding(alice, audit, severity=severity, deadline=days(-1))

    with django_assert_num_queries(3):
        selectors.audits_done(organisation=alice.organisation, start=days(-365), end=days(0))
        selectors.open_findings_by_severity(organisation=alice.organisation)
        selectors.overdue_corrective_actions(organisation=alice.organisation)
