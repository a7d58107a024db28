"""Who may see and change budgets, purchases, imports and rules: the one place that decides.

Rows of another organisation do not exist for the person (404). Inside the organisation,
finance officers write budgets and imports, clause library administrators write rules,
committee members, finance officers and advisors read every department's compliance, and a
department head reads their own department's (403 otherwise)."""

from django.db.models import Q
from django.http import Http404

from accounts.models import Department
from core.access import ensure

from .models import (
    MANAGE_BUDGETS,
    MANAGE_RULES,
    VIEW_ALL_COMPLIANCE,
    VIEW_DEPARTMENT_COMPLIANCE,
    ImportBatch,
    PurchasingRule,
)


def _member(user) -> bool:
    return user.is_authenticated and user.organisation_id is not None


def can_manage_budgets(user) -> bool:
    return _member(user) and user.has_perm(MANAGE_BUDGETS)


def can_manage_rules(user) -> bool:
    return _member(user) and user.has_perm(MANAGE_RULES)


def compliance_departments(user):
    """The departments whose budgets, purchases and rule compliance the person may read."""
    if not _member(user):
        return Department.objects.none()
    departments = Department.objects.filter(organisation_id=user.organisation_id)
    if user.has_perm(VIEW_ALL_COMPLIANCE) or user.has_perm(MANAGE_BUDGETS):
        return departments
    if user.has_perm(VIEW_DEPARTMENT_COMPLIANCE):
        own = Q(head_id=user.pk)
        if user.department_id is not None:
            own |= Q(pk=user.department_id)
        return departments.filter(own)
    return Department.objects.none()


def _heads_a_department(user) -> bool:
    # Asked by the menu, the tabs and the view of every budgets page: answered once per request
    # (the request's user object lives as long as the request).
    if not hasattr(user, "_budgets_heads_a_department"):
        user._budgets_heads_a_department = compliance_departments(user).exists()
    return user._budgets_heads_a_department


def can_view_compliance(user) -> bool:
    return _member(user) and (
        user.has_perm(VIEW_ALL_COMPLIANCE)
        or user.has_perm(MANAGE_BUDGETS)
        or (user.has_perm(VIEW_DEPARTMENT_COMPLIANCE) and _heads_a_department(user))
    )


def can_read_rules(user) -> bool:
    return can_view_compliance(user) or can_manage_rules(user)


def get_department_for_compliance(user, code: str) -> Department:
    """A department of the person's organisation they may read; 404 outside it, 403 inside."""
    if not _member(user):
        raise Http404
    department = Department.objects.filter(organisation_id=user.organisation_id, code=code).first()
    if department is None:
        raise Http404
    ensure(compliance_departments(user).filter(pk=department.pk).exists())
    return department


def get_import_for_user(user, public_id) -> ImportBatch:
    """An import of the person's organisation, for a finance officer."""
    batch = ImportBatch.objects.visible_to(user).filter(public_id=public_id).first()
    if batch is None:
        raise Http404
    ensure(can_manage_budgets(user))
    return batch


def get_rule_for_user(user, pk: int, *, manage: bool = False) -> PurchasingRule:
    """A rule of the person's organisation, to read (or to change, `manage`)."""
    rule = PurchasingRule.objects.visible_to(user).filter(pk=pk).first()
    if rule is None:
        raise Http404
    ensure(can_manage_rules(user) if manage else can_read_rules(user))
    return rule
