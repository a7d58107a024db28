"""`manage.py build_quarterly_report`: queues (here the job runs in process), prints the status
and the PDF's path; a failed build exits with status 1 and its error; a wrong organisation,
year or quarter is refused with a clear message."""

import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from kombu.exceptions import OperationalError as BrokerError

from core.quarters import Quarter
from core.tasks import run_job
from steering import pdf
from steering.models import QuarterlyReport, ReportStatus
from steering.services import reports as services

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    """The command as on the command line: outside a transaction, the job queued at once (and
    run in process); never waiting long."""
    out = io.StringIO()
    call_command("build_quarterly_report", *args, "--timeout", "30", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_it_builds_the_report_and_prints_the_path_of_the_pdf(alice):
    slug = alice.organisation.slug

    output = run("--organisation", slug, "--year", "2026", "--quarter", "3", "--wait")

    report = QuarterlyReport.objects.get()
    assert (report.year, report.quarter, report.requested_by) == (2026, 3, None)
    assert report.status == ReportStatus.READY
    assert output.splitlines() == [
        f"Rapport demandé : 3e trimestre 2026, Ville de Roubaix (n° {report.pk}).",
        "État : Prêt (ready)",
        f"PDF : {report.file.path}",
    ]
    assert os.path.isfile(report.file.path)


def test_without_wait_it_queues_and_prints_the_status(alice, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks() as callbacks:
        call_command(
            "build_quarterly_report",
            "--organisation",
            alice.organisation.slug,
            "--year",
            "2026",
            "--quarter",
            "2",
            stdout=out,
        )

    assert len(callbacks) == 1
    assert "État : En attente (pending)" in out.getvalue()


def test_a_report_already_being_built_is_not_queued_again(alice):
    report, _ = services.report_request(
        actor=alice, organisation=alice.organisation, quarter=Quarter(2026, 3)
    )
    out = io.StringIO()
    call_command(
        "build_quarterly_report",
        "--organisation",
        alice.organisation.slug,
        "--year",
        "2026",
        "--quarter",
        "3",
        stdout=out,
    )
    assert out.getvalue().startswith(
        f"Rapport déjà en construction : 3e trimestre 2026, Ville de Roubaix (n° {report.pk})."
    )
    assert QuarterlyReport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_exits_with_status_1_and_its_error(alice, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("police DejaVu introuvable")

    monkeypatch.setattr(pdf, "report_pdf", broken)

    with pytest.raises(CommandError) as error:
        run("--organisation", alice.organisation.slug, "--year", "2026", "--quarter", "3", "--wait")

    assert error.value.returncode == 1
    assert str(error.value) == (
        "Échec de la construction : Le travail s'est arrêté sur une erreur inattendue. "
        "(RuntimeError: police DejaVu introuvable)"
    )


@pytest.mark.django_db(transaction=True)
def test_with_the_job_service_down_it_says_so_in_one_line_and_keeps_the_request(alice, monkeypatch):
    def unreachable(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(run_job, "apply_async", unreachable)

    with pytest.raises(CommandError) as error:
        run("--organisation", alice.organisation.slug, "--year", "2026", "--quarter", "3", "--wait")

    report = QuarterlyReport.objects.select_related("job").get()
    assert error.value.returncode == 1
    assert str(error.value) == (
        "Le service des travaux en arrière-plan (Redis) est injoignable : la demande du rapport "
        f"n° {report.pk} est enregistrée, sa construction démarrera dès son retour."
    )
    assert report.status == ReportStatus.PENDING and report.job.awaits_broker


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--organisation", "nulle-part", "--year", "2026", "--quarter", "3"],
            "Organisation inconnue : « nulle-part ».",
        ),
        (["--year", "2026", "--quarter", "5"], "Trimestre invalide : « 5 » (1, 2, 3 ou 4)."),
        (["--year", "26", "--quarter", "1"], "Année invalide : « 26 » (de 2000 à 2100)."),
        (
            ["--year", "2099", "--quarter", "1"],
            "Le 1er trimestre 2099 n'est pas terminé : le dernier trimestre complet est le ",
        ),
    ],
)
def test_a_wrong_organisation_year_or_quarter_is_refused(alice, arguments, message):
    if "--organisation" not in arguments:
        arguments = ["--organisation", alice.organisation.slug, *arguments]

    with pytest.raises(CommandError) as error:
        run(*arguments)

    assert str(error.value).startswith(message)
    assert not QuarterlyReport.objects.exists()
