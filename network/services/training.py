"""Writes on training sessions and their registrations, and the attendance certificate.

A session is created as a draft by a network coordinator of the organising organisation,
published, changed, cancelled. People register (themselves, or anyone the session is open to
when a coordinator registers them): past the capacity they go on the waiting list, first come
first served, and move up when a place frees — they get an e-mail once the change is
committed. The coordinator takes attendance once the session has started; those present
download a certificate.

Places are counted under a lock on the session's row: two people taking the last place at
the same time are served one after the other, the second goes on the waiting list.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import ensure
from core.history import history_save, refuse_unknown_fields
from core.pdf import html_to_pdf

from .. import access, emails
from ..models import (
    Audience,
    Network,
    NetworkMembership,
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)

SESSION_FIELDS = frozenset(
    {
        "title",
        "module",
        "description",
        "trainer",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "capacity",
        "audience",
        "network",
    }
)
CERTIFICATE_TEMPLATE = "network/training/certificate.html"


def _lock(session: TrainingSession) -> TrainingSession:
    """The session re-read under a row lock: registrations, cancellations and attendance of
    one session happen one after the other, so the places are counted right."""
    return (
        # Only the session's row: PostgreSQL refuses to lock the nullable side of the join on
        # the network, and locking the organiser would serialise its unrelated sessions.
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("organiser", "network")
        .get(pk=session.pk)
    )


def _has_started(session: TrainingSession) -> bool:
    return session.starts_at <= timezone.now()


def _ensure_manager(actor: User, session: TrainingSession) -> None:
    ensure(access.can_manage_session(actor, session))


# --- Sessions ---------------------------------------------------------------------------------


def _validate_session(session: TrainingSession, *, actor: User) -> None:
    """What the model's constraints cannot say, each on its field."""
    errors = {}
    if session.audience == Audience.ORGANISATION:
        # A session for the organisation names no network: nobody outside sees it.
        session.network = None
    elif session.network is None:
        errors["network"] = _("Choisissez le réseau auquel la session est ouverte.")
    elif not Network.objects.visible_to(actor).filter(pk=session.network_id).exists():
        errors["network"] = _("Votre organisation n'est pas membre de ce réseau.")
    session.place = (session.place or "").strip()
    if not session.place and not session.online_url:
        errors["place"] = _("Indiquez le lieu de la session ou le lien de la classe virtuelle.")
    if session.starts_at and session.ends_at and session.ends_at < session.starts_at:
        errors["ends_at"] = _("La fin de la session précède son début.")
    if errors:
        raise ValidationError(errors)


def session_create(*, actor: User, **fields) -> TrainingSession:
    """A draft session organised by the actor's organisation (network coordinator role)."""
    ensure(access.can_coordinate(actor))
    refuse_unknown_fields("session_create", fields, SESSION_FIELDS)
    session = TrainingSession(
        organiser_id=actor.organisation_id,
        created_by=actor,
        status=SessionStatus.DRAFT,
        **fields,
    )
    _validate_session(session, actor=actor)
    with transaction.atomic():
        history_save(session, actor=actor, reason=_("Création"))
    return session


def _people_outside(session: TrainingSession) -> models.QuerySet:
    """Active registrations of people the session (as it now stands) is no longer open to."""
    open_to = models.Q(user__organisation_id=session.organiser_id)
    if session.audience == Audience.NETWORK and session.network_id:
        open_to |= models.Q(
            user__organisation_id__in=NetworkMembership.objects.active()
            .filter(network_id=session.network_id)
            .values("organisation_id")
        ) | models.Q(user__organisation_id=session.network.coordinator_organisation_id)
    return session.registrations.exclude(status=RegistrationStatus.CANCELLED).exclude(open_to)


def session_update(*, actor: User, session: TrainingSession, **fields) -> TrainingSession:
    """Change a session that is not cancelled. Its capacity cannot fall below the places
    already taken; a larger capacity moves people up from the waiting list."""
    _ensure_manager(actor, session)
    refuse_unknown_fields("session_update", fields, SESSION_FIELDS)
    with transaction.atomic():
        session = _lock(session)
        if session.status == SessionStatus.CANCELLED:
            raise ValidationError(_("Cette session est annulée : elle ne se modifie plus."))
        for name, value in fields.items():
            setattr(session, name, value)
        _validate_session(session, actor=actor)
        taken = session.registrations.holding_seat().count()
        if session.capacity is not None and session.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(taken)s personnes ont déjà une place : la session ne peut pas en "
                        "compter moins."
                    )
                    % {"taken": taken}
                }
            )
        if _people_outside(session).exists():
            raise ValidationError(
                {
                    "audience": _(
                        "Des personnes d'organisations auxquelles la session ne serait plus "
                        "ouverte y sont inscrites : annulez d'abord leur inscription."
                    )
                }
            )
        history_save(session, actor=actor, reason=_("Modification"))
        _fill_places(session, actor=actor)
    return session


