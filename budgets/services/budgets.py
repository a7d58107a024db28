"""The budgets of the departments, set one by one by finance officers (a file of budgets is an
import: `services.imports`)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Department, User
from clauses.models import PurchaseFamily
from core.access import ensure
from core.history import history_save

from ..access import can_manage_budgets
from ..models import Budget


def budget_set(
    *,
    actor: User,
    department: Department,
    year: int,
    family: PurchaseFamily,
    amount: Decimal,
) -> Budget:
    """Set (create or change) the budget of a department for a year and a purchase family."""
    ensure(can_manage_budgets(actor))
    if department.organisation_id != actor.organisation_id:
        raise ValidationError(
            {"department": _("La direction doit appartenir à votre organisation.")}
        )
    with transaction.atomic():
        budget = (
            Budget.objects.select_for_update()
            .filter(department=department, year=year, family=family)
            .first()
        )
        if budget is None:
            budget = Budget(
                organisation_id=actor.organisation_id,
                department=department,
                year=year,
                family=family,
            )
            reason = _("Budget fixé")
        else:
            reason = _("Budget modifié")
        budget.amount = amount
        history_save(budget, actor=actor, reason=reason)
    return budget
