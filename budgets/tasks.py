import datetime
import smtplib

from celery import shared_task

from .services.alerts import alert_day, compliance_alerts_send


@shared_task(
    name="budgets.send_compliance_alerts",
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_compliance_alerts(as_of: str | None = None) -> int:
    """Scheduled by beat on 1 October; `as_of` is an ISO date, today by default. A retry after a
    failed sending only sends the alerts not yet recorded."""
    day = datetime.date.fromisoformat(as_of) if as_of else alert_day()
    return compliance_alerts_send(as_of=day)
