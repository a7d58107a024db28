"""Background jobs of the network app. Thin: they take ids, re-read, return quietly when the
row is gone or no longer in the state the job was for, and call a service or send an
e-mail (emails.py, which imports no task)."""

import smtplib

from celery import shared_task

from . import emails
from .models import RegistrationStatus, TrainingRegistration


@shared_task(
    name="network.send_training_promotion",
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_training_promotion(registration_id):
    registration = (
        TrainingRegistration.objects.filter(
            pk=registration_id,
            status=RegistrationStatus.REGISTERED,
            promoted_at__isnull=False,
            user__is_active=True,
        )
        .select_related("user", "session__organiser")
        .first()
    )
    if registration is None:
        return
    emails.promotion_email_send(registration=registration)
