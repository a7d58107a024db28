"""What the budgets forms share: a year field, and the year of a page read from `?annee=`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MAX_YEAR, MIN_YEAR


def year_field(label, *, required=True, help_text=""):
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


class YearForm(forms.Form):
    """The year of a page (compliance, AGEC), read from `?annee=`."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(year, str(year)) for year in years]
        self.fields["annee"].widget.attrs["class"] = "form-select"
