"""Writes on the meetings of a network: the meeting, its registrations, attendance, minutes and
action items.

Each service checks who may act (PermissionDenied), validates (ValidationError with a French
message for the person, keyed by field when one is concerned), works in one transaction and
leaves history naming the actor. The network coordinator manages; members register people of
their organisation and report on the action items their organisation owns."""

import datetime
import os
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core import uploads
from core.history import history_delete, history_save, refuse_unknown_fields

from .. import access
from ..models import (
    ActionItem,
    ActionStatus,
    Meeting,
    MeetingRegistration,
    MeetingStatus,
    Network,
)
from .networks import ensure_member, format_day

# What a minutes file may be: the formats minutes are written in, checked by their content too
# (`core.uploads`), so that a renamed program, web page or zip bomb is refused.
MINUTES_MAX_BYTES = 10 * 1024 * 1024
MINUTES_EXTENSIONS = (".pdf", ".odt", ".docx", ".txt")

MEETING_FIELDS = frozenset(
    {"title", "theme", "starts_at", "ends_at", "place", "online_url", "agenda"}
)
ACTION_FIELDS = frozenset({"title", "description", "owner_organisation", "due_on"})


# --- Meetings ----------------------------------------------------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    """The meeting re-read under a row lock, so that two requests cannot both change it."""
    return Meeting.objects.select_related("network").select_for_update().get(pk=meeting.pk)


def _check_meeting(meeting: Meeting) -> None:
    errors = {}
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("La rencontre doit finir après son début.")
    if not (meeting.place.strip() or meeting.online_url.strip()):
        errors["place"] = _("Indiquez le lieu de la rencontre ou son lien de visioconférence.")
    if errors:
        raise ValidationError(errors)


def meeting_create(*, actor: User, network: Network, title: str, **fields) -> Meeting:
    """A planned meeting of the network: title, dates, theme (a purchase family), place or
    online link, agenda."""
    refuse_unknown_fields("meeting_create", fields, MEETING_FIELDS)
    access.ensure_can_coordinate(actor, network)
    meeting = Meeting(
        network=network,
        created_by=actor,
        title=title.strip(),
        status=MeetingStatus.PLANNED,
        **fields,
    )
    _check_meeting(meeting)
    with transaction.atomic():
        history_save(meeting, actor=actor, reason=_("Création de la rencontre"))
    return meeting


def meeting_update(*, actor: User, meeting: Meeting, **fields) -> Meeting:
    """Change a meeting that is not cancelled (coordinator)."""
    refuse_unknown_fields("meeting_update", fields, MEETING_FIELDS)
    access.ensure_can_coordinate(actor, meeting.network)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError(_("Cette rencontre est annulée : elle ne se modifie plus."))
        for name, value in fields.items():
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
        _check_meeting(meeting)
        history_save(meeting, actor=actor, reason=_("Modification de la rencontre"))
    return meeting


def meeting_cancel(*, actor: User, meeting: Meeting) -> Meeting:
    """Cancel a planned meeting; calendars that subscribed to the feed show it cancelled."""
    access.ensure_can_coordinate(actor, meeting.network)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError(
                _("Seule une rencontre prévue peut être annulée ; celle-ci est « %(status)s ».")
                % {"status": meeting.get_status_display()}
            )
        meeting.status = MeetingStatus.CANCELLED
        history_save(meeting, actor=actor, reason=_("Annulation de la rencontre"))
    return meeting


def _ensure_open(meeting: Meeting, action: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            _("Impossible de %(action)s : la rencontre est annulée.") % {"action": action}
        )


def _ensure_started(meeting: Meeting, action: str) -> None:
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Impossible de %(action)s avant la rencontre, qui commence le %(day)s.")
            % {"action": action, "day": format_day(timezone.localdate(meeting.starts_at))}
        )


