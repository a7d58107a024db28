"""The quarterly reports' pages: the archive, asking for a quarter, a report's page with its
progress, error and retry, its status for the polling script, the download of the PDF.

The committee (alice), the head of a department (head) and the advisor (ada) read; only the
committee asks and retries; a buyer (bob, dora) is refused (403); another organisation's
committee (charlie) finds nothing (404); an anonymous visitor is sent to the login page."""

import datetime

import pytest
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from kombu.exceptions import OperationalError as BrokerError

from core.models import Job, JobStatus
from core.quarters import Quarter
from core.tasks import run_job
from steering.models import QuarterlyReport, ReportStatus
from steering.services import reports as services
from steering.tests.factories import QUARTER

pytestmark = pytest.mark.django_db


def pending(actor, quarter=QUARTER):
    report, _created = services.report_request(
        actor=actor, organisation=actor.organisation, quarter=quarter
    )
    return report


def built(actor, quarter=QUARTER):
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = pending(actor, quarter)
    report.refresh_from_db()
    return report


def failed(actor, quarter=QUARTER, error="RuntimeError: police introuvable"):
    """A report whose job failed, as the job leaves it after its last attempt."""
    report = pending(actor, quarter)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.FAILED,
        error="Le travail s'est arrêté sur une erreur inattendue.",
        error_detail=error,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    QuarterlyReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED)
    return QuarterlyReport.objects.select_related("job").get(pk=report.pk)


@pytest.fixture
def ready(alice):
    return built(alice)


def url(name, report=None):
    return reverse(f"steering:{name}", args=[report.pk] if report else [])


# --- Who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report-detail", "report-download", "report-status"])
def test_the_committee_the_department_head_and_the_advisor_read_a_report(
    client, ready, alice, head, ada, name
):
    for person in (alice, head, ada):
        client.force_login(person)
        assert client.get(url(name, ready)).status_code == 200, person


@pytest.mark.parametrize("name", ["report-detail", "report-download", "report-status"])
def test_a_buyer_is_refused_and_another_organisation_finds_nothing(
    client, ready, bob, dora, charlie, name
):
    for person in (bob, dora):
        client.force_login(person)
        assert client.get(url(name, ready)).status_code == 403
    client.force_login(charlie)
    assert client.get(url(name, ready)).status_code == 404


