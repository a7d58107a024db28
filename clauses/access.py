"""Who may see and change clauses and the reference data: the one place that decides.

A clause the person cannot see does not exist for them (404); changing a clause needs the
clause administrator's permission and a clause of their own organisation (403). The reference
data (purchase families, eco-labels, CPV codes) is shared by every organisation; clause library
administrators keep it."""

from django.shortcuts import get_object_or_404

from core.access import ensure

from .models import MANAGE_CLAUSES, Clause, CpvCode, EcoLabel, PurchaseFamily


def can_manage_clauses(user) -> bool:
    """The person administers the clause library of their organisation."""
    return (
        user.is_authenticated and user.organisation_id is not None and user.has_perm(MANAGE_CLAUSES)
    )


def can_manage_clause(user, clause: Clause) -> bool:
    """The person administers the library this clause belongs to: they read and change its live
    text, its drafts, history and versions."""
    return can_manage_clauses(user) and clause.organisation_id == user.organisation_id


def ensure_can_manage_clauses(user, clause: Clause | None = None) -> None:
    """403 unless the person administers the library (of this clause, when one is given)."""
    ensure(can_manage_clauses(user) if clause is None else can_manage_clause(user, clause))


def get_clause_for_user(user, pk) -> Clause:
    """The clause if the person may read it, else 404."""
    return get_object_or_404(
        Clause.objects.visible_to(user).select_related(
            "organisation", "current_version", "copied_from__clause"
        ),
        pk=pk,
    )


def can_manage_reference_data(user) -> bool:
    """Purchase families, CPV codes and eco-labels are shared by every organisation of the
    installation; clause library administrators keep them."""
    return can_manage_clauses(user)


def ensure_can_manage_reference_data(user) -> None:
    """403 unless the person keeps the reference data."""
    ensure(can_manage_reference_data(user))


def get_family_for_user(user, code: str) -> PurchaseFamily:
    """The purchase family of this code if the person may read it, else 404."""
    return get_object_or_404(PurchaseFamily.objects.visible_to(user), code=code)


def get_eco_label_for_user(user, code: str) -> EcoLabel:
    """The eco-label of this code if the person may read it, else 404."""
    return get_object_or_404(EcoLabel.objects.visible_to(user), code=code)


def get_cpv_code_for_user(user, code: str) -> CpvCode:
    """The CPV code if the person may read it, else 404."""
    return get_object_or_404(CpvCode.objects.visible_to(user), code=code)