def session_publish(*, actor: User, session: TrainingSession) -> TrainingSession:
    """Announce a draft: the people it is open to see it and may register."""
    _ensure_manager(actor, session)
    with transaction.atomic():
        session = _lock(session)
        if session.status == SessionStatus.PUBLISHED:
            raise ValidationError(_("Cette session est déjà publiée."))
        if session.status == SessionStatus.CANCELLED:
            raise ValidationError(_("Cette session est annulée : elle ne se publie plus."))
        session.status = SessionStatus.PUBLISHED
        session.published_at = timezone.now()
        history_save(session, actor=actor, reason=_("Publication"))
    return session


def session_cancel(*, actor: User, session: TrainingSession) -> TrainingSession:
    """Cancel a session before it starts. Its registrations stay as they were, for the
    history; the session shows as cancelled wherever they appear."""
    _ensure_manager(actor, session)
    with transaction.atomic():
        session = _lock(session)
        if session.status == SessionStatus.CANCELLED:
            raise ValidationError(_("Cette session est déjà annulée."))
        if session.status == SessionStatus.PUBLISHED and _has_started(session):
            raise ValidationError(_("La session a commencé : elle ne s'annule plus."))
        session.status = SessionStatus.CANCELLED
        history_save(session, actor=actor, reason=_("Annulation"))
    return session


# --- Registrations ----------------------------------------------------------------------------


def registration_create(
    *, actor: User, session: TrainingSession, person: User | None = None
) -> TrainingRegistration:
    """Register the actor, or (for a coordinator of the session) another person the session is
    open to. With no place left, the person goes on the waiting list.

    People register themselves until the session starts; the coordinator may still register
    someone afterwards (a person who came without registering, to record their presence)."""
    person = person or actor
    if not access.can_register_for_training(actor, session, person):
        raise PermissionDenied
    manager = access.can_manage_session(actor, session)
    if not person.is_active:
        raise ValidationError(
            _("Le compte de %(person)s est désactivé.") % {"person": person.get_full_name()}
        )
    with transaction.atomic():
        session = _lock(session)
        if session.status == SessionStatus.CANCELLED:
            raise ValidationError(_("Cette session est annulée : on ne s'y inscrit plus."))
        if session.status != SessionStatus.PUBLISHED:
            raise ValidationError(_("Les inscriptions ouvrent quand la session est publiée."))
        if _has_started(session) and not manager:
            raise ValidationError(_("La session a commencé : les inscriptions sont closes."))
        existing = (
            session.registrations.exclude(status=RegistrationStatus.CANCELLED)
            .filter(user=person)
            .first()
        )
        if existing is not None:
            raise ValidationError(_already_registered(existing, oneself=person.pk == actor.pk))
        taken = session.registrations.holding_seat().count()
        waiting = session.registrations.waiting_list().exists()
        registration = TrainingRegistration(
            session=session,
            user=person,
            registered_by=actor,
            status=(
                RegistrationStatus.REGISTERED
                if taken < session.capacity and not waiting
                else RegistrationStatus.WAITING
            ),
        )
        history_save(registration, actor=actor, reason=_("Inscription"))
    return registration


def _already_registered(registration: TrainingRegistration, *, oneself: bool) -> str:
    waiting = registration.status == RegistrationStatus.WAITING
    if oneself:
        if waiting:
            return _("Vous êtes déjà sur la liste d'attente de cette session.")
        return _("Vous êtes déjà inscrit à cette session.")
    name = registration.user.get_full_name()
    if waiting:
        return _("%(person)s est déjà sur la liste d'attente de cette session.") % {"person": name}
    return _("%(person)s est déjà inscrit à cette session.") % {"person": name}


