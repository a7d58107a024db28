"""E-mails sent to people; each is three templates: subject, text body, HTML body. Queued in the
outbox (core/outbox.py) in the caller's transaction; a job delivers them."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.emails import send_templated

from .models import User


def invitation_send(*, person: User) -> None:
    """Welcome a new person with a link to choose their password (valid as a reset link)."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    send_templated(
        "emails/invitation",
        to=[person.email],
        context={
            "person": person,
            "organisation": person.organisation,
            "link": f"{settings.SITE_URL}{path}",
            "site_url": settings.SITE_URL,
        },
    )
