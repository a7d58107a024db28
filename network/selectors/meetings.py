"""Reads of the meetings: the calendar, the list, a meeting with its registrations and actions,
whom one may register, the iCalendar feed, and the figures the steering dashboard reads
(meetings held, attendance by organisation).

Every read starts from the rows the viewer may see (`visible_to`) — the steering figures from
the networks of the organisation they are asked for —; each function is one query plan whatever
the number of rows: related rows come with select_related / prefetch_related, counts are
aggregated in the database."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation, User

from .. import access
from ..models import (
    ActionItem,
    ActionStatus,
    CalendarFeed,
    Meeting,
    MeetingRegistration,
    MeetingStatus,
    Network,
    NetworkMembership,
)
from .networks import member_organisations, organisation_networks

RECENT_MEETINGS = 6


# --- Meetings ----------------------------------------------------------------------------------


def meetings_for(viewer) -> QuerySet:
    """The meetings the person sees, with what their lists show: network, theme, number of people
    registered and whether the person is one of them."""
    return (
        Meeting.objects.visible_to(viewer)
        .select_related("network", "theme")
        .annotate(
            registered_count=Count("registrations", distinct=True),
            viewer_registered=Exists(
                MeetingRegistration.objects.filter(meeting=OuterRef("pk"), user_id=viewer.pk)
            ),
        )
    )


@dataclass(frozen=True)
class Calendar:
    upcoming: list[Meeting]
    recent: list[Meeting]
    open_actions: list[ActionItem]


def calendar(*, viewer) -> Calendar:
    """The home page: meetings to come, the latest ones held (most recent first), and the
    actions of the person's organisation still to do."""
    now = timezone.now()
    meetings = meetings_for(viewer)
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at"))
    recent = list(meetings.filter(ends_at__lt=now).order_by("-starts_at")[:RECENT_MEETINGS])
    open_actions = list(
        ActionItem.objects.visible_to(viewer)
        .filter(owner_organisation_id=viewer.organisation_id)
        .exclude(status=ActionStatus.DONE)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    return Calendar(upcoming=upcoming, recent=recent, open_actions=open_actions)


def meeting_years(viewer) -> list[int]:
    """The years that have meetings, most recent first (the list's filter)."""
    return sorted(
        {day.year for day in Meeting.objects.visible_to(viewer).dates("starts_at", "year")},
        reverse=True,
    )


def meeting_list(*, viewer, year: int | None = None) -> QuerySet:
    """The meetings the person sees, most recent first, of one year when given."""
    meetings = meetings_for(viewer)
    if year is not None:
        tz = timezone.get_current_timezone()
        start = datetime.datetime(year, 1, 1, tzinfo=tz)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        meetings = meetings.filter(starts_at__gte=start, starts_at__lt=end)
    return meetings.order_by("-starts_at", "pk")


@dataclass(frozen=True)
class MeetingFile:
    registrations: list[MeetingRegistration]
    action_items: list[ActionItem]
    attended_count: int


def meeting_file(*, meeting: Meeting) -> MeetingFile:
    """What the meeting page shows under the meeting: who registered (with their organisation)
    and the actions decided."""
    registrations = list(
        meeting.registrations.select_related("user__organisation", "registered_by").order_by(
            "user__organisation__name", "user__last_name", "user__first_name"
        )
    )
    action_items = list(meeting.action_items.select_related("owner_organisation"))
    return MeetingFile(
        registrations=registrations,
        action_items=action_items,
        attended_count=sum(1 for row in registrations if row.attended),
    )


def registrable_people(*, viewer, meeting: Meeting) -> QuerySet:
    """Whom the person may register: themselves and the people of their organisation; for the
    coordinator, anyone of an organisation taking part in the network. Those already registered
    are left out."""
    if access.can_coordinate(viewer, meeting.network):
        organisations = member_organisations(meeting.network).values("pk")
        people = User.objects.filter(organisation_id__in=organisations)
    elif viewer.organisation_id is not None:
        people = User.objects.filter(organisation_id=viewer.organisation_id)
    else:
        return User.objects.none()
    return (
        people.filter(is_active=True)
        .exclude(meeting_registrations__meeting=meeting)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )


def feed_meetings(*, viewer) -> list[Meeting]:
    """Every meeting of the iCalendar feed, cancelled ones included so that calendars that
    subscribed show them cancelled."""
    return list(
        Meeting.objects.visible_to(viewer)
        .select_related("network", "theme")
        .order_by("starts_at", "pk")
    )


def calendar_feed_of(person) -> CalendarFeed | None:
    """The person's calendar subscription, if they made one."""
    return CalendarFeed.objects.filter(user=person).first()


# --- Steering: figures over a period -----------------------------------------------------------


def _period(start: datetime.date, end: datetime.date) -> Q:
    """Meetings that started between two days, both included (Paris days)."""
    tz = timezone.get_current_timezone()
    return Q(
        starts_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        starts_at__lt=datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        ),
    )


