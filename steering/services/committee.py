"""Writes on the steering committee: its name and targets, its members (one sitting president,
an elected representative), its meetings with the members present, and the decisions taken.

Each service checks that the actor may manage the committee of their own organisation
(PermissionDenied), validates (ValidationError with a French message, keyed by field when one
is concerned), works in one transaction and leaves history naming the actor."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Department, User
from core.access import ensure
from core.history import history_save, refuse_unknown_fields

from .. import access
from ..models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    DecisionStatus,
    MemberRole,
)

MEMBER_FIELDS = frozenset(
    {"full_name", "role", "position", "user", "department", "email", "joined_on", "left_on"}
)
MEETING_FIELDS = frozenset({"held_on", "place", "agenda", "minutes", "attendees"})
DECISION_FIELDS = frozenset({"title", "text", "owner", "due_on", "status"})


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _ensure_manager(actor: User, committee: Committee | None = None) -> None:
    """The actor manages the committee of their own organisation, and only that one."""
    ensure(access.can_manage_committee(actor))
    if committee is not None and committee.organisation_id != actor.organisation_id:
        raise PermissionDenied


def _lock(committee: Committee) -> Committee:
    """The committee row locked: two requests cannot seat two presidents at once."""
    return Committee.objects.select_for_update().get(pk=committee.pk)


# --- The committee -----------------------------------------------------------------------------


def committee_ensure(*, actor: User) -> Committee:
    """The committee of the actor's organisation, created with the PNAD targets when missing."""
    _ensure_manager(actor)
    with transaction.atomic():
        committee = (
            Committee.objects.select_for_update()
            .filter(organisation_id=actor.organisation_id)
            .first()
        )
        if committee is None:
            committee = Committee(organisation_id=actor.organisation_id)
            history_save(committee, actor=actor, reason=_("Création du comité de pilotage"))
    return committee


def _check_target(errors: dict, field: str, value) -> None:
    if value is None:
        errors[field] = _("Indiquez un objectif, en pourcentage.")
    elif not Decimal("0") <= Decimal(value) <= Decimal("100"):
        errors[field] = _("Un objectif est un pourcentage entre 0 et 100.")


def committee_update(
    *, actor: User, name: str, environmental_target: Decimal, social_target: Decimal
) -> Committee:
    """Rename the committee of the actor's organisation (created if missing) or change the
    targets it follows (percentages of the contracts notified with an environmental, a social
    consideration)."""
    _ensure_manager(actor)
    errors = {}
    if not name.strip():
        errors["name"] = _("Indiquez le nom du comité.")
    _check_target(errors, "environmental_target", environmental_target)
    _check_target(errors, "social_target", social_target)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        committee = committee_ensure(actor=actor)  # locked
        committee.name = name.strip()
        committee.environmental_target = environmental_target
        committee.social_target = social_target
        history_save(committee, actor=actor, reason=_("Nom et objectifs du comité"))
    return committee


# --- Members -----------------------------------------------------------------------------------


def _check_member(member: CommitteeMember, actor: User) -> None:
    errors = {}
    if not member.full_name.strip():
        errors["full_name"] = _("Indiquez le nom et le prénom du membre.")
    if member.role not in MemberRole.values:
        errors["role"] = _("Choisissez le rôle au comité.")
    if member.user is not None and member.user.organisation_id != actor.organisation_id:
        errors["user"] = _("Ce compte n'appartient pas à votre organisation.")
    if member.department is not None and (
        member.department.organisation_id != actor.organisation_id
    ):
        errors["department"] = _("Cette direction n'est pas celle de votre organisation.")
    if member.left_on is not None and member.joined_on and member.left_on < member.joined_on:
        errors["left_on"] = _("La date de départ précède l'arrivée au comité.")
    if not errors and member.pk is not None:
        _check_attended(member, errors)
    if errors:
        raise ValidationError(errors)


