"""Writes on the common projects of a network and their milestones. The network coordinator
manages them; the lead and participating organisations are members of the network.

Each service checks who may act (PermissionDenied), validates (ValidationError with a French
message for the person, keyed by field when one is concerned), works in one transaction and
leaves history naming the actor."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.history import history_delete, history_save, refuse_unknown_fields

from .. import access
from ..models import CommonProject, Milestone, Network
from .networks import ensure_member, is_member

PROJECT_FIELDS = frozenset({"title", "description", "theme", "lead_organisation", "status"})


# --- Common projects ---------------------------------------------------------------------------


def _check_project(project: CommonProject, participants: Iterable[Organisation]) -> None:
    if not project.title.strip():
        raise ValidationError({"title": _("Indiquez le titre du projet.")})
    ensure_member(project.network, project.lead_organisation, "lead_organisation")
    outsiders = [
        organisation
        for organisation in participants
        if not is_member(project.network, organisation.pk)
    ]
    if outsiders:
        raise ValidationError(
            {
                "participants": _("Ne sont pas membres du réseau : %(names)s.")
                % {"names": ", ".join(str(organisation) for organisation in outsiders)}
            }
        )


def _set_participants(project: CommonProject, participants: Iterable[Organisation]) -> None:
    # The lead organisation takes part in its own project.
    project.participants.set({*participants, project.lead_organisation})


def project_create(
    *,
    actor: User,
    network: Network,
    title: str,
    lead_organisation: Organisation,
    participants: Iterable[Organisation] = (),
    **fields,
) -> CommonProject:
    """A common project of the network, led by a member organisation; the lead takes part in it."""
    refuse_unknown_fields("project_create", fields, PROJECT_FIELDS)
    access.ensure_can_coordinate(actor, network)
    participants = list(participants)
    project = CommonProject(
        network=network,
        created_by=actor,
        title=title.strip(),
        lead_organisation=lead_organisation,
        **fields,
    )
    _check_project(project, participants)
    with transaction.atomic():
        history_save(project, actor=actor, reason=_("Création du projet"))
        _set_participants(project, participants)
    return project


def project_update(
    *,
    actor: User,
    project: CommonProject,
    participants: Iterable[Organisation] | None = None,
    **fields,
) -> CommonProject:
    """Change a project and, when given, its participants (coordinator)."""
    refuse_unknown_fields("project_update", fields, PROJECT_FIELDS)
    access.ensure_can_coordinate(actor, project.network)
    with transaction.atomic():
        project = (
            CommonProject.objects.select_related("network", "lead_organisation")
            .select_for_update(of=("self",))
            .get(pk=project.pk)
        )
        for name, value in fields.items():
            setattr(project, name, value.strip() if isinstance(value, str) else value)
        participants = list(project.participants.all() if participants is None else participants)
        _check_project(project, participants)
        history_save(project, actor=actor, reason=_("Modification du projet"))
        _set_participants(project, participants)
    return project


def milestone_save(
    *,
    actor: User,
    project: CommonProject,
    title: str,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
    milestone: Milestone | None = None,
) -> Milestone:
    """Add or change a milestone of a project; reached on `done_on`, never in the future."""
    access.ensure_can_coordinate(actor, project.network)
    if milestone is not None and milestone.project_id != project.pk:
        raise ValidationError(_("Ce jalon n'est pas celui de ce projet."))
    if not title.strip():
        raise ValidationError({"title": _("Indiquez le jalon.")})
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Un jalon ne peut pas être atteint dans le futur.")})
    with transaction.atomic():
        CommonProject.objects.select_for_update().get(pk=project.pk)
        row = milestone or Milestone(project=project)
        row.title = title.strip()
        row.due_on = due_on
        row.done_on = done_on
        history_save(row, actor=actor, reason=_("Jalon du projet"))
    return row


def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    """Remove a milestone of a project (coordinator)."""
    access.ensure_can_coordinate(actor, milestone.project.network)
    with transaction.atomic():
        history_delete(milestone, actor=actor, reason=_("Jalon retiré"))
