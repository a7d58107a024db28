"""What every budgets page shares: the section tabs and the year read from the address."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.ui import Tab

from .. import access
from ..models import MAX_YEAR, MIN_YEAR
from ..selectors.common import current_year


def section_links(user, *, readers: bool | None = None) -> list[Tab]:
    """The tabs of the budgets section the person may open; `readers` is whether they read
    compliance, when the view already knows (for a department head it costs a query)."""
    if readers is None:
        readers = access.can_view_compliance(user)
    finance = access.can_manage_budgets(user)
    rules = readers or access.can_manage_rules(user)
    tabs = (
        ("compliance", _("Respect des règles"), "budgets:compliance", readers),
        ("budgets", _("Budgets"), "budgets:budget-list", readers),
        ("rules", _("Règles d'achat"), "budgets:rule-list", rules),
        ("imports", _("Imports"), "budgets:import-list", finance),
        ("agec", _("Déclaration AGEC"), "budgets:agec", finance),
    )
    return [
        Tab(key=key, label=label, url=reverse(name))
        for key, label, name, allowed in tabs
        if allowed
    ]


def section_context(request, section: str, *, readers: bool | None = None) -> dict:
    """The tabs of the section, `section` the one open (`{% section_tabs %}` draws them)."""
    return {
        "section": section,
        "section_links": section_links(request.user, readers=readers),
        "section_label": _("Budgets et règles d’achat"),
    }


def year_param(request, name: str = "annee") -> int:
    """The year asked for in the address, or this year when it is missing or not a year."""
    value = request.GET.get(name, "")
    if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value)
    return current_year()


def year_choices(years: list[int], selected: int) -> list[int]:
    """The years to offer, with the selected one even when it has no data."""
    return sorted({*years, selected}, reverse=True)
