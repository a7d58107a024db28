import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.forms import EMPTY_CHOICE
from core.numbers import parse_decimal

from .. import parameters as parameters_module
from ..cpv import CPV_PREFIX_RE
from ..models import (
    CLAUSE_TEXT_FIELDS,
    Clause,
    ClauseCategory,
    ClauseKind,
    CpvCode,
    DecpConsideration,
    OcdsSustainabilityStrategy,
    PurchaseFamily,
)
from ..selectors.library import StatusFilter

_SEPARATORS = re.compile(r"[\s,;]+")


def split_cpv_prefixes(text: str) -> list[str]:
    """ "391, 3019" → ["391", "3019"]; a bad prefix is named in the error."""
    prefixes = [part for part in _SEPARATORS.split(text.strip()) if part]
    for prefix in prefixes:
        if not CPV_PREFIX_RE.fullmatch(prefix):
            raise ValidationError(
                _("« %(prefix)s » n'est pas un préfixe CPV : de 1 à 8 chiffres."),
                params={"prefix": prefix},
            )
    return list(dict.fromkeys(prefixes))


def _with_empty(choices, label):
    return [("", label), *choices]


class ClauseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_(
            "Mots du titre, du texte ou des conseils ; accents et majuscules indifférents."
        ),
    )
    category = forms.ChoiceField(
        label=_("Catégorie"),
        required=False,
        choices=_with_empty(ClauseCategory.choices, _("Toutes")),
    )
    kind = forms.ChoiceField(
        label=_("Nature"), required=False, choices=_with_empty(ClauseKind.choices, _("Toutes"))
    )
    family = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        required=False,
        queryset=PurchaseFamily.objects.filter(is_active=True),
        empty_label=_("Toutes"),
        to_field_name="code",
    )
    cpv = forms.CharField(
        label=_("Code CPV"),
        required=False,
        max_length=10,
        help_text=_("Un code (30192000-1) ou ses premiers chiffres."),
    )
    decp = forms.ChoiceField(
        label=_("Considération DECP"),
        required=False,
        choices=_with_empty(DecpConsideration.choices, _("Toutes")),
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[
            (StatusFilter.ALL, _("Toutes, brouillons et retirées compris")),
            (StatusFilter.USABLE, _("Utilisables par les marchés")),
            (StatusFilter.DRAFT, _("Brouillons de mon organisation")),
            (StatusFilter.RETIRED, _("Retirées de mon organisation")),
        ],
    )

    def __init__(self, *args, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not manager:
            del self.fields["status"]

    def clean_cpv(self):
        text = self.cleaned_data["cpv"].strip()
        if not text:
            return ""
        digits = text.split("-")[0]
        if not CPV_PREFIX_RE.fullmatch(digits) or ("-" in text and len(digits) != 8):
            raise ValidationError(
                _("Saisissez un code CPV (30192000-1) ou ses premiers chiffres (3019).")
            )
        return digits

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            "query": data["q"],
            "category": data["category"],
            "kind": data["kind"],
            "family": data["family"],
            "cpv": data["cpv"],
            "decp_consideration": data["decp"],
            "status": data.get("status") or StatusFilter.ALL,
        }


class SuggestionForm(forms.Form):
    family = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        required=False,
        queryset=PurchaseFamily.objects.filter(is_active=True),
        empty_label=EMPTY_CHOICE,
        to_field_name="code",
    )
    cpv = forms.CharField(
        label=_("Code CPV"),
        required=False,
        max_length=10,
        help_text=_("Le code complet, par exemple 33760000-5 (papier hygiénique)."),
    )

    def clean_cpv(self):
        """The eight digits of the code; the code need not be in the loaded vocabulary."""
        text = self.cleaned_data["cpv"].strip()
        if not text:
            return ""
        if not re.fullmatch(r"[0-9]{8}(-[0-9])?", text):
            raise ValidationError(
                _("Un code CPV s'écrit avec huit chiffres, un tiret et un chiffre : 33760000-5.")
            )
        return text[:8]

    def cpv_code(self) -> CpvCode | None:
        digits = self.cleaned_data.get("cpv")
        return CpvCode.objects.filter(code__startswith=digits).first() if digits else None

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("family") and not data.get("cpv"):
            raise ValidationError(_("Choisissez une famille d'achat ou saisissez un code CPV."))
        return data


class ClauseForm(forms.ModelForm):
    """What an administrator writes; parameters come from ParameterFormSet."""

    cpv_prefixes_text = forms.CharField(
        label=_("Préfixes CPV"),
        required=False,
        max_length=400,
        help_text=_(
            "Débuts de codes CPV séparés par des espaces : « 3019 » vise le petit matériel de "
            "bureau, « 337 » les produits d'hygiène."
        ),
    )
    ocds_strategies = forms.MultipleChoiceField(
        label=_("Stratégies de durabilité OCDS"),
        required=False,
        choices=OcdsSustainabilityStrategy.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Clause
        fields = [
            "code",
            *(name for name in CLAUSE_TEXT_FIELDS if name != "parameters"),
            "purchase_families",
            "shared_with_network",
        ]
        widgets = {
            "purchase_families": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 6}),
            "guidance": forms.Textarea(attrs={"rows": 4}),
            "warnings": forms.Textarea(attrs={"rows": 3}),
            "legal_references": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purchase_families"].queryset = PurchaseFamily.objects.filter(is_active=True)
        self.fields["decp_consideration"].choices = _with_empty(
            DecpConsideration.choices, _("— Aucune (ni sociale ni environnementale) —")
        )
        if self.instance.pk:
            # People and reports know a clause by its code: it does not change.
            del self.fields["code"]
            self.fields["cpv_prefixes_text"].initial = " ".join(self.instance.cpv_prefixes)
            self.fields["ocds_strategies"].initial = self.instance.ocds_strategies

    def clean_cpv_prefixes_text(self):
        return split_cpv_prefixes(self.cleaned_data["cpv_prefixes_text"])

    def _post_clean(self):
        # The service validates the whole clause, parameters included; the form only shapes.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["cpv_prefixes"] = data.pop("cpv_prefixes_text")
        return data


