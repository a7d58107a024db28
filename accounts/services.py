"""Writes on organisations, departments and people. Each checks the actor's right,
validates, writes in one transaction and leaves a history row with its author."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import history_save, refuse_unknown_fields
from core.models import Delivery

from . import emails
from .access import (
    ensure_can_manage_departments,
    ensure_can_manage_people,
    ensure_can_manage_public_information,
)
from .models import Department, PublicInformation, User, normalise_email
from .roles import Role


def _clean_roles(roles: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(roles))
    unknown = [code for code in codes if code not in Role.values]
    if unknown:
        raise ValidationError({"roles": _("Rôle inconnu : %s.") % ", ".join(unknown)})
    return codes


def _roles_reason(codes: list[str]) -> str:
    labels = [Role(code).label for code in codes]
    return _("Rôles : %s") % (", ".join(str(label) for label in labels) or _("aucun"))


def _save_person(person: User, *, actor: User, codes: list[str]) -> None:
    """Validate and save a person with their roles; the history row names the actor and roles."""
    history_save(person, actor=actor, reason=_roles_reason(codes), exclude=["password"])
    person.groups.set(Group.objects.filter(name__in=codes))
    person.__dict__.pop("role_codes", None)


def _check_department(actor: User, department: Department | None) -> None:
    if department is not None and department.organisation_id != actor.organisation_id:
        raise ValidationError(
            {"department": _("La direction doit appartenir à votre organisation.")}
        )


def user_create(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    job_title: str = "",
    department: Department | None = None,
    roles: Iterable[str] = (),
    send_invitation: bool = True,
) -> User:
    """Create a person in the actor's organisation; they get an e-mail to choose a password."""
    ensure_can_manage_people(actor)
    _check_department(actor, department)
    codes = _clean_roles(roles)
    person = User(
        email=normalise_email(email),
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        organisation_id=actor.organisation_id,
        department=department,
    )
    person.set_unusable_password()
    with transaction.atomic():
        _save_person(person, actor=actor, codes=codes)
        if send_invitation:
            # Queued in the outbox with the person: both are saved, or neither.
            emails.invitation_send(person=person)
    return person


def user_update(
    *,
    actor: User,
    person: User,
    first_name: str,
    last_name: str,
    job_title: str,
    department: Department | None,
    roles: Iterable[str],
) -> User:
    """Change a person's names, department and roles."""
    ensure_can_manage_people(actor, person.organisation)
    _check_department(actor, department)
    codes = _clean_roles(roles)
    if person.pk == actor.pk and Role.ORG_ADMIN not in codes:
        raise ValidationError(
            {
                "roles": _(
                    "Vous ne pouvez pas retirer votre propre rôle d'administrateur de "
                    "l'organisation : demandez-le à un autre administrateur."
                )
            }
        )
    person.first_name = first_name
    person.last_name = last_name
    person.job_title = job_title
    person.department = department
    with transaction.atomic():
        _save_person(person, actor=actor, codes=codes)
    return person


def user_notifications_set(*, actor: User, notifications: str) -> User:
    """A person chooses how they hear of what concerns them (`core.models.Delivery`)."""
    if notifications not in Delivery.values:
        raise ValidationError({"notifications": _("Choisissez une des propositions.")})
    actor.notifications = notifications
    with transaction.atomic():
        history_save(
            actor,
            actor=actor,
            reason=_("Choix des e-mails de suivi"),
            exclude=["password"],
            update_fields=["notifications"],
        )
    return actor


def user_set_active(*, actor: User, person: User, active: bool) -> User:
    """Deactivate a person (they can no longer log in, their history stays) or reactivate them."""
    ensure_can_manage_people(actor, person.organisation)
    if person.pk == actor.pk and not active:
        raise ValidationError(_("Vous ne pouvez pas désactiver votre propre compte."))
    if person.is_active == active:
        return person
    person.is_active = active
    reason = _("Réactivation") if active else _("Désactivation")
    with transaction.atomic():
        history_save(
            person, actor=actor, reason=reason, exclude=["password"], update_fields=["is_active"]
        )
    return person


def department_create(*, actor: User, code: str, name: str, head: User | None = None) -> Department:
    """Add a department to the actor's organisation; its code is unique there."""
    ensure_can_manage_departments(actor)
    if Department.objects.filter(organisation_id=actor.organisation_id, code=code).exists():
        raise ValidationError({"code": _("Une direction de votre organisation a déjà ce code.")})
    department = Department(organisation_id=actor.organisation_id, code=code, name=name, head=head)
    with transaction.atomic():
        history_save(department, actor=actor)
    return department


def department_update(
    *, actor: User, department: Department, name: str, head: User | None
) -> Department:
    """Rename a department or change its head (the code, used by imports, stays)."""
    ensure_can_manage_departments(actor, department.organisation)
    department.name = name
    department.head = head
    with transaction.atomic():
        history_save(department, actor=actor)
    return department


def public_information_save(*, actor: User, **fields) -> PublicInformation:
    """Record what the public pages say of the actor's organisation (its administrator)."""
    ensure_can_manage_public_information(actor)
    refuse_unknown_fields("public_information_save", fields, PublicInformation.EDITABLE)
    with transaction.atomic():
        information = PublicInformation.objects.select_for_update().filter(
            organisation_id=actor.organisation_id
        ).first() or PublicInformation(organisation_id=actor.organisation_id)
        for name, value in fields.items():
            setattr(information, name, value.strip() if isinstance(value, str) else value)
        history_save(information, actor=actor, reason=_("Informations des pages publiques"))
    return information


def roles_sync() -> None:
    """Make one group per role holding exactly the permissions of roles.PERMISSIONS.

    Run after every migrate, so that a new permission reaches its role everywhere."""
    from django.contrib.auth.models import Permission

    from .roles import PERMISSIONS

    with transaction.atomic():
        for role in Role:
            group, _created = Group.objects.get_or_create(name=role.value)
            wanted = []
            for dotted in PERMISSIONS[role]:
                app_label, codename = dotted.split(".", 1)
                try:
                    wanted.append(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )
                except Permission.DoesNotExist:
                    raise ValueError(f"Role {role.value}: unknown permission {dotted}") from None
            group.permissions.set(wanted)
