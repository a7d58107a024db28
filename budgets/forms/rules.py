"""A purchasing rule, created or changed by a clause library administrator."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clauses.models import PurchaseFamily
from core.forms import EMPTY_CHOICE
from purchasing.forms.fields import FrenchDecimalField

from ..models import PurchasingRule
from ..services.rules import RULE_FIELDS
from .common import year_field


class RuleForm(forms.ModelForm):
    """A purchasing rule. Model validation (the constraints and their French messages) runs
    once, in the service, with the actor's permission check."""

    threshold_percent = FrenchDecimalField(
        label=_("Seuil (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0.01,
        max_value=100,
        help_text=_(
            "Part à atteindre, entre 0,01 et 100 : 20 pour 20 % du budget ou de la dépense."
        ),
        error_messages={
            # Formatted with the limit: the percent signs are doubled.
            "min_value": _("Le seuil doit être supérieur à 0 %%."),
            "max_value": _("Le seuil ne peut pas dépasser 100 %%."),
            "max_decimal_places": _("Deux chiffres après la virgule au plus."),
            "max_digits": _("Le seuil ne peut pas dépasser 100 %%."),
            "max_whole_digits": _("Le seuil ne peut pas dépasser 100 %%."),
        },
    )
    min_recycled_percent = forms.IntegerField(
        label=_("Part minimale de matière recyclée (%)"),
        required=False,
        help_text=_(
            "Obligatoire lorsque la matière recyclée compte : un achat compte s'il en contient "
            "au moins cette part, ou s'il porte un label qui la garantit."
        ),
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": _("Saisissez un nombre entier de 1 à 100."),
            "min_value": _("La part minimale de matière recyclée est d'au moins 1 %%."),
            "max_value": _("La part minimale de matière recyclée ne peut dépasser 100 %%."),
        },
    )
    first_year = year_field(_("En vigueur à partir de"))
    last_year = year_field(
        _("En vigueur jusqu'à (incluse)"),
        required=False,
        help_text=_("Vide : sans date de fin."),
    )

    class Meta:
        model = PurchasingRule
        fields = list(RULE_FIELDS)
        widgets = {"basis": forms.RadioSelect}
        help_texts = {
            "name": _("Par exemple : 20 % du budget de fournitures de bureau écoresponsable."),
            "accepts_eco_label": _(
                "Un achat compte s'il porte un écolabel qui prouve son caractère écoresponsable "
                "(Écolabel européen, NF Environnement…)."
            ),
            "accepts_reuse": _("Un achat compte s'il est issu du réemploi ou de la réutilisation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A rule may stay on a family retired since.
        self.fields["family"].queryset = PurchaseFamily.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.family_id)
        ).order_by("name")
        self.fields["family"].empty_label = EMPTY_CHOICE
        self.fields["family"].error_messages["invalid_choice"] = _(
            "Choisissez une famille d'achat de la liste."
        )
        self.fields["basis"].choices = list(self.fields["basis"].choices)[1:]

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}