@pytest.mark.parametrize("name", ["report-detail", "report-download", "report-status"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, ready, name):
    response = client.get(url(name, ready))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_archive_is_for_readers_of_reports(client, ready, alice, head, ada, bob, charlie):
    for person in (alice, head, ada):
        client.force_login(person)
        response = client.get(url("report-list"))
        assert response.status_code == 200
        assert url("report-detail", ready) in response.content.decode()
    client.force_login(bob)
    assert client.get(url("report-list")).status_code == 403
    client.force_login(charlie)
    response = client.get(url("report-list"))
    assert response.status_code == 200
    assert url("report-detail", ready) not in response.content.decode()
    client.logout()
    assert client.get(url("report-list")).status_code == 302


def test_the_archive_lists_quarter_status_who_asked_when_duration_and_download(
    client, ready, alice, head
):
    scheduled = failed(alice, Quarter(2026, 2))
    QuarterlyReport.objects.filter(pk=scheduled.pk).update(requested_by=None)
    client.force_login(head)

    page = client.get(url("report-list")).content.decode()

    assert "3e trimestre 2026" in page and "2e trimestre 2026" in page
    assert "Prêt" in page and "Échec" in page
    assert alice.get_full_name() in page and "programmé" in page
    assert url("report-download", ready) in page
    assert " s</td>" in page or "min" in page
    # Only the committee asks for reports.
    assert url("report-request") not in page
    client.force_login(alice)
    assert url("report-request") in client.get(url("report-list")).content.decode()


# --- Asking ------------------------------------------------------------------------------------


def test_the_request_form_offers_the_last_complete_quarter(client, alice):
    client.force_login(alice)
    last = Quarter.last_complete()

    form = client.get(url("report-list")).context["form"]

    assert (form["year"].value(), form["quarter"].value()) == (last.year, last.number)


def test_a_committee_member_asks_for_a_quarter_and_lands_on_its_page(client, alice):
    client.force_login(alice)

    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        response = client.post(url("report-request"), {"year": "2026", "quarter": "3"})

    report = QuarterlyReport.objects.get()
    assert response.status_code == 302
    assert response.url == url("report-detail", report)
    assert (report.year, report.quarter, report.requested_by) == (2026, 3, alice)
    assert len(callbacks) == 1
    page = client.get(response.url).content.decode()
    assert "Le rapport du 3e trimestre 2026 est en construction." in page
    assert "js/job-progress.js" in page
    assert url("report-status", report) in page


def test_a_report_built_within_the_request_says_it_is_ready_not_being_built(
    transactional_db, client, alice
):
    # Committed for real: the in-process job runs on commit, before the request answers.
    client.force_login(alice)

    response = client.post(url("report-request"), {"year": "2026", "quarter": "3"}, follow=True)

    report = QuarterlyReport.objects.get()
    assert report.status == ReportStatus.READY
    page = response.content.decode()
    assert "Le rapport du 3e trimestre 2026 est prêt." in page
    assert "en construction" not in page


def test_asking_again_while_it_builds_shows_the_same_report(client, alice):
    report = pending(alice)
    client.force_login(alice)

    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        response = client.post(url("report-request"), {"year": "2026", "quarter": "3"}, follow=True)

    assert response.redirect_chain[-1][0] == url("report-detail", report)
    assert QuarterlyReport.objects.count() == 1 and callbacks == []
    assert "Le rapport du 3e trimestre 2026 est déjà en construction" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": "1999", "quarter": "4"}, "year", "L'année est comprise entre 2000 et {this}."),
        (
            {"year": "deux mille", "quarter": "1"},
            "year",
            "L'année s'écrit en chiffres, par exemple 2026.",
        ),
        ({"year": "2025", "quarter": "5"}, "quarter", "Choisissez un trimestre de 1 à 4."),
        ({"year": "", "quarter": ""}, "year", "Indiquez l'année."),
    ],
)
def test_a_bad_quarter_is_refused_with_a_french_message(client, alice, data, field, message):
    client.force_login(alice)

    response = client.post(url("report-request"), data, follow=True)

    # Back to the archive, the form with what was typed and its errors.
    assert response.redirect_chain == [(url("report-list"), 302)]
    this = timezone.localdate().year
    assert response.context["form"].errors[field] == [message.format(this=this)]
    assert not QuarterlyReport.objects.exists()


def test_the_current_quarter_is_refused_since_it_has_not_ended(client, alice):
    client.force_login(alice)
    current = Quarter.of(timezone.localdate())

    response = client.post(
        url("report-request"),
        {"year": str(current.year), "quarter": str(current.number)},
        follow=True,
    )

    assert response.redirect_chain == [(url("report-list"), 302)]
    assert response.context["form"].errors["quarter"] == [
        f"Le {current.label} n'est pas terminé : le dernier trimestre complet est le "
        f"{Quarter.last_complete().label}."
    ]


def test_only_the_committee_asks_for_a_report(client, bob, head, ada):
    for person in (bob, head, ada):
        client.force_login(person)
        response = client.post(url("report-request"), {"year": "2026", "quarter": "3"})
        assert response.status_code == 403
    assert not QuarterlyReport.objects.exists()


def test_asking_is_a_post(client, alice):
    client.force_login(alice)
    assert client.get(url("report-request")).status_code == 405


# --- A report's page ---------------------------------------------------------------------------


def test_a_report_being_built_shows_its_progress_and_a_refresh_link(client, alice):
    report = pending(alice)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING,
        progress=35,
        step="Mise en page du rapport",
        heartbeat_at=timezone.now(),
    )
    client.force_login(alice)

    page = client.get(url("report-detail", report)).content.decode()

    assert 'value="35"' in page and "Mise en page du rapport" in page
    assert "Le rapport est en construction." in page
    assert f'href="{url("report-detail", report)}"' in page  # works without JavaScript
    state = client.get(url("report-status", report)).json()
    assert state == {
        "status": "pending",
        "state": "running",
        "status_label": "En construction",
        "progress": 35,
        "step": "Mise en page du rapport",
        "active": True,
        "download_url": "",
    }