def meetings_held(
    *,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    network: Network | None = None,
) -> int:
    """Number of meetings held (attendance taken) that started in the period, in the networks
    of the organisation (or the one given)."""
    return Meeting.objects.filter(
        _period(start, end),
        network__in=organisation_networks(organisation, network),
        status=MeetingStatus.HELD,
    ).count()


@dataclass(frozen=True)
class OrganisationAttendance:
    organisation: Organisation
    meetings_held: int  # in the period, in the networks concerned
    meetings_attended: int  # held meetings where at least one of its people was present
    people_registered: int  # registrations to those meetings
    people_present: int  # of which present

    @property
    def attendance_rate(self) -> float | None:
        """Share of the held meetings the organisation attended (0 to 1), None without any."""
        if not self.meetings_held:
            return None
        return self.meetings_attended / self.meetings_held


def attendance_by_organisation(
    *,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    network: Network | None = None,
) -> list[OrganisationAttendance]:
    """Per organisation that took part in the networks at some time of the period (members and
    coordinator), by name: the meetings held in the period while it took part, how many of them
    its people attended, how many of its people were registered and present. Organisations that
    came to none are listed with zeros. Four queries whatever the size."""
    networks = list(
        organisation_networks(organisation, network).select_related("coordinator_organisation")
    )
    held = list(
        Meeting.objects.filter(
            _period(start, end), network__in=[n.pk for n in networks], status=MeetingStatus.HELD
        ).values_list("pk", "network_id", "starts_at")
    )
    memberships = list(
        NetworkMembership.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gt=start),
            network__in=[n.pk for n in networks],
            joined_on__lte=end,
        ).select_related("organisation")
    )
    counts = {
        row["user__organisation_id"]: row
        for row in MeetingRegistration.objects.filter(meeting__in=[pk for pk, _n, _s in held])
        .values("user__organisation_id")
        .annotate(
            meetings_attended=Count("meeting", filter=Q(attended=True), distinct=True),
            people_registered=Count("pk"),
            people_present=Count("pk", filter=Q(attended=True)),
        )
    }

    organisations = {n.coordinator_organisation_id: n.coordinator_organisation for n in networks}
    organisations.update({m.organisation_id: m.organisation for m in memberships})
    coordinators = {(n.pk, n.coordinator_organisation_id) for n in networks}

    def took_part(organisation_id, network_id, starts_at) -> bool:
        if (network_id, organisation_id) in coordinators:
            return True
        day = timezone.localdate(starts_at)
        return any(
            m.organisation_id == organisation_id
            and m.network_id == network_id
            and m.joined_on <= day
            and (m.left_on is None or m.left_on > day)
            for m in memberships
        )

    result = []
    for member in sorted(organisations.values(), key=lambda o: (o.name, o.pk)):
        row = counts.get(member.pk, {})
        result.append(
            OrganisationAttendance(
                organisation=member,
                meetings_held=sum(
                    1
                    for _pk, network_id, starts_at in held
                    if took_part(member.pk, network_id, starts_at)
                ),
                meetings_attended=row.get("meetings_attended", 0),
                people_registered=row.get("people_registered", 0),
                people_present=row.get("people_present", 0),
            )
        )
    return result
