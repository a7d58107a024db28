"""Forms of the budgets pages. They shape what the person typed or sent; the services check the
rights and validate the whole row (`full_clean`), and their errors come back on these fields."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from clauses.models import PurchaseFamily
from purchasing.forms.fields import FrenchDecimalField

from . import imports
from .models import MAX_YEAR, MIN_YEAR, ImportKind, PurchasingRule
from .services import RULE_FIELDS


def _year_field(label, *, required=True, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=help_text,
        error_messages={
            "invalid": _("Saisissez une année sur quatre chiffres, par exemple 2026."),
            "min_value": _("L'année doit être comprise entre %(min)s et %(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            "max_value": _("L'année doit être comprise entre %(min)s et %(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _families():
    return PurchaseFamily.objects.filter(is_active=True).order_by("name")


class BudgetForm(forms.Form):
    """The budget of one department, year and purchase family. Field names are the model's,
    so that the service's errors land on them."""

    department = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        to_field_name="code",
        empty_label=_("— Choisissez une direction —"),
        error_messages={"invalid_choice": _("Choisissez une direction de la liste.")},
    )
    year = _year_field(_("Année"))
    family = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        queryset=PurchaseFamily.objects.none(),
        to_field_name="code",
        empty_label=_("— Choisissez une famille d'achat —"),
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


def _extensions() -> str:
    return _(" ou ").join(sorted(imports.ALLOWED_EXTENSIONS))


def _upload_help_text() -> str:
    return _("Un fichier %(types)s de %(max)s au plus, encodé en UTF-8 pour le CSV.") % {
        "types": _extensions(),
        "max": filesizeformat(imports.MAX_UPLOAD_BYTES),
    }


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Contenu du fichier"),
        choices=ImportKind.choices,
        initial=ImportKind.PURCHASES,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Fichier"),
        help_text=lazy(_upload_help_text, str)(),
        widget=forms.FileInput(attrs={"accept": ",".join(imports.ALLOWED_EXTENSIONS)}),
        error_messages={
            "required": _("Choisissez le fichier à importer."),
            "empty": _("Le fichier envoyé est vide."),
        },
    )

    def clean_file(self):
        # The service checks again; a wrong or oversized file is refused here before it is read.
        upload = self.cleaned_data["file"]
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in imports.ALLOWED_EXTENSIONS:
            raise ValidationError(
                _("Le fichier « %(name)s » n'est pas accepté : envoyez un fichier %(types)s."),
                params={"name": upload.name, "types": _extensions()},
            )
        if upload.size > imports.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Le fichier fait %(size)s : la limite est de %(max)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(imports.MAX_UPLOAD_BYTES),
                },
            )
        return upload


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
    first_year = _year_field(_("En vigueur à partir de"))
    last_year = _year_field(
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
        self.fields["family"].empty_label = _("— Choisissez une famille d'achat —")
        self.fields["family"].error_messages["invalid_choice"] = _(
            "Choisissez une famille d'achat de la liste."
        )
        self.fields["basis"].choices = list(self.fields["basis"].choices)[1:]

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}


class YearForm(forms.Form):
    """The year of a page (compliance, AGEC), read from `?annee=`."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(year, str(year)) for year in years]
        self.fields["annee"].widget.attrs["class"] = "form-select"


class ComplianceFilterForm(YearForm):
    direction = forms.ChoiceField(label=_("Direction"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = [
            ("", _("Toutes les directions")),
            *((department.code, str(department)) for department in departments),
        ]
        self.fields["direction"].widget.attrs["class"] = "form-select"