def meeting_register(*, actor: User, meeting: Meeting, person: User) -> MeetingRegistration:
    """Register a person: oneself or someone of one's organisation, before the meeting starts;
    the coordinator registers anyone of a member organisation, also afterwards (people who came
    without registering)."""
    coordinator = access.can_coordinate(actor, meeting.network)
    if not (
        person.pk == actor.pk
        or (actor.organisation_id is not None and person.organisation_id == actor.organisation_id)
        or coordinator
    ):
        raise PermissionDenied
    if not Meeting.objects.visible_to(actor).filter(pk=meeting.pk).exists():
        raise PermissionDenied
    if not person.is_active or not access.can_register_for_meeting(actor, meeting, person):
        raise ValidationError(
            {
                "person": _("%(person)s ne fait pas partie d'une organisation membre du réseau.")
                % {"person": person.get_full_name() or person.email}
            }
        )
    with transaction.atomic():
        meeting = _lock(meeting)
        _ensure_open(meeting, _("s'inscrire"))
        if not coordinator and meeting.starts_at <= timezone.now():
            raise ValidationError(
                _("Les inscriptions sont closes : la rencontre a commencé le %(day)s.")
                % {"day": format_day(timezone.localdate(meeting.starts_at))}
            )
        if meeting.registrations.filter(user=person).exists():
            raise ValidationError(
                {
                    "person": _("%(person)s est déjà inscrit·e à cette rencontre.")
                    % {"person": person.get_full_name() or person.email}
                }
            )
        registration = MeetingRegistration(meeting=meeting, user=person, registered_by=actor)
        history_save(registration, actor=actor, reason=_("Inscription à la rencontre"))
    return registration


def meeting_unregister(*, actor: User, registration: MeetingRegistration) -> None:
    """Withdraw a registration before the meeting; the coordinator may also withdraw one
    afterwards as long as attendance is not recorded for it."""
    if not access.can_unregister(actor, registration):
        raise PermissionDenied
    coordinator = access.can_coordinate(actor, registration.meeting.network)
    with transaction.atomic():
        meeting = _lock(registration.meeting)
        registration = MeetingRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.attended is not None:
            raise ValidationError(
                _("La présence de cette personne est déjà relevée : l'inscription reste.")
            )
        if not coordinator and meeting.starts_at <= timezone.now():
            raise ValidationError(
                _(
                    "La rencontre a commencé : seule la coordination du réseau peut retirer une "
                    "inscription."
                )
            )
        history_delete(registration, actor=actor, reason=_("Désinscription"))


def meeting_attendance_save(
    *, actor: User, meeting: Meeting, attendance: Mapping[int, bool | None]
) -> Meeting:
    """Record who came ({registration id: present, absent or not known}); the meeting is then
    held. Only once it has started."""
    access.ensure_can_coordinate(actor, meeting.network)
    with transaction.atomic():
        meeting = _lock(meeting)
        _ensure_open(meeting, _("relever les présences"))
        _ensure_started(meeting, _("relever les présences"))
        registrations = {row.pk: row for row in meeting.registrations.select_for_update()}
        if not set(attendance) <= set(registrations):
            raise ValidationError(_("Une des inscriptions n'est pas celle de cette rencontre."))
        for pk, attended in attendance.items():
            row = registrations[pk]
            if row.attended != attended:
                row.attended = attended
                history_save(row, actor=actor, reason=_("Relevé des présences"))
        if meeting.status != MeetingStatus.HELD:
            meeting.status = MeetingStatus.HELD
            history_save(meeting, actor=actor, reason=_("Rencontre tenue"))
    return meeting


