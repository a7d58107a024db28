"""E-mails of the steering app: the committee told that a quarterly report is ready. Each is
three templates: subject, text body, HTML body."""

import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse

from core.emails import templated_message

from .models import QuarterlyReport
from .selectors.reports import report_recipients

READY_EMAIL = "steering/emails/report-ready"
# Sending the e-mails may fail for a while: the job is retried.
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError)


def report_ready_send(*, report: QuarterlyReport) -> int:
    """E-mail the committee that the report is ready, with its download link; returns the
    number of messages sent (one per person, nobody sees the others' addresses)."""
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