def registration_cancel(*, actor: User, registration: TrainingRegistration) -> TrainingRegistration:
    """Cancel one's own registration before the session starts (the coordinator: any
    registration whose attendance is not taken). A place freed goes to the first person of the
    waiting list."""
    session = registration.session
    manager = access.can_manage_session(actor, session)
    if registration.user_id != actor.pk and not manager:
        raise PermissionDenied
    with transaction.atomic():
        session = _lock(session)
        registration = session.registrations.select_related("user").get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Cette inscription est déjà annulée."))
        if registration.status in (RegistrationStatus.ATTENDED, RegistrationStatus.ABSENT):
            raise ValidationError(_("La présence est relevée : l'inscription ne s'annule plus."))
        if _has_started(session) and not manager:
            raise ValidationError(
                _("La session a commencé : l'inscription ne s'annule plus en ligne.")
            )
        held_a_place = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        history_save(registration, actor=actor, reason=_("Annulation de l'inscription"))
        if held_a_place:
            _fill_places(session, actor=actor)
    return registration


def _fill_places(session: TrainingSession, *, actor: User) -> list[TrainingRegistration]:
    """Offer the free places (the session is locked by the caller) to the waiting list, in its
    order, while the session is announced and has not started. Each person moved up gets an
    e-mail, queued in the outbox in the same transaction: never for a change rolled back."""
    if session.status != SessionStatus.PUBLISHED or _has_started(session):
        return []
    free = session.capacity - session.registrations.holding_seat().count()
    if free <= 0:
        return []
    promoted = list(session.registrations.waiting_list().select_related("user")[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        history_save(registration, actor=actor, reason=_("Sortie de la liste d'attente"))
        # Queued in the outbox with the promotion: both are saved, or neither.
        if registration.user.is_active:
            emails.promotion_email_send(registration=registration)
    return promoted


# --- Attendance and certificate ---------------------------------------------------------------


def _mark(session: TrainingSession, registration: TrainingRegistration, attended: bool, actor):
    if registration.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.ABSENT,
    ):
        raise ValidationError(
            _(
                "%(person)s n'a pas de place à cette session (liste d'attente ou inscription "
                "annulée) : sa présence ne se relève pas."
            )
            % {"person": registration.user.get_full_name()}
        )
    status = RegistrationStatus.ATTENDED if attended else RegistrationStatus.ABSENT
    if registration.status != status:
        registration.status = status
        history_save(registration, actor=actor, reason=_("Relevé de présence"))


def _ensure_attendance_open(session: TrainingSession) -> None:
    if session.status != SessionStatus.PUBLISHED:
        raise ValidationError(
            _("La présence ne se relève que pour une session publiée et non annulée.")
        )
    if not _has_started(session):
        raise ValidationError(
            _("La session n'a pas encore commencé : la présence se relève à partir de son début.")
        )


def attendance_record(
    *, actor: User, session: TrainingSession, presence: Mapping[int, bool]
) -> int:
    """The attendance sheet of a session: {registration id: present?}, all or nothing.
    Returns how many people are recorded."""
    _ensure_manager(actor, session)
    with transaction.atomic():
        session = _lock(session)
        _ensure_attendance_open(session)
        registrations = session.registrations.select_related("user").in_bulk(list(presence))
        if len(registrations) != len(presence):
            raise ValidationError(_("Une des inscriptions n'appartient pas à cette session."))
        for pk, attended in presence.items():
            _mark(session, registrations[pk], attended, actor)
    return len(presence)


def certificate_pdf(*, actor: User, registration: TrainingRegistration) -> bytes:
    """The attendance certificate of a person present at a session, as PDF (core.pdf, on
    the print CSS of its own template), for that person or the session's coordinators. Made
    on request and never stored: it only restates what the registration holds."""
    session = registration.session
    if registration.user_id != actor.pk and not access.can_manage_session(actor, session):
        raise PermissionDenied
    if registration.status != RegistrationStatus.ATTENDED:
        raise ValidationError(
            _("Une attestation n'est délivrée qu'aux personnes présentes à la session.")
        )
    return html_to_pdf(certificate_html(registration=registration))


def certificate_html(*, registration: TrainingRegistration) -> str:
    """The certificate's page, in French whatever the language of the request."""
    session = registration.session
    starts_at = timezone.localtime(session.starts_at)
    ends_at = timezone.localtime(session.ends_at)
    with translation.override("fr"):
        return render_to_string(
            CERTIFICATE_TEMPLATE,
            {
                "registration": registration,
                "person": registration.user,
                "session": session,
                "organiser": session.organiser,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "one_day": starts_at.date() == ends_at.date(),
                "issued_on": timezone.localdate(),
            },
        )
