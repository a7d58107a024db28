"""`manage.py send_compliance_alerts [--date YYYY-MM-DD]`: the 1 October job, run by hand."""

from django.core.management.base import BaseCommand

from budgets.management.options import date_argument
from budgets.services.alerts import alert_day, compliance_alerts_send


class Command(BaseCommand):
    help = (
        "E-mail the heads of departments at risk of missing a purchasing rule (as the scheduled "
        "job does on 1 October). An alert already sent for the rule, year and status is not "
        "sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=date_argument,
            default=None,
            help="The day the statuses are computed for (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args, date, **options):
        # Run here, not queued: the person running it sees the result.
        sent = compliance_alerts_send(as_of=date or alert_day())
        self.stdout.write(self.style.SUCCESS(f"Alertes envoyées : {sent}."))
