"""Who may see and change the network's objects: the one place that decides.

An object the person's organisation has no part in does not exist for them (404): a network it
is not a member of, a group it does not belong to, an audit neither recorded by it nor shared
with one of its groups, a session not open to it. A member without the role an action needs is
refused (403). Which rows are visible is said by the `visible_to` methods of models.py; the
helpers here return one object or raise."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from purchasing.access import READ_PERMISSIONS

from .models import (
    COORDINATE_NETWORK,
    MANAGE_GROUPS,
    RECORD_AUDITS,
    Audit,
    CommonProject,
    Finding,
    Meeting,
    Network,
    ProductionSite,
    PurchasingGroup,
    TrainingRegistration,
    TrainingSession,
    group_ids_of,
)


def _has_organisation(user) -> bool:
    return user.is_authenticated and user.organisation_id is not None


def ensure(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


# --- Contracts of purchasing groups (registered in purchasing.visibility by apps.py) ----------


def group_markets_condition(user) -> Q:
    """Contracts of the groups the person follows, for those whose role reads contracts (the
    same roles that read their own organisation's); the group's advisor reads them too."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.organisation_id is not None and any(
        user.has_perm(permission) for permission in READ_PERMISSIONS
    ):
        return Q(group_link__group_id__in=group_ids_of(user))
    return Q(group_link__group__advisor_id=user.pk)


# --- Roles -------------------------------------------------------------------------------------


def can_coordinate(user, network: Network | None = None) -> bool:
    """The network coordinator role; for a given network, of its coordinating organisation."""
    return (
        _has_organisation(user)
        and user.has_perm(COORDINATE_NETWORK)
        and (network is None or network.coordinator_organisation_id == user.organisation_id)
    )


def can_manage_groups(user, group: PurchasingGroup | None = None) -> bool:
    """Create groups (network coordinator, organisation administrator); change one: of the
    group's coordinating organisation, or the coordinator of the group's network."""
    if not (_has_organisation(user) and user.has_perm(MANAGE_GROUPS)):
        return False
    if group is None or group.coordinator_organisation_id == user.organisation_id:
        return True
    return group.network_id is not None and can_coordinate(user, group.network)


def can_record_audits(user, group: PurchasingGroup | None = None) -> bool:
    """The advisor role; for a group, one who follows it (member organisation or its advisor)."""
    if not (user.is_authenticated and user.has_perm(RECORD_AUDITS)):
        return False
    return group is None or PurchasingGroup.objects.visible_to(user).filter(pk=group.pk).exists()


def can_edit_audit(user, audit: Audit) -> bool:
    """An audit, its findings and their closure are changed by its recording organisation."""
    return can_record_audits(user) and audit.organisation_id == user.organisation_id


def can_manage_session(user, session: TrainingSession) -> bool:
    """Publish, change, take attendance: coordinators of the organising organisation."""
    return (
        _has_organisation(user)
        and user.has_perm(COORDINATE_NETWORK)
        and session.organiser_id == user.organisation_id
    )


def can_register_for_training(user, session: TrainingSession, person) -> bool:
    """Oneself, to a session one sees; anyone the session is open to, for its coordinators."""
    if not TrainingSession.objects.visible_to(person).filter(pk=session.pk).exists():
        return False
    return person.pk == user.pk or can_manage_session(user, session)


def can_register_for_meeting(user, meeting: Meeting, person) -> bool:
    """A member registers themselves or people of their organisation; the coordinator anyone
    of a member organisation."""
    if not Meeting.objects.visible_to(person).filter(pk=meeting.pk).exists():
        return False
    return (
        person.pk == user.pk
        or (_has_organisation(user) and person.organisation_id == user.organisation_id)
        or can_coordinate(user, meeting.network)
    )


def ensure_can_coordinate(user, network: Network | None = None) -> None:
    ensure(can_coordinate(user, network))


def ensure_can_manage_groups(user, group: PurchasingGroup | None = None) -> None:
    ensure(can_manage_groups(user, group))


def ensure_can_record_audits(user, group: PurchasingGroup | None = None) -> None:
    ensure(can_record_audits(user, group))


# --- One object or 404 -------------------------------------------------------------------------


def get_network_for_user(user, public_id, queryset=None) -> Network:
    queryset = Network.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_meeting_for_user(user, public_id, queryset=None) -> Meeting:
    queryset = Meeting.objects.select_related("network", "theme") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_project_for_user(user, public_id, queryset=None) -> CommonProject:
    queryset = (
        CommonProject.objects.select_related("network", "theme", "lead_organisation")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_group_for_user(user, public_id, queryset=None) -> PurchasingGroup:
    queryset = (
        PurchasingGroup.objects.select_related(
            "coordinator_organisation", "purchase_family", "advisor", "network"
        )
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_site_for_user(user, pk, queryset=None) -> ProductionSite:
    queryset = ProductionSite.objects.select_related("supplier") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_audit_for_user(user, public_id, queryset=None) -> Audit:
    queryset = (
        Audit.objects.select_related("site__supplier", "group", "organisation")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_finding_for_user(user, pk, queryset=None) -> Finding:
    queryset = Finding.objects.select_related("audit") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_session_for_user(user, public_id, queryset=None) -> TrainingSession:
    queryset = (
        TrainingSession.objects.select_related("organiser", "network")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_registration_for_user(user, public_id, queryset=None) -> TrainingRegistration:
    """One's own registration (to cancel it, download its certificate), or any of a session
    one coordinates."""
    queryset = (
        TrainingRegistration.objects.select_related("session", "user")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)