def test_a_report_whose_worker_went_silent_says_so_not_that_it_is_being_built(client, alice):
    report = pending(alice)
    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS + 1)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING, progress=60, heartbeat_at=silent
    )
    client.force_login(alice)

    page = client.get(url("report-detail", report)).content.decode()

    assert "Le rapport est en construction." not in page
    assert "Interrompu, reprise imminente" in page
    assert (
        "La construction ne donne plus signe de vie : elle sera relancée automatiquement dans "
        "quelques secondes." in page
    )


def test_a_report_relaunched_by_the_sweep_says_so(client, alice):
    report = pending(alice)
    Job.objects.filter(pk=report.job_id).update(requeued_at=timezone.now(), requeues=1)
    client.force_login(alice)

    page = client.get(url("report-detail", report)).content.decode()

    assert "Relancé automatiquement" in page
    assert "elle a été relancée automatiquement et reprend dans quelques instants." in page


@pytest.mark.django_db(transaction=True)
def test_a_report_asked_while_the_job_service_is_down_says_it_starts_once_it_is_back(
    client, alice, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(run_job, "apply_async", unreachable)
    client.force_login(alice)

    response = client.post(url("report-request"), {"year": "2026", "quarter": "3"}, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Le service des travaux en arrière-plan est momentanément indisponible : la demande du "
        "rapport du 3e trimestre 2026 est enregistrée, sa construction démarrera dès son retour."
    ) in page
    assert "En attente du service des travaux" in page
    report = QuarterlyReport.objects.select_related("job").get()
    assert report.job.awaits_broker and report.job.queued_at is None


def test_a_ready_report_shows_its_download_and_the_figures_used(client, ready, ada):
    client.force_login(ada)

    page = client.get(url("report-detail", ready)).content.decode()

    assert url("report-download", ready) in page
    assert "Chiffres utilisés" in page
    assert "Marchés avec une considération environnementale" in page
    assert "job-progress.js" not in page
    state = client.get(url("report-status", ready)).json()
    assert (state["status"], state["active"]) == ("ready", False)
    assert state["download_url"] == url("report-download", ready)


def test_the_pdf_is_downloaded_as_an_attachment(client, ready, head):
    client.force_login(head)

    response = client.get(url("report-download", ready))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="rapport-')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_report_not_ready_has_nothing_to_download(client, alice):
    report = pending(alice)
    client.force_login(alice)
    assert client.get(url("report-download", report)).status_code == 404


def test_a_failed_report_shows_its_error_and_the_committee_retries_it(client, alice, head):
    report = failed(alice)
    client.force_login(head)
    page = client.get(url("report-detail", report)).content.decode()
    assert escape("Le travail s'est arrêté sur une erreur inattendue.") in page
    assert "RuntimeError: police introuvable" in page  # the technical detail, folded
    assert url("report-retry", report) not in page

    client.force_login(alice)
    assert url("report-retry", report) in client.get(url("report-detail", report)).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("report-retry", report))

    assert response.status_code == 302 and response.url == url("report-detail", report)
    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.READY, "")


def test_retrying_is_for_the_committee_of_the_organisation(client, alice, head, bob, charlie):
    report = failed(alice)
    for person, status in ((head, 403), (bob, 403), (charlie, 404)):
        client.force_login(person)
        assert client.post(url("report-retry", report)).status_code == status
    client.force_login(alice)
    assert client.get(url("report-retry", report)).status_code == 405
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_retrying_a_report_that_has_not_failed_says_so(client, ready, alice):
    client.force_login(alice)

    response = client.post(url("report-retry", ready), follow=True)

    assert "Seul un rapport en échec peut être relancé." in response.content.decode()


# --- Queries do not grow with the archive ------------------------------------------------------


def _archive(actor, count):
    quarter = Quarter(2019, 1)
    for _ in range(count):
        failed(actor, quarter)
        quarter = quarter.next()


@pytest.mark.parametrize("count", [1, 30])
def test_the_archive_takes_the_same_queries_whatever_its_length(
    client, alice, count, django_assert_max_num_queries
):
    _archive(alice, count)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        assert client.get(url("report-list")).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_a_report_page_takes_the_same_queries_whatever_the_archive(
    client, alice, count, django_assert_max_num_queries
):
    _archive(alice, count)
    report = QuarterlyReport.objects.first()
    client.force_login(alice)
    with django_assert_max_num_queries(7):
        assert client.get(url("report-detail", report)).status_code == 200
