"""Who may see and change clauses: the one place that decides.

A clause the person cannot see does not exist for them (404); changing a clause needs the
clause administrator's permission and a clause of their own organisation (403)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import MANAGE_CLAUSES, Clause


def can_manage_clauses(user) -> bool:
    return (
        user.is_authenticated and user.organisation_id is not None and user.has_perm(MANAGE_CLAUSES)
    )


def ensure_can_manage_clauses(user, clause: Clause | None = None) -> None:
    if not can_manage_clauses(user):
        raise PermissionDenied
    if clause is not None and clause.organisation_id != user.organisation_id:
        raise PermissionDenied


def get_clause_for_user(user, pk) -> Clause:
    return get_object_or_404(
        Clause.objects.visible_to(user).select_related(
            "organisation", "current_version", "copied_from__clause"
        ),
        pk=pk,
    )


def ensure_can_manage_reference_data(user) -> None:
    """Purchase families, CPV codes and eco-labels are shared by every organisation of the
    installation; clause library administrators keep them."""
    if not can_manage_clauses(user):
        raise PermissionDenied
