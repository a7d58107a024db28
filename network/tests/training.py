"""Training sessions for the tests, made through the services as the coordinator would."""

import datetime

from django.utils import timezone

from network.models import Audience
from network.services import training as services

TITLE = "Les clauses sociales dans les marchés publics"


def paris(*args) -> datetime.datetime:
    """An aware datetime in the site's time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime(*args))


def session_values(*, network=None, starts_at=None, hours=7, **fields) -> dict:
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=14)
    values = {
        "title": TITLE,
        "module": "Module 2 — Clauses sociales et insertion",
        "description": "Rédiger une clause d'insertion ; suivre les heures réalisées.",
        "trainer": "Camille Roussel",
        "place": "Hôtel de Région, Lille",
        "online_url": "",
        "capacity": 2,
        "audience": Audience.NETWORK if network else Audience.ORGANISATION,
        "network": network,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
    }
    values.update(fields)
    return values


def draft_session(coordinator, **fields):
    return services.session_create(actor=coordinator, **session_values(**fields))


def published_session(coordinator, **fields):
    """Published, in two weeks by default; `network=` opens it to the network."""
    session = draft_session(coordinator, **fields)
    return services.session_publish(actor=coordinator, session=session)


def started_session(coordinator, **fields):
    """Published, started an hour ago: registrations by the coordinator, attendance open."""
    fields.setdefault("starts_at", timezone.now() - datetime.timedelta(hours=1))
    return published_session(coordinator, **fields)


def register(session, person, *, by=None):
    return services.registration_create(actor=by or person, session=session, person=person)


def attended(session, coordinator, *people):
    """Each person registered by the coordinator and marked present (session started)."""
    registrations = [register(session, person, by=coordinator) for person in people]
    return [
        services.attendance_mark(actor=coordinator, registration=registration, attended=True)
        for registration in registrations
    ]
