"""Who may see and change a contract: the one place that decides.

A contract of another organisation does not exist for the person (404). Inside the
organisation, a contract the person may not read, or an action their role or the contract's
status does not allow, is refused (403)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from core.access import ensure

from .models import (
    ADVISOR,
    EDIT_MARKETS,
    EDITABLE_STATUSES,
    FOLLOW_UP_STATUSES,
    REVIEW_MARKETS,
    TRANSITIONS,
    VIEW_ALL_MARKETS,
    VIEW_DEPARTMENT_MARKETS,
    ListExport,
    Market,
)
from .visibility import shared_condition

# Any of these lets a person list contracts (which ones: Market.objects.visible_to).
READ_PERMISSIONS = (EDIT_MARKETS, REVIEW_MARKETS, VIEW_ALL_MARKETS, VIEW_DEPARTMENT_MARKETS)


def can_list_markets(user) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and any(user.has_perm(permission) for permission in READ_PERMISSIONS)
    )


def can_create_markets(user) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.department_id is not None
        and user.has_perm(EDIT_MARKETS)
    )


def can_read(user, market: Market) -> bool:
    return Market.objects.visible_to(user).filter(pk=market.pk).exists()


def is_market_buyer(user, market: Market) -> bool:
    """A buyer of the contract's department, or the buyer in charge of it."""
    return (
        user.is_authenticated
        and user.organisation_id == market.organisation_id
        and user.has_perm(EDIT_MARKETS)
        and (user.department_id == market.department_id or user.pk == market.buyer_id)
    )


def can_edit(user, market: Market) -> bool:
    """Shape the contract (needs, assessment, lots, clauses, criteria): in draft or sent back."""
    return is_market_buyer(user, market) and market.status in EDITABLE_STATUSES


def can_review_markets(user) -> bool:
    return (
        user.is_authenticated and user.organisation_id is not None and user.has_perm(REVIEW_MARKETS)
    )


def can_review(user, market: Market) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id == market.organisation_id
        and user.has_perm(REVIEW_MARKETS)
    )


def get_market_for_user(user, pk, queryset=None) -> Market:
    """The contract if the person may read it: 404 outside the organisation (and outside what
    other apps share with it, `visibility`), 403 inside it without the right."""
    if not user.is_authenticated or user.organisation_id is None:
        raise Http404
    queryset = Market.objects.all() if queryset is None else queryset
    market = (
        queryset.filter(pk=pk)
        .filter(Q(organisation_id=user.organisation_id) | shared_condition(user))
        .first()
    )
    if market is None:
        raise Http404
    if not can_read(user, market):
        raise PermissionDenied
    return market


def can_comment(user, market: Market) -> bool:
    """The advisor comments on any part of a contract; its buyer answers."""
    return can_review(user, market) or is_market_buyer(user, market)


def can_follow_up(user, market: Market) -> bool:
    """Record the execution follow-up: a buyer of the contract, while it is in execution."""
    return is_market_buyer(user, market) and market.status in FOLLOW_UP_STATUSES


# --- The status machine (`models.TRANSITIONS`) ------------------------------------------------


def holds_role_for(user, market: Market, step: str) -> bool:
    """The person holds the role that takes this step of the contract's life, whatever its
    status: an advisor of its organisation for the review, a buyer of it otherwise."""
    if TRANSITIONS[step].by == ADVISOR:
        return can_review(user, market)
    return is_market_buyer(user, market)


def can_take(user, market: Market, step: str) -> bool:
    """The person may take this step now: their role, and a status the step starts from."""
    return holds_role_for(user, market, step) and market.status in TRANSITIONS[step].sources


# --- Open-data files ----------------------------------------------------------------------------
# The files are the organisation's publication: buyers, responsible-purchasing advisors and
# committee members (every role that reads contracts to publish them) may make them, of their
# own organisation's contracts only (a purchasing group's contracts are published by its
# coordinator, whose contracts they are). Advisors and committee members read every contract of
# the organisation, so their files are the organisation's whole file; a buyer's file holds the
# contracts the buyer reads (their department's and those they are in charge of), and the page
# says so. Anyone else of the organisation (department head, finance officer…) is refused (403);
# there is no object to hide, so no 404.

PUBLISHING_PERMISSIONS = (EDIT_MARKETS, REVIEW_MARKETS, VIEW_ALL_MARKETS)


def can_export_open_data(user) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and any(user.has_perm(permission) for permission in PUBLISHING_PERMISSIONS)
    )


def reads_whole_organisation(user) -> bool:
    return user.has_perm(VIEW_ALL_MARKETS) or user.has_perm(REVIEW_MARKETS)


def viewer_scope(user):
    """The `viewer` the selectors restrict the contracts to: none for whoever reads them all."""
    return None if reads_whole_organisation(user) else user


def get_export_for_user(user, public_id):
    """An export of the contract list, for the person who asked for it only: it holds the
    contracts they read, so anyone else's does not exist for them (404)."""
    export = (
        ListExport.objects.filter(public_id=public_id, requested_by_id=user.pk)
        .select_related("job")
        .first()
        if user.is_authenticated
        else None
    )
    if export is None:
        raise Http404
    ensure(can_list_markets(user))
    return export
