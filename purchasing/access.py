"""Who may see and change a contract: the one place that decides.

A contract of another organisation does not exist for the person (404). Inside the
organisation, a contract the person may not read, or an action their role or the contract's
status does not allow, is refused (403)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import (
    EDIT_MARKETS,
    EDITABLE_STATUSES,
    REVIEW_MARKETS,
    VIEW_ALL_MARKETS,
    VIEW_DEPARTMENT_MARKETS,
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


def ensure(condition: bool) -> None:
    if not condition:
        raise PermissionDenied
