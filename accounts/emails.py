"""E-mails sent to people; each is three templates: subject, text body, HTML body."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User


def send_templated(*, name: str, to: list[str], context: dict) -> None:
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()


def invitation_send(*, person: User) -> None:
    """Welcome a new person with a link to choose their password (valid as a reset link)."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    send_templated(
        name="invitation",
        to=[person.email],
        context={
            "person": person,
            "organisation": person.organisation,
            "link": f"{settings.SITE_URL}{path}",
            "site_url": settings.SITE_URL,
        },
    )
