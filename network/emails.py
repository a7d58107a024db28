"""E-mails sent to people by the network app; each is three templates (subject, text body, HTML
body) in templates/network/emails/. Queued in the outbox (core/outbox.py) in the transaction of
the change they announce; a job delivers them."""

from django.conf import settings
from django.urls import reverse

from core.emails import send_templated

from .models import TrainingRegistration

PROMOTION_EMAIL = "network/emails/training-promoted"


def promotion_email_send(*, registration: TrainingRegistration) -> None:
    """Tell a person moved up from the waiting list that they have a place."""
    path = reverse("network:training-detail", kwargs={"public_id": registration.session.public_id})
    context = {
        "person": registration.user,
        "session": registration.session,
        "link": f"{settings.SITE_URL}{path}",
        "site_url": settings.SITE_URL,
    }
    send_templated(PROMOTION_EMAIL, to=[registration.user.email], context=context)
