"""E-mails of the steering app: the committee told that a quarterly report is ready. Each is
three templates: subject, text body, HTML body. Queued in the outbox (core/outbox.py); a job
delivers them, retrying for hours while the mail server is away."""

from django.conf import settings
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError
from django.urls import reverse

from core.emails import templated_message

from .models import QuarterlyReport
from .selectors.reports import report_recipients

READY_EMAIL = "steering/emails/report-ready"
# Queueing writes rows: a database that went away for a moment is worth another try (the mail
# server's own failures are the outbox's to retry).
MAIL_ERRORS = (OperationalError, InterfaceError)


def report_ready_send(*, report: QuarterlyReport) -> int:
    """E-mail the committee that the report is ready, with its download link; returns the
    number of messages queued (one per person, nobody sees the others' addresses)."""
    recipients = report_recipients(report.organisation)
    if not recipients:
        return 0
    context = {
        "report": report,
        "organisation": report.organisation,
        "quarter": report.period,
        "link": f"{settings.SITE_URL}{reverse('steering:report-detail', args=[report.pk])}",
        "download": f"{settings.SITE_URL}{reverse('steering:report-download', args=[report.pk])}",
        "site_url": settings.SITE_URL,
    }
    messages = [templated_message(READY_EMAIL, to=[email], context=context) for email in recipients]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
