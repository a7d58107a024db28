"""Notifications: what happened to a contract or a finding, told to the people concerned as each
chose on their profile page (`Delivery`): an e-mail at once, a line of the daily digest, or
nothing. Both leave through the outbox (`core.emails`) in the transaction of the change they
announce: nothing is told of a change rolled back."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .emails import send_templated
from .models import Delivery, PendingNotification

DIGEST_EMAIL = "emails/digest"


def notify(*, people, template: str, context: dict, path: str) -> None:
    """Tell each person (once, whatever the list repeats) of an event: `template` names the
    e-mail's three templates, whose subject is also the digest's line; `path` is the page to
    open. `context` gets `person` and `link`."""
    link = f"{settings.SITE_URL}{path}"
    seen = set()
    for person in people:
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        full = {**context, "person": person, "link": link, "site_url": settings.SITE_URL}
        if person.notifications == Delivery.IMMEDIATE:
            send_templated(template, to=[person.email], context=full)
        elif person.notifications == Delivery.DIGEST:
            with translation.override(settings.LANGUAGE_CODE):
                subject = " ".join(render_to_string(f"{template}-subject.txt", full).split())
            PendingNotification.objects.create(recipient=person, subject=subject, link=link)


def digests_send() -> int:
    """Send each person who chose the digest one e-mail of what is waiting for them; each
    notification is claimed by a conditional update, so that two runs never send it twice.
    Returns the number of e-mails written to the outbox."""
    sent = 0
    waiting = PendingNotification.objects.filter(sent_at__isnull=True)
    for recipient_id in waiting.values_list("recipient_id", flat=True).distinct().order_by():
        with transaction.atomic():
            items = list(waiting.filter(recipient_id=recipient_id).select_related("recipient"))
            claimed = PendingNotification.objects.filter(
                pk__in=[item.pk for item in items], sent_at__isnull=True
            ).update(sent_at=timezone.now())
            if not items or claimed != len(items):
                continue
            person = items[0].recipient
            if not person.is_active or person.notifications == Delivery.NONE:
                continue
            send_templated(
                DIGEST_EMAIL,
                to=[person.email],
                context={"person": person, "items": items, "site_url": settings.SITE_URL},
            )
            sent += 1
    return sent