def check_minutes_file(upload) -> None:
    """Refuse a minutes file of another format (by name and content) or too large."""
    extension = uploads.extension_of(upload.name)
    formats = ", ".join(ext.lstrip(".").upper() for ext in MINUTES_EXTENSIONS)
    if extension not in MINUTES_EXTENSIONS:
        raise ValidationError(
            {
                "minutes": _("Compte rendu refusé : formats acceptés %(formats)s.")
                % {"formats": formats}
            }
        )
    if upload.size > MINUTES_MAX_BYTES:
        raise ValidationError({"minutes": _("Compte rendu trop lourd : 10 Mo au plus.")})
    if upload.size == 0:
        raise ValidationError({"minutes": _("Le fichier du compte rendu est vide.")})
    if problem := uploads.content_problem(upload):
        raise ValidationError({"minutes": problem})
    if extension == ".txt":
        try:
            upload.read(MINUTES_MAX_BYTES).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                {"minutes": _("Le fichier texte doit être encodé en UTF-8.")}
            ) from None
        finally:
            upload.seek(0)


def meeting_minutes_upload(*, actor: User, meeting: Meeting, minutes) -> Meeting:
    """Attach (or replace) the minutes of a meeting once it has started. The previous file stays
    in storage: the meeting's history points at it."""
    access.ensure_can_coordinate(actor, meeting.network)
    check_minutes_file(minutes)
    with transaction.atomic():
        meeting = _lock(meeting)
        _ensure_open(meeting, _("déposer le compte rendu"))
        _ensure_started(meeting, _("déposer le compte rendu"))
        meeting.minutes.save(os.path.basename(minutes.name), minutes, save=False)
        meeting.minutes_uploaded_at = timezone.now()
        history_save(meeting, actor=actor, reason=_("Compte rendu déposé"))
    return meeting


# --- Action items ------------------------------------------------------------------------------


def _check_action(item: ActionItem) -> None:
    if not item.title.strip():
        raise ValidationError({"title": _("Indiquez l'action à mener.")})
    ensure_member(item.meeting.network, item.owner_organisation, "owner_organisation")


def action_item_create(
    *, actor: User, meeting: Meeting, title: str, owner_organisation: Organisation, **fields
) -> ActionItem:
    """An action decided at a meeting, owned by a member organisation."""
    refuse_unknown_fields("action_item_create", fields, ACTION_FIELDS)
    access.ensure_can_coordinate(actor, meeting.network)
    with transaction.atomic():
        meeting = _lock(meeting)
        _ensure_open(meeting, _("ajouter une action"))
        item = ActionItem(
            meeting=meeting,
            title=title.strip(),
            owner_organisation=owner_organisation,
            status=ActionStatus.OPEN,
            **fields,
        )
        _check_action(item)
        history_save(item, actor=actor, reason=_("Nouvelle action"))
    return item


def action_item_update(*, actor: User, item: ActionItem, **fields) -> ActionItem:
    """Change an action item: its title, details, owning member, due date (coordinator)."""
    refuse_unknown_fields("action_item_update", fields, ACTION_FIELDS)
    access.ensure_can_coordinate(actor, item.meeting.network)
    with transaction.atomic():
        item = (
            ActionItem.objects.select_related("meeting__network")
            .select_for_update(of=("self",))
            .get(pk=item.pk)
        )
        for name, value in fields.items():
            setattr(item, name, value.strip() if isinstance(value, str) else value)
        _check_action(item)
        history_save(item, actor=actor, reason=_("Modification de l'action"))
    return item


def action_item_set_status(
    *, actor: User, item: ActionItem, status: str, done_on: datetime.date | None = None
) -> ActionItem:
    """Move an action forward (or back). Done: on `done_on`, today by default, never in the
    future."""
    if not access.can_report_on(actor, item):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("État inconnu.")})
    today = timezone.localdate()
    if status == ActionStatus.DONE:
        done_on = done_on or today
        if done_on > today:
            raise ValidationError(
                {"done_on": _("La date de réalisation ne peut pas être dans le futur.")}
            )
    else:
        done_on = None
    with transaction.atomic():
        item = ActionItem.objects.select_for_update().get(pk=item.pk)
        item.status = status
        item.done_on = done_on
        history_save(
            item,
            actor=actor,
            reason=_("État de l'action : %(status)s") % {"status": ActionStatus(status).label},
        )
    return item
