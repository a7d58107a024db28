"""E-mails of the budgets section; each is three templates: subject, text body, HTML body."""

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse

from accounts.models import User
from core.emails import templated_message

from .selectors.compliance import Compliance

COMPLIANCE_ALERT = "budgets/emails/compliance-alert"


def compliance_alert_send(*, compliance: Compliance, people: list[User]) -> None:
    """Tell each person that their department is at risk of missing a rule: the messages are
    queued in the outbox, in the caller's transaction, and delivered by a job."""
    context = {
        "compliance": compliance,
        "rule": compliance.rule,
        "department": compliance.department,
        "organisation": compliance.department.organisation,
        "link": f"{settings.SITE_URL}{reverse('budgets:compliance')}",
        "site_url": settings.SITE_URL,
    }
    messages = []
    for person in people:
        context["person"] = person
        messages.append(templated_message(COMPLIANCE_ALERT, to=[person.email], context=context))
    with get_connection() as connection:
        connection.send_messages(messages)
