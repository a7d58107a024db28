"""Alerts to department heads when their department is at risk of missing a purchasing rule."""

import datetime
import logging
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Department, Organisation, User
from accounts.roles import Role

from ..emails import compliance_alert_send
from ..models import ComplianceAlert, ComplianceStatus
from ..selectors.compliance import Compliance, compliance_for

logger = logging.getLogger("achats")

# The statuses worth an e-mail; a status seen once for a rule, department and year is not
# announced again.
ALERT_STATUSES = (ComplianceStatus.AT_RISK,)


def alert_day() -> datetime.date:
    """Today where beat fires the job (08:00 Paris time), not in UTC."""
    return timezone.localdate(timezone=ZoneInfo(settings.CELERY_TIMEZONE))


def _recipients(departments: list[Department]) -> dict[int, list[User]]:
    """Per department: its head and the people with the department head role in it, active and
    with an e-mail address, by address (one query; heads come with the departments)."""
    people = defaultdict(dict)
    for department in departments:
        if department.head is not None:
            people[department.pk][department.head.pk] = department.head
    members = (
        User.objects.filter(
            is_active=True,
            department__in=departments,
            groups__name=Role.DEPARTMENT_HEAD,
        )
        .exclude(email="")
        .distinct()
    )
    for person in members:
        people[person.department_id][person.pk] = person
    return {
        department_id: sorted(
            (p for p in by_pk.values() if p.is_active and p.email), key=lambda p: p.email
        )
        for department_id, by_pk in people.items()
    }


def _organisations_with_rules(year: int):
    return Organisation.objects.filter(
        Q(purchasing_rules__last_year__isnull=True) | Q(purchasing_rules__last_year__gte=year),
        purchasing_rules__first_year__lte=year,
    ).distinct()


def compliance_alerts_send(*, as_of: datetime.date) -> int:
    """E-mail the heads of every department at risk, as of `as_of`, of missing a rule in force
    that year; return the number of alerts recorded.

    Each alert is a ComplianceAlert row, unique per rule, department, year and status, written in
    the transaction that sends its e-mails: a failed sending leaves no row (the next run tries
    again), and a second run, even a concurrent one, finds the row and sends nothing. A
    department without anyone to tell gets no row, so its heads are told once they exist."""
    sent = 0
    for organisation in _organisations_with_rules(as_of.year):
        departments = list(
            Department.objects.filter(organisation=organisation)
            .select_related("head", "organisation")
            .order_by("code")
        )
        at_risk = [
            compliance
            for compliance in compliance_for(
                organisation=organisation,
                year=as_of.year,
                departments=departments,
                as_of=as_of,
            )
            if compliance.status in ALERT_STATUSES
        ]
        if not at_risk:
            continue
        known = set(
            ComplianceAlert.objects.filter(
                rule__in={c.rule.pk for c in at_risk},
                year=as_of.year,
                status__in=ALERT_STATUSES,
            ).values_list("rule_id", "department_id", "status")
        )
        recipients = _recipients([c.department for c in at_risk])
        for compliance in at_risk:
            key = (compliance.rule.pk, compliance.department.pk, compliance.status)
            if key in known:
                continue
            people = recipients.get(compliance.department.pk, [])
            if not people:
                logger.info(
                    "No one to alert for rule %s in department %s.",
                    compliance.rule.pk,
                    compliance.department.pk,
                )
                continue
            if _alert(compliance, people):
                sent += 1
    return sent


def _alert(compliance: Compliance, people: list[User]) -> bool:
    # The row and its e-mails, queued in the outbox, are written together or not at all.
    try:
        with transaction.atomic():
            ComplianceAlert.objects.create(
                rule=compliance.rule,
                department=compliance.department,
                year=compliance.year,
                status=compliance.status,
                ratio_percent=compliance.ratio,
                recipients=[person.email for person in people],
            )
            compliance_alert_send(compliance=compliance, people=people)
    except IntegrityError:
        # Another run recorded (and sent) this alert between our check and our insert.
        return False
    return True
