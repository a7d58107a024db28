"""Query filters of the lists (django-filter): validated, then handed to the apps' selectors,
which start from what the person may read."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Department
from budgets import access as budgets_access
from budgets.models import MAX_YEAR, MIN_YEAR, Budget, Purchase
from budgets.selectors.common import in_year
from clauses.models import Clause, ClauseCategory, ClauseKind, PurchaseFamily
from clauses.selectors import library as clause_selectors
from purchasing import selectors as market_selectors
from purchasing.models import Market, MarketStatus


@extend_schema_field({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})
class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


def _families(request):
    return PurchaseFamily.objects.order_by("code")


def _organisation_departments(request):
    return Department.objects.filter(organisation_id=request.user.organisation_id)


def _compliance_departments(request):
    return budgets_access.compliance_departments(request.user)


@extend_schema_field(OpenApiTypes.STR)
class FamilyFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _families)
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("help_text", _("Code d'une famille d'achat, par exemple paper."))
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class DepartmentFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("help_text", _("Code d'une direction, par exemple LYC."))
        super().__init__(*args, **kwargs)


_BOOLEANS = frozenset({"true", "false", "True", "False", "1", "0"})


class StrictFilterSet(django_filters.FilterSet):
    """Refuses a parameter given empty where its type has no empty value (a boolean, a
    number, a date, a choice), and a boolean other than true or false: django-filter would
    ignore them, and the description says they are not values."""

    def is_valid(self):
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.CharFilter | FamilyFilter | DepartmentFilter):
                continue
            if name not in self.data:
                continue
            value = self.data.get(name)
            if value == "":
                self.form.add_error(
                    name, _("Valeur vide : donnez une valeur ou retirez le paramètre.")
                )
                valid = False
            elif isinstance(filter_, django_filters.BooleanFilter) and value not in _BOOLEANS:
                # django-filter also takes "null", "unknown"… as "no filter".
                self.form.add_error(name, _("Écrivez true ou false."))
                valid = False
        return valid


class SelectorFilterSet(StrictFilterSet):
    """A filter set whose validated values are the arguments of one selector."""

    def filter_queryset(self, queryset):
        return self.select(**self.form.cleaned_data)

    def select(self, **criteria):
        raise NotImplementedError


class MarketFilter(SelectorFilterSet):
    year = YearFilter(help_text=_("Année de lancement de la consultation (à défaut, de création)."))
    status = django_filters.ChoiceFilter(choices=MarketStatus.choices)
    department = DepartmentFilter(queryset=_organisation_departments)
    family = FamilyFilter()
    social = django_filters.BooleanFilter(
        help_text=_("Avec (true) ou sans (false) considération sociale.")
    )
    environmental = django_filters.BooleanFilter(
        help_text=_("Avec (true) ou sans (false) considération environnementale.")
    )
    search = django_filters.CharFilter(
        max_length=200, help_text=_("Mots de la référence, de l'objet ou de la description.")
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in market_selectors.SORTS],
        help_text=_("Tri ; par défaut les plus récemment modifiés d'abord."),
    )

    class Meta:
        model = Market
        fields = []

    def select(self, *, year, status, department, family, social, environmental, search, ordering):
        return market_selectors.market_list(
            viewer=self.request.user,
            search=search or "",
            status=status or "",
            department=department,
            family=family,
            year=year,
            social=social,
            environmental=environmental,
            sort=ordering or market_selectors.DEFAULT_SORT,
        ).select_related("organisation")


class ClauseFilter(SelectorFilterSet):
    search = django_filters.CharFilter(
        max_length=200, help_text=_("Mots du titre, du texte ou des conseils (accents ignorés).")
    )
    category = django_filters.ChoiceFilter(choices=ClauseCategory.choices)
    kind = django_filters.ChoiceFilter(choices=ClauseKind.choices)
    family = FamilyFilter()

    class Meta:
        model = Clause
        fields = []

    def select(self, *, search, category, kind, family):
        return clause_selectors.clause_search(
            viewer=self.request.user,
            query=search or "",
            category=category or "",
            kind=kind or "",
            family=family,
        )


class BudgetFilter(StrictFilterSet):
    year = YearFilter()
    department = DepartmentFilter(queryset=_compliance_departments)
    family = FamilyFilter()

    class Meta:
        model = Budget
        fields = []


class PurchaseFilter(StrictFilterSet):
    year = YearFilter(method="filter_year", help_text=_("Année de la date de l'achat."))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text=_("Achats de cette date ou après.")
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text=_("Achats de cette date ou avant.")
    )
    department = DepartmentFilter(queryset=_compliance_departments)
    family = FamilyFilter()

    class Meta:
        model = Purchase
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(in_year(value))
