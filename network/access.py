"""Who may see and change the network's objects: the one place that decides.

An object the person's organisation has no part in does not exist for them (404): a network it
is not a member of, a group it does not belong to, an audit neither recorded by it nor shared
with one of its groups, a session not open to it. A member without the role an action needs is
refused (403). Which rows are visible is said by the `visible_to` methods of the
models (and, for purchasing's suppliers, `suppliers_visible_to` below); the
helpers here return one object or raise."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from core.access import ensure
from purchasing import access as market_access
from purchasing.access import READ_PERMISSIONS
from purchasing.models import EDIT_MARKETS, Award, Market, Supplier

from .models import (
    COORDINATE_NETWORK,
    MANAGE_GROUPS,
    RECORD_AUDITS,
    ActionItem,
    Audit,
    CalendarFeed,
    CommonProject,
    Meeting,
    MeetingRegistration,
    Network,
    ProductionSite,
    PurchasingGroup,
    TrainingRegistration,
    TrainingSession,
    calendar_token_digest,
    group_ids_of,
    has_organisation,
)

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
        has_organisation(user)
        and user.has_perm(COORDINATE_NETWORK)
        and (network is None or network.coordinator_organisation_id == user.organisation_id)
    )


def can_manage_groups(user, group: PurchasingGroup | None = None) -> bool:
    """Create groups (network coordinator, organisation administrator); change one: of the
    group's coordinating organisation, or the coordinator of the group's network."""
    if not (has_organisation(user) and user.has_perm(MANAGE_GROUPS)):
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
        has_organisation(user)
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
        or (has_organisation(user) and person.organisation_id == user.organisation_id)
        or can_coordinate(user, meeting.network)
    )


def can_unregister(user, registration: MeetingRegistration) -> bool:
    """Withdraw a meeting registration: the person, someone of their organisation, or the
    coordinator."""
    return (
        registration.user_id == user.pk
        or (
            user.organisation_id is not None
            and registration.user.organisation_id == user.organisation_id
        )
        or can_coordinate(user, registration.meeting.network)
    )


def can_report_on(user, item: ActionItem) -> bool:
    """Move an action item forward: the coordinator, or a person of the organisation that owns
    the action."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == item.owner_organisation_id
    ) or can_coordinate(user, item.meeting.network)


def can_follow_groups(user) -> bool:
    """The roles that take part in groups and follow their suppliers: those that read
    contracts, manage groups, record audits or coordinate the network. Other roles of a member
    organisation (finance, clause library) are refused the group and supply-chain pages."""
    if not has_organisation(user):
        return False
    return any(
        user.has_perm(permission)
        for permission in (*READ_PERMISSIONS, MANAGE_GROUPS, RECORD_AUDITS, COORDINATE_NETWORK)
    )


def can_manage_contracts(user, group: PurchasingGroup) -> bool:
    """Attach or detach contracts: a manager of the group, or a buyer of the coordinating
    organisation (whose buyers run the group's contracts)."""
    return can_manage_groups(user, group) or (
        user.is_authenticated
        and user.organisation_id == group.coordinator_organisation_id
        and user.has_perm(EDIT_MARKETS)
    )


def can_handle_contract(user, group: PurchasingGroup, market: Market) -> bool:
    """Attach or detach this contract: a manager of the group, or the contract's buyer."""
    return can_manage_groups(user, group) or market_access.is_market_buyer(user, market)


def can_record_site(user, supplier: Supplier) -> bool:
    """An advisor, for a supplier they follow (their organisation's, or one of a group's)."""
    return can_record_audits(user) and suppliers_visible_to(user).filter(pk=supplier.pk).exists()


def can_edit_site(user, site: ProductionSite) -> bool:
    """An advisor of the supplier's organisation or of the organisation that recorded it."""
    return can_record_audits(user) and user.organisation_id in (
        site.supplier.organisation_id,
        site.recorded_by.organisation_id,
    )


def can_record_audit(user, site: ProductionSite, group: PurchasingGroup | None = None) -> bool:
    """An advisor who sees the site; for a group, one who follows the group."""
    return (
        can_record_audits(user, group)
        and ProductionSite.objects.visible_to(user).filter(pk=site.pk).exists()
    )


def ensure_can_coordinate(user, network: Network | None = None) -> None:
    """Refuse (403) unless can_coordinate."""
    ensure(can_coordinate(user, network))


def ensure_can_manage_groups(user, group: PurchasingGroup | None = None) -> None:
    """Refuse (403) unless can_manage_groups."""
    ensure(can_manage_groups(user, group))


# --- Suppliers (purchasing's model: its visibility in the network is decided here) ------------


def suppliers_visible_to(user) -> QuerySet:
    """The suppliers whose supply chain the person follows: their organisation's, those
    holding a contract of one of their groups, and those of the sites of the audits they see."""
    if not user.is_authenticated:
        return Supplier.objects.none()
    condition = Q(
        pk__in=Award.objects.filter(lot__market__group_link__group__in=group_ids_of(user)).values(
            "supplier_id"
        )
    ) | Q(pk__in=Audit.objects.visible_to(user).values("site__supplier_id"))
    if user.organisation_id is not None:
        condition |= Q(organisation_id=user.organisation_id)
    return Supplier.objects.filter(condition)


# --- One object or 404 -------------------------------------------------------------------------


def can_subscribe_to_calendar(user) -> bool:
    """Anyone active whose organisation takes part in a network has its meetings' calendar."""
    return user.is_active and Network.objects.visible_to(user).exists()


def get_calendar_feed_owner(token: str):
    """The active person whose calendar feed answers to `token`, or 404: a revoked, renewed or
    made-up address, or a person since deactivated, answers the same."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"),
        token_digest=calendar_token_digest(token),
        user__is_active=True,
    )
    return feed.user


def get_network_for_user(user, public_id, queryset=None) -> Network:
    """A network the person's organisation takes part in, or 404."""
    queryset = Network.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_meeting_for_user(user, public_id, queryset=None) -> Meeting:
    """A meeting of one of the person's networks, or 404."""
    queryset = Meeting.objects.select_related("network", "theme") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_project_for_user(user, public_id, queryset=None) -> CommonProject:
    """A common project of one of the person's networks, or 404."""
    queryset = (
        CommonProject.objects.select_related("network", "theme", "lead_organisation")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_group_for_user(user, public_id, queryset=None) -> PurchasingGroup:
    """A purchasing group the person follows, or 404."""
    queryset = (
        PurchasingGroup.objects.select_related(
            "coordinator_organisation", "purchase_family", "advisor", "network"
        )
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_supplier_for_user(user, pk) -> Supplier:
    """A supplier whose supply chain the person follows (`suppliers_visible_to`), or 404."""
    return get_object_or_404(suppliers_visible_to(user).select_related("organisation"), pk=pk)


def get_site_for_user(user, pk, queryset=None) -> ProductionSite:
    """A production site the person follows, or 404."""
    queryset = ProductionSite.objects.select_related("supplier") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_audit_for_user(user, public_id, queryset=None) -> Audit:
    """An audit recorded by the person's organisation or shared with one of their groups, or 404."""
    queryset = (
        Audit.objects.select_related("site__supplier", "group", "organisation")
        if queryset is None
        else queryset
    )
    return get_object_or_404(queryset.visible_to(user), public_id=public_id)


def get_session_for_user(user, public_id, queryset=None) -> TrainingSession:
    """A training session open to the person, or 404."""
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
