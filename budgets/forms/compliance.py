"""The filters of the compliance page: the year and, for those who read several, the
department."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .common import YearForm


class ComplianceFilterForm(YearForm):
    direction = forms.ChoiceField(label=_("Direction"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = [
            ("", _("Toutes les directions")),
            *((department.code, str(department)) for department in departments),
        ]
        self.fields["direction"].widget.attrs["class"] = "form-select"
