"""Forms of the reference data pages. They shape what the administrator typed; the services
validate the whole row (`full_clean`) and their errors come back on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgecCategory, CpvCode, EcoLabel, PurchaseFamily
from .library import split_cpv_prefixes


class _ServiceValidatedForm(forms.ModelForm):
    """A model form whose model validation is left to the service, so that it runs once, with
    the actor's permission check, inside the service's transaction."""

    # Fields shown but not changeable once the row exists.
    fixed_fields: tuple[str, ...] = ("code",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.fixed_fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Le code ne change pas : d'autres données y font référence."
                )

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        """The values to give the service: all of them for a creation, the changeable ones
        for an update."""
        data = dict(self.cleaned_data)
        if self.instance.pk:
            for name in self.fixed_fields:
                data.pop(name, None)
        return data


class PurchaseFamilyForm(_ServiceValidatedForm):
    cpv_prefixes = forms.CharField(
        label=_("Préfixes CPV"),
        required=False,
        max_length=400,
        help_text=_(
            "Débuts des codes CPV de la famille, séparés par des espaces ou des virgules : "
            "« 391 » pour le mobilier, « 301976 30199 » pour le papier."
        ),
    )

    class Meta:
        model = PurchaseFamily
        fields = ["code", "name", "description", "cpv_prefixes", "agec_category", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "code": _(
                "Identifiant court en minuscules, chiffres et tirets : fournitures-bureau. "
                "Il ne pourra plus être changé."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agec_category"].choices = [
            ("", _("— Aucune catégorie AGEC —")),
            *AgecCategory.choices,
        ]
        if self.instance.pk:
            self.initial["cpv_prefixes"] = " ".join(self.instance.cpv_prefixes)

    def clean_code(self):
        return self.cleaned_data["code"].strip().lower()

    def clean_cpv_prefixes(self):
        return split_cpv_prefixes(self.cleaned_data["cpv_prefixes"])


class EcoLabelForm(_ServiceValidatedForm):
    class Meta:
        model = EcoLabel
        fields = ["code", "name", "proves", "recycled_content_percent", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "code": _(
                "Identifiant court en minuscules, chiffres et tirets : nf-environnement. "
                "Il ne pourra plus être changé."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's own bounds; the model's validator is the rule.
        self.fields["recycled_content_percent"].widget.attrs.update({"min": 0, "max": 100})

    def clean_code(self):
        return self.cleaned_data["code"].strip().lower()


class CpvCodeForm(_ServiceValidatedForm):
    class Meta:
        model = CpvCode
        fields = ["code", "label_fr", "label_en"]


class CpvSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Code ou libellé"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
        help_text=_("Début de code (3019) ou mots du libellé, en français ou en anglais."),
    )