def _check_attended(member: CommitteeMember, errors: dict) -> None:
    """The dates of a seat cover the meetings the member attended."""
    held = member.meetings.aggregate(first=Min("held_on"), last=Max("held_on"))
    if held["first"] is not None and member.joined_on > held["first"]:
        errors["joined_on"] = _(
            "%(name)s a assisté à la réunion du %(day)s : son arrivée ne peut pas la suivre."
        ) % {"name": member.full_name, "day": _day(held["first"])}
    if held["last"] is not None and member.left_on is not None and member.left_on < held["last"]:
        errors["left_on"] = _(
            "%(name)s a assisté à la réunion du %(day)s : son départ ne peut pas la précéder."
        ) % {"name": member.full_name, "day": _day(held["last"])}


def _check_seats(member: CommitteeMember) -> None:
    """One sitting president; one sitting seat per account. Run with the committee locked."""
    if member.left_on is not None:
        return
    sitting = CommitteeMember.objects.filter(
        committee_id=member.committee_id, left_on__isnull=True
    ).exclude(pk=member.pk)
    if member.role == MemberRole.PRESIDENT:
        president = sitting.filter(role=MemberRole.PRESIDENT).first()
        if president is not None:
            raise ValidationError(
                {
                    "role": _(
                        "Le comité a déjà une présidence en fonction : %(name)s. Enregistrez "
                        "d'abord son départ, ou choisissez un autre rôle."
                    )
                    % {"name": president.full_name}
                }
            )
    if member.user_id is not None:
        seat = sitting.filter(user_id=member.user_id).first()
        if seat is not None:
            raise ValidationError(
                {
                    "user": _("Ce compte est déjà celui d'un membre du comité : %(name)s.")
                    % {"name": seat.full_name}
                }
            )


def member_add(
    *,
    actor: User,
    full_name: str,
    role: str,
    joined_on: datetime.date,
    position: str = "",
    user: User | None = None,
    department: Department | None = None,
    email: str = "",
) -> CommitteeMember:
    """Seat a member on the committee of the actor's organisation (created if missing). The
    president is an elected representative; there is one at a time."""
    _ensure_manager(actor)
    with transaction.atomic():
        committee = committee_ensure(actor=actor)  # locked
        member = CommitteeMember(
            committee=committee,
            full_name=full_name.strip(),
            role=role,
            position=position.strip(),
            user=user,
            department=department,
            email=email.strip(),
            joined_on=joined_on,
        )
        _check_member(member, actor)
        _check_seats(member)
        history_save(member, actor=actor, reason=_("Arrivée au comité"))
    return member


def member_update(*, actor: User, member: CommitteeMember, **fields) -> CommitteeMember:
    """Correct a member's name, role, function, account, department, e-mail or dates."""
    refuse_unknown_fields("member_update", fields, MEMBER_FIELDS)
    _ensure_manager(actor, member.committee)
    with transaction.atomic():
        _lock(member.committee)
        member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        for name, value in fields.items():
            setattr(member, name, value.strip() if isinstance(value, str) else value)
        _check_member(member, actor)
        _check_seats(member)
        history_save(member, actor=actor, reason=_("Modification d'un membre du comité"))
    return member


def member_end(*, actor: User, member: CommitteeMember, left_on: datetime.date) -> CommitteeMember:
    """Record that a member leaves the committee; they stay among the former members."""
    _ensure_manager(actor, member.committee)
    with transaction.atomic():
        member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        if member.left_on is not None:
            raise ValidationError(
                {
                    "left_on": _("%(name)s a déjà quitté le comité le %(day)s.")
                    % {"name": member.full_name, "day": _day(member.left_on)}
                }
            )
        member.left_on = left_on
        _check_member(member, actor)
        history_save(member, actor=actor, reason=_("Départ du comité"))
    return member


# --- Meetings ----------------------------------------------------------------------------------


def _check_attendees(
    committee: Committee, held_on: datetime.date, attendees: Iterable[CommitteeMember]
) -> list[CommitteeMember]:
    """The members present (as stored, whatever the caller holds) sat on the committee on the
    day of the meeting."""
    wanted = {member.pk for member in attendees}
    attendees = list(CommitteeMember.objects.filter(pk__in=wanted))
    if len(attendees) != len(wanted) or any(m.committee_id != committee.pk for m in attendees):
        raise ValidationError({"attendees": _("Une des personnes n'est pas membre du comité.")})
    absent = [
        member.full_name
        for member in attendees
        if member.joined_on > held_on or (member.left_on is not None and member.left_on < held_on)
    ]
    if absent:
        raise ValidationError(
            {
                "attendees": _(
                    "Ne siégeaient pas au comité le %(day)s : %(names)s. Seuls les membres en "
                    "fonction ce jour-là peuvent être présents."
                )
                % {"day": _day(held_on), "names": ", ".join(sorted(absent))}
            }
        )
    return attendees


