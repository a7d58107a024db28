"""E-mails sent to people by the network app; each is three templates (subject, text body, HTML
body) in templates/network/emails/. Queued in the outbox (core/outbox.py) in the transaction of
the change they announce; a job delivers them."""

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from core.emails import send_templated
from core.notifications import notify

from .models import Finding, TrainingRegistration

PROMOTION_EMAIL = "network/emails/training-promoted"
FINDING_OVERDUE = "network/emails/finding-overdue"


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


def finding_overdue_notify(*, finding: Finding) -> None:
    """The deadline of a finding's corrective action has passed: the person who recorded the
    audit and the advisors of the organisation that recorded it hear (as each chose)."""
    audit = finding.audit
    advisors = User.objects.filter(organisation_id=audit.organisation_id).with_role(Role.ADVISOR)
    notify(
        people=[audit.recorded_by, *advisors.order_by("pk")],
        template=FINDING_OVERDUE,
        context={"finding": finding, "audit": audit},
        path=reverse("network:audit-detail", kwargs={"public_id": audit.public_id}),
    )
