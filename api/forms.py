from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Pour le reconnaître : le logiciel ou le script qui l'utilise."),
        widget=forms.TextInput(attrs={"class": "form-control", "aria-describedby": "id_name-aide"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.is_valid():
            attrs = self.fields["name"].widget.attrs
            attrs["class"] = "form-control is-invalid"
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = "id_name-erreur id_name-aide"
