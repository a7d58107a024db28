"""Reads of the training sessions: the sessions a person sees with the places left, a session's
registrations and waiting list, a person's training history, the share of an organisation's
buyers trained in the last three years, and the steering figures (sessions held, people
trained, per organisation over a period). Each is one query, whatever the number of rows."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role

from ..models import (
    SEAT_STATUSES,
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)

# How far back a training counts for the "buyers trained" indicator.
TRAINED_WITHIN_YEARS = 3


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of that day in the site's time zone: periods are days as people read them."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _own_registration(viewer, field: str) -> Subquery:
    return Subquery(
        TrainingRegistration.objects.filter(session=OuterRef("pk"), user_id=viewer.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values(field)[:1]
    )


def with_places(queryset: QuerySet) -> QuerySet:
    """Sessions annotated with `seats_taken`, `seats_left` (never below zero) and `waiting`."""
    return queryset.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).annotate(
        seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0), output_field=IntegerField())
    )


def upcoming_registrations(*, viewer) -> QuerySet[TrainingRegistration]:
    """The person's registrations (or places on a waiting list) to sessions not over yet."""
    return TrainingRegistration.objects.filter(
        user_id=viewer.pk,
        status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
        session__ends_at__gte=timezone.now(),
    )


def session_list(*, viewer, past: bool = False, mine: bool = False) -> QuerySet[TrainingSession]:
    """The sessions the person sees (drafts too, for the organiser's coordinators) with their
    places and the person's own registration (`my_status`, `my_registration`): those not
    over yet, soonest first, or the past ones, latest first; `mine`: only those not over yet
    the person is registered to or waits for."""
    now = timezone.now()
    sessions = TrainingSession.objects.visible_to(viewer).select_related("organiser", "network")
    if mine:
        sessions = sessions.filter(
            pk__in=upcoming_registrations(viewer=viewer).values("session_id")
        )
    if past:
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return with_places(sessions).annotate(
        my_status=_own_registration(viewer, "status"),
        my_registration=_own_registration(viewer, "public_id"),
    )


def session_with_places(*, viewer) -> QuerySet[TrainingSession]:
    """One session as `session_list` reads it, for its page (use with access's getter)."""
    return with_places(
        TrainingSession.objects.select_related("organiser", "network", "created_by")
    ).annotate(
        my_status=_own_registration(viewer, "status"),
        my_registration=_own_registration(viewer, "public_id"),
    )


@dataclass(frozen=True)
class SessionRegistrations:
    seats: list[TrainingRegistration]  # holding a place, in the order they registered
    waiting: list[TrainingRegistration]  # the waiting list, in its order
    cancelled: list[TrainingRegistration]


def session_registrations(*, session: TrainingSession) -> SessionRegistrations:
    """Everyone registered to a session, for its coordinators: one query."""
    rows = list(
        session.registrations.select_related("user__organisation", "registered_by").order_by(
            "registered_at", "pk"
        )
    )
    return SessionRegistrations(
        seats=[row for row in rows if row.status in SEAT_STATUSES],
        waiting=[row for row in rows if row.status == RegistrationStatus.WAITING],
        cancelled=[row for row in rows if row.status == RegistrationStatus.CANCELLED],
    )


def training_history(*, person) -> list[TrainingRegistration]:
    """The person's registrations (cancelled ones left out), latest session first."""
    return list(
        TrainingRegistration.objects.filter(user_id=person.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session__organiser")
        .order_by("-session__starts_at", "-pk")
    )


@dataclass(frozen=True)
class TrainedShare:
    """Active buyers of an organisation and how many of them attended a session in the
    three years up to `on` (inclusive)."""

    since: datetime.date
    on: datetime.date
    buyers: int
    trained: int

    @property
    def share(self) -> Decimal | None:
        """Between 0 and 1; None without any buyer."""
        if not self.buyers:
            return None
        return Decimal(self.trained) / Decimal(self.buyers)

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)


