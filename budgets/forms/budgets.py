"""The budget of one department, year and purchase family, set by a finance officer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from clauses.models import PurchaseFamily
from core.forms import EMPTY_CHOICE
from purchasing.forms.fields import FrenchDecimalField

from .common import year_field


def _families():
    return PurchaseFamily.objects.filter(is_active=True).order_by("name")


class BudgetForm(forms.Form):
    """The budget of one department, year and purchase family. Field names are the model's,
    so that the service's errors land on them."""

    department = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        to_field_name="code",
        empty_label=EMPTY_CHOICE,
        error_messages={"invalid_choice": _("Choisissez une direction de la liste.")},
    )
    year = year_field(_("Année"))
    family = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        queryset=PurchaseFamily.objects.none(),
        to_field_name="code",
        empty_label=EMPTY_CHOICE,
        error_messages={"invalid_choice": _("Choisissez une famille d'achat de la liste.")},
    )
    amount = FrenchDecimalField(
        label=_("Montant alloué HT (€)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Hors taxes, en euros : 12 500 ou 12 500,50. Zéro est permis."),
        error_messages={
            "min_value": _("Le montant ne peut pas être négatif."),
            "max_decimal_places": _("Deux chiffres après la virgule au plus."),
            "max_digits": _("Ce montant est trop grand."),
            "max_whole_digits": _("Ce montant est trop grand."),
        },
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        ).order_by("code")
        self.fields["family"].queryset = _families()
