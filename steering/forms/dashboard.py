"""The dashboard's filter: the quarter (a past or current one) and the department."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from core.quarters import Quarter

FIRST_YEAR = 2020
QUARTER_CHOICES = [
    (1, _("1er trimestre (janvier à mars)")),
    (2, _("2e trimestre (avril à juin)")),
    (3, _("3e trimestre (juillet à septembre)")),
    (4, _("4e trimestre (octobre à décembre)")),
]


class DashboardFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)
    trimestre = forms.TypedChoiceField(label=_("Trimestre"), coerce=int, choices=QUARTER_CHOICES)
    direction = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Toutes les directions"),
    )

    def __init__(self, data, *, organisation, default: Quarter, today, years=()):
        self.today = today
        self.default = default
        if not data:
            data = {"annee": default.year, "trimestre": default.number}
        else:
            data = {
                "annee": data.get("annee", default.year),
                "trimestre": data.get("trimestre", default.number),
                "direction": data.get("direction", ""),
            }
        super().__init__(data)
        # Only years with data, the year under way and the default quarter's: an empty year
        # offers nothing to read.
        offered = {year for year in years if FIRST_YEAR <= year <= today.year}
        offered |= {default.year, today.year}
        self.fields["annee"].choices = [(year, str(year)) for year in sorted(offered, reverse=True)]
        self.fields["direction"].queryset = Department.objects.filter(
            organisation=organisation
        ).order_by("code")
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select"
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}-erreur"

    def clean(self):
        data = super().clean()
        year, number = data.get("annee"), data.get("trimestre")
        if year and number and Quarter(year, number) > Quarter.of(self.today):
            raise forms.ValidationError(
                _("Ce trimestre n'a pas commencé : choisissez un trimestre passé ou en cours.")
            )
        return data

    def selection(self) -> tuple[Quarter, Department | None]:
        """The quarter and department asked for; the default quarter (and every department)
        when the choice is not valid (its error is shown)."""
        if not self.is_valid():
            return self.default, None
        data = self.cleaned_data
        return Quarter(data["annee"], data["trimestre"]), data["direction"]