class ParameterForm(forms.Form):
    """One parameter definition; the service checks the definitions as a whole."""

    name = forms.CharField(
        label=_("Nom dans le texte"),
        max_length=40,
        help_text=_("En minuscules, sans accent : insertion_rate s'écrit {insertion_rate}."),
    )
    label = forms.CharField(label=_("Libellé"), max_length=120)
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", EMPTY_CHOICE), *parameters_module.TYPE_LABELS.items()],
    )
    unit = forms.CharField(label=_("Unité"), max_length=30, required=False)
    min = forms.CharField(label=_("Minimum"), max_length=30, required=False)
    max = forms.CharField(label=_("Maximum"), max_length=30, required=False)
    default = forms.CharField(label=_("Valeur par défaut"), max_length=200, required=False)
    choices = forms.CharField(
        label=_("Valeurs possibles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pour un choix : une valeur par ligne."),
    )
    help = forms.CharField(label=_("Aide pour l'acheteur"), max_length=300, required=False)

    @staticmethod
    def initial_for(definition: dict) -> dict:
        initial = {
            key: definition.get(key, "") for key in ("name", "label", "type", "unit", "help")
        }
        for key in ("min", "max", "default"):
            if key in definition:
                initial[key] = str(definition[key]).replace(".", ",")
        initial["choices"] = "\n".join(definition.get("choices", []))
        return initial

    def definition(self) -> dict:
        data = self.cleaned_data
        definition = {
            "name": data["name"].strip(),
            "label": data["label"].strip(),
            "type": data["type"],
        }
        for key in ("unit", "help"):
            if data[key].strip():
                definition[key] = data[key].strip()
        for key in ("min", "max", "default"):
            value = data[key].strip()
            if value and data["type"] in parameters_module.NUMERIC_TYPES:
                # Stored in the digits of JSON ("7.5"); what is not a number is kept as typed,
                # for the service to name.
                number = parse_decimal(value)
                value = value if number is None else str(number)
            if value:
                definition[key] = value
        choices = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        if choices:
            definition["choices"] = choices
        return definition


class BaseParameterFormSet(forms.BaseFormSet):
    def __init__(self, *args, definitions: list[dict] = (), **kwargs):
        self.originals = list(definitions)
        kwargs["initial"] = [ParameterForm.initial_for(d) for d in self.originals]
        super().__init__(*args, **kwargs)

    def definitions(self) -> list[dict]:
        """The definitions as posted; a row left untouched keeps its stored definition
        exactly, so that saving an unchanged parameter records no change."""
        definitions = []
        for index, form in enumerate(self.forms):
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            if index < len(self.originals) and not form.has_changed():
                definitions.append(self.originals[index])
            else:
                definitions.append(form.definition())
        return definitions

    def add_service_errors(self, errors: list) -> None:
        """Show the service's faults of the definitions above the parameters."""
        if errors:
            self.non_form_errors().extend(ValidationError(errors).messages)


ParameterFormSet = forms.formset_factory(
    ParameterForm, formset=BaseParameterFormSet, extra=1, can_delete=True, max_num=20
)


class ParameterValuesForm(forms.Form):
    """Values for a clause's parameters, one field each, checked by the clause's own rules."""

    def __init__(self, *args, definitions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = definitions
        for definition in definitions:
            label = definition.get("label") or definition["name"]
            unit = (
                "%"
                if definition["type"] == parameters_module.ParameterType.PERCENT
                else definition.get("unit", "")
            )
            # "Heures d'insertion", not "Heures d'insertion (heures)".
            field_label = (
                f"{label} ({unit})" if unit and unit.lower() not in label.lower() else label
            )
            if definition.get("choices"):
                field = forms.ChoiceField(
                    label=field_label,
                    required=False,
                    choices=_with_empty([(c, c) for c in definition["choices"]], "—"),
                )
            else:
                field = forms.CharField(label=field_label, required=False, max_length=200)
            # Django and crispy print a help text as markup (`|safe`): this one is typed by a
            # clause administrator and shown to every organisation the clause is shared with.
            field.help_text = escape(definition.get("help", ""))
            if "default" in definition:
                field.initial = str(definition["default"]).replace(".", ",")
            self.fields[definition["name"]] = field

    def clean(self):
        data = super().clean()
        values = {name: data.get(name) for name in self.fields if name not in self.errors}
        try:
            self.values = parameters_module.clean_values(self.definitions, values)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data