def buyers_trained_share(*, organisation, on: datetime.date | None = None) -> TrainedShare:
    """The share of the organisation's buyers (active people with the buyer role) who
    attended a training session that started in the three years up to `on` (today by
    default). Sessions of any organiser count: a buyer trained by the network is trained."""
    on = on or timezone.localdate()
    since = _years_before(on, TRAINED_WITHIN_YEARS)
    attended = TrainingRegistration.objects.filter(
        status=RegistrationStatus.ATTENDED,
        session__starts_at__gte=_start_of(since),
        session__starts_at__lt=_start_of(on + datetime.timedelta(days=1)),
    ).values("user_id")
    figures = (
        User.objects.filter(organisation=organisation, is_active=True)
        .with_role(Role.BUYER)
        .aggregate(
            buyers=Count("pk", distinct=True),
            trained=Count("pk", distinct=True, filter=Q(pk__in=attended)),
        )
    )
    return TrainedShare(since=since, on=on, buyers=figures["buyers"], trained=figures["trained"])


# --- Steering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionsHeld:
    organisation_id: int
    organisation_name: str
    sessions: int  # sessions held (published, started in the period, over)
    attendances: int  # people present at them, all organisations together


@dataclass(frozen=True)
class PeopleTrained:
    organisation_id: int
    organisation_name: str
    people: int  # distinct people of the organisation present at a session of the period
    attendances: int  # their presences, a person counted once per session


def _period(start: datetime.date, end: datetime.date) -> Q:
    return Q(starts_at__gte=_start_of(start)) & Q(
        starts_at__lt=_start_of(end + datetime.timedelta(days=1))
    )


def sessions_held(
    *,
    start: datetime.date,
    end: datetime.date,
    organisations: Iterable[Organisation] | QuerySet | None = None,
) -> list[SessionsHeld]:
    """Per organising organisation: the sessions held that started between `start` and `end`
    (inclusive) — published, not cancelled, and over — and the presences recorded at them.
    Limited to `organisations` when given; organisations without a session are left out."""
    sessions = TrainingSession.objects.filter(
        _period(start, end), status=SessionStatus.PUBLISHED, ends_at__lte=timezone.now()
    )
    if organisations is not None:
        sessions = sessions.filter(organiser__in=organisations)
    rows = (
        sessions.order_by()
        .values("organiser_id", "organiser__name")
        .annotate(
            # The join on registrations repeats a session once per person: count it once.
            count=Count("pk", distinct=True),
            attendances=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)
            ),
        )
        .order_by("organiser__name")
    )
    return [
        SessionsHeld(
            organisation_id=row["organiser_id"],
            organisation_name=row["organiser__name"],
            sessions=row["count"],
            attendances=row["attendances"],
        )
        for row in rows
    ]


def people_trained(
    *,
    start: datetime.date,
    end: datetime.date,
    organisations: Iterable[Organisation] | QuerySet | None = None,
) -> list[PeopleTrained]:
    """Per organisation of the people trained: how many distinct people were present at a
    session (of any organiser, not cancelled) that started between `start` and `end`
    (inclusive), and how many presences. Limited to `organisations` when given."""
    presences = TrainingRegistration.objects.filter(
        status=RegistrationStatus.ATTENDED,
        session__status=SessionStatus.PUBLISHED,
        session__starts_at__gte=_start_of(start),
        session__starts_at__lt=_start_of(end + datetime.timedelta(days=1)),
        user__organisation__isnull=False,
    )
    if organisations is not None:
        presences = presences.filter(user__organisation__in=organisations)
    rows = (
        presences.order_by()
        .values("user__organisation_id", "user__organisation__name")
        .annotate(people=Count("user_id", distinct=True), attendances=Count("pk"))
        .order_by("user__organisation__name")
    )
    return [
        PeopleTrained(
            organisation_id=row["user__organisation_id"],
            organisation_name=row["user__organisation__name"],
            people=row["people"],
            attendances=row["attendances"],
        )
        for row in rows
    ]
