import smtplib

from celery import shared_task

from .emails import invitation_send
from .models import User


@shared_task(
    name="accounts.send_invitation",
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation(user_id):
    person = User.objects.filter(pk=user_id, is_active=True).select_related("organisation").first()
    if person is None:
        return
    invitation_send(person=person)