def _save_meeting(meeting: CommitteeMeeting, *, actor, attendees, reason: str) -> None:
    if meeting.held_on is None:
        raise ValidationError({"held_on": _("Indiquez la date de la réunion.")})
    attendees = _check_attendees(meeting.committee, meeting.held_on, attendees)
    history_save(meeting, actor=actor, reason=reason)
    meeting.attendees.set(attendees)


def meeting_create(
    *,
    actor: User,
    held_on: datetime.date,
    place: str = "",
    agenda: str = "",
    minutes: str = "",
    attendees: Iterable[CommitteeMember] = (),
) -> CommitteeMeeting:
    """A meeting of the committee of the actor's organisation (created if missing): date,
    place, agenda, minutes and the members present."""
    _ensure_manager(actor)
    with transaction.atomic():
        committee = committee_ensure(actor=actor)
        meeting = CommitteeMeeting(
            committee=committee,
            held_on=held_on,
            place=place.strip(),
            agenda=agenda.strip(),
            minutes=minutes.strip(),
        )
        _save_meeting(meeting, actor=actor, attendees=attendees, reason=_("Réunion du comité"))
    return meeting


def meeting_update(*, actor: User, meeting: CommitteeMeeting, **fields) -> CommitteeMeeting:
    """Change a meeting's date, place, agenda, minutes or the members present."""
    refuse_unknown_fields("meeting_update", fields, MEETING_FIELDS)
    _ensure_manager(actor, meeting.committee)
    with transaction.atomic():
        meeting = (
            CommitteeMeeting.objects.select_related("committee")
            .select_for_update(of=("self",))
            .get(pk=meeting.pk)
        )
        attendees = fields.pop("attendees", None)
        if attendees is None:
            attendees = list(meeting.attendees.all())
        for name, value in fields.items():
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
        _save_meeting(
            meeting, actor=actor, attendees=attendees, reason=_("Modification de la réunion")
        )
    return meeting


# --- Decisions ---------------------------------------------------------------------------------


def _check_decision(decision: Decision) -> None:
    errors = {}
    if not decision.title.strip():
        errors["title"] = _("Indiquez l'intitulé de la décision.")
    if decision.status not in DecisionStatus.values:
        errors["status"] = _("Choisissez l'état de la décision.")
    if decision.due_on is not None and decision.due_on < decision.meeting.held_on:
        errors["due_on"] = _("L'échéance précède la réunion du %(day)s.") % {
            "day": _day(decision.meeting.held_on)
        }
    if errors:
        raise ValidationError(errors)


def decision_add(
    *,
    actor: User,
    meeting: CommitteeMeeting,
    title: str,
    text: str = "",
    owner: str = "",
    due_on: datetime.date | None = None,
    status: str = DecisionStatus.ADOPTED,
) -> Decision:
    """A decision taken at a meeting: what, who carries it, by when, where it stands."""
    _ensure_manager(actor, meeting.committee)
    decision = Decision(
        meeting=meeting,
        title=title.strip(),
        text=text.strip(),
        owner=owner.strip(),
        due_on=due_on,
        status=status,
    )
    _check_decision(decision)
    with transaction.atomic():
        history_save(decision, actor=actor, reason=_("Décision du comité"))
    return decision


def decision_update(*, actor: User, decision: Decision, **fields) -> Decision:
    """Change a decision or follow it up (its state)."""
    refuse_unknown_fields("decision_update", fields, DECISION_FIELDS)
    _ensure_manager(actor, decision.meeting.committee)
    with transaction.atomic():
        decision = (
            Decision.objects.select_related("meeting__committee")
            .select_for_update(of=("self",))
            .get(pk=decision.pk)
        )
        for name, value in fields.items():
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
        _check_decision(decision)
        history_save(decision, actor=actor, reason=_("Suivi de la décision"))
    return decision
