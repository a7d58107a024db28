"""The form that asks for the report of a quarter: a year and a quarter, the last complete one
by default. The service checks the quarter too; the form says it first, on its fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.quarters import Quarter

from ..services.report_jobs import validate_quarter

FIRST_YEAR = 2000


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(
        label=_("Année"),
        error_messages={
            "required": _("Indiquez l'année."),
            "invalid": _("L'année s'écrit en chiffres, par exemple 2026."),
        },
    )
    quarter = forms.TypedChoiceField(
        label=_("Trimestre"),
        coerce=int,
        choices=[
            (1, _("1er trimestre (janvier à mars)")),
            (2, _("2e trimestre (avril à juin)")),
            (3, _("3e trimestre (juillet à septembre)")),
            (4, _("4e trimestre (octobre à décembre)")),
        ],
        error_messages={
            "required": _("Choisissez le trimestre."),
            "invalid_choice": _("Choisissez un trimestre de 1 à 4."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = Quarter.last_complete()
        self.fields["year"].initial = last.year
        self.fields["quarter"].initial = last.number
        self.fields["year"].widget.attrs.update(
            {"min": FIRST_YEAR, "max": timezone.localdate().year}
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not FIRST_YEAR <= year <= this_year:
            raise ValidationError(
                _("L'année est comprise entre %(first)s et %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year, number = cleaned.get("year"), cleaned.get("quarter")
        if year is not None and number is not None:
            try:
                validate_quarter(Quarter(year, number))
            except ValidationError as error:
                self.add_error("quarter", error)
            else:
                cleaned["period"] = Quarter(year, number)
        return cleaned
