"""`manage.py build_quarterly_report --organisation SLUG --year YYYY --quarter Q [--wait]`.

Queues the build of a quarter's report (or finds the one being built) and prints its status;
with --wait, waits for the end and prints the path of the PDF, or the error with exit status 1.
Without Redis the job runs in this process: the report is done when the command answers. With
Redis unreachable, the request is kept and the command says so in one line (exit status 1): the
sweep starts the build once Redis is back. While waiting, a database restart is lived through:
the command reconnects and goes on waiting."""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import InterfaceError, OperationalError

from accounts.management.options import organisation_named
from core.quarters import Quarter
from steering.models import QuarterlyReport, ReportStatus
from steering.services import reports

POLL_SECONDS = 1.0


def _quarter(value: str) -> int:
    if value not in {"1", "2", "3", "4"}:
        raise CommandError(f"Trimestre invalide : « {value} » (1, 2, 3 ou 4).")
    return int(value)


def _year(value: str) -> int:
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise CommandError(f"Année invalide : « {value} » (de 2000 à 2100).")
    return int(value)


class Command(BaseCommand):
    help = (
        "Queue the quarterly report of an organisation (or find the one being built), print its "
        "status; with --wait, wait for it and print the path of the PDF (exit 1 on failure)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--year", required=True)
        parser.add_argument("--quarter", required=True, help="1, 2, 3 or 4.")
        parser.add_argument("--wait", action="store_true", help="Wait until the report is built.")
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds to wait at most with --wait (the job time limit plus a minute).",
        )

    def handle(self, *args, organisation, year, quarter, wait, timeout, **options):
        found = organisation_named(organisation)
        period = Quarter(_year(year), _quarter(quarter))
        try:
            report, created = reports.report_request(actor=None, organisation=found, quarter=period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{'Rapport demandé' if created else 'Rapport déjà en construction'} : "
            f"{period.label}, {found.name} (n° {report.pk})."
        )
        report = _reload(report)
        if report.job.awaits_broker:
            raise CommandError(
                f"Le service des travaux en arrière-plan (Redis) est injoignable : la demande du "
                f"rapport n° {report.pk} est enregistrée, sa construction démarrera dès son retour."
            )
        if wait:
            report = self._wait(report, timeout or settings.CELERY_TASK_TIME_LIMIT + 60)
        self._report(report)

    def _wait(self, report: QuarterlyReport, timeout: float) -> QuarterlyReport:
        deadline = time.monotonic() + timeout
        while report.is_active:
            if time.monotonic() > deadline:
                raise CommandError(
                    f"Le rapport n° {report.pk} n'est pas terminé après {timeout:.0f} s "
                    f"(état : {report.state_label}) ; un worker Celery tourne-t-il ?"
                )
            time.sleep(POLL_SECONDS)
            try:
                report = _reload(report)
            except (OperationalError, InterfaceError):
                # The database restarts: drop the dead connection, the next look opens a new one.
                connection.close()
        return report

    def _report(self, report: QuarterlyReport) -> None:
        self.stdout.write(f"État : {report.state_label} ({report.state})")
        if report.status == ReportStatus.READY:
            self.stdout.write(f"PDF : {report.file.path}")
        elif report.status == ReportStatus.FAILED:
            detail = f" ({report.job.error_detail})" if report.job.error_detail else ""
            raise CommandError(f"Échec de la construction : {report.error}{detail}")


def _reload(report: QuarterlyReport) -> QuarterlyReport:
    return QuarterlyReport.objects.select_related("job").get(pk=report.pk)
