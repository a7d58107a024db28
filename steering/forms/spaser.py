"""The SPASER's forms: a new scheme, the draft's presentation, an objective, the adoption,
the yearly report's request with the committee's comment per axis. The services check the
same rules again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AxisKind, Decision, Indicator

YEAR_ERRORS = {
    "required": _("Indiquez l'année."),
    "invalid": _("L'année s'écrit en chiffres, par exemple 2026."),
    "min_value": _("L'année est au plus tôt 2000."),
    "max_value": _("L'année est au plus tard 2100."),
}


def _year(label, **kwargs):
    return forms.IntegerField(
        label=label, min_value=2000, max_value=2100, error_messages=YEAR_ERRORS, **kwargs
    )


def _value(label, **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Écrivez un nombre, par exemple 30 ou 12,5."),
            "min_value": _("La valeur ne peut pas être négative."),
            "required": _("Indiquez la valeur cible."),
        },
        **kwargs,
    )


class SchemeCreateForm(forms.Form):
    first_year = _year(_("Première année"))
    last_year = _year(_("Dernière année"))
    summary = forms.CharField(label=_("Présentation"), required=False, widget=forms.Textarea)


class SchemeEditForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=250)
    summary = forms.CharField(label=_("Présentation"), required=False, widget=forms.Textarea)
    signatory_name = forms.CharField(label=_("Signataire"), max_length=150, required=False)
    signatory_title = forms.CharField(
        label=_("Qualité du signataire"), max_length=200, required=False
    )


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objectif"), max_length=250)
    indicator = forms.ChoiceField(
        label=_("Indicateur du catalogue"),
        choices=Indicator.choices,
        error_messages={"invalid_choice": _("Choisissez un indicateur du catalogue.")},
    )
    baseline = _value(_("Valeur de référence"), required=False)
    baseline_year = _year(_("Année de référence"), required=False)
    target = _value(_("Valeur cible"), help_text=_("Pour une part : de 0 à 100."))
    target_year = _year(_("Année cible"))


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopté le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Donnez une date, par exemple 2026-03-12.")},
    )
    decision = forms.ModelChoiceField(
        label=_("Décision du comité"),
        queryset=Decision.objects.none(),
        error_messages={"invalid_choice": _("Choisissez une décision de votre comité.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.visible_to(user)
            .select_related("meeting")
            .order_by("-meeting__held_on")
        )
        self.fields["decision"].label_from_instance = _decision_label
        self.fields["adopted_on"].initial = timezone.localdate()


def _decision_label(decision) -> str:
    return f"{decision.meeting} — {decision.title}"


class ReportRequestForm(forms.Form):
    year = _year(_("Année"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        for kind in AxisKind:
            self.fields[f"comment_{kind.value}"] = forms.CharField(
                label=_("Commentaire du comité — %(axis)s") % {"axis": kind.label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def comments(self) -> dict:
        return {kind.value: self.cleaned_data.get(f"comment_{kind.value}", "") for kind in AxisKind}
