"""Forms of the buyer's contract pages: needs and lots, assessment, clause values, criteria.

They shape what the buyer types (French amounts, CPV codes) into the arguments of the
services, which hold the rules; service refusals are put back on the fields they concern."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clauses import parameters
from clauses.calculations import INSERTION_PARAMETERS, InsertionHours
from clauses.forms.library import ParameterValuesForm
from clauses.models import INSEE_CODE_RE, PurchaseFamily
from core.forms import EMPTY_CHOICE

from ..models import AwardCriterion, CriterionKind, Lot, Market, MarketNature, Procedure, Theme
from .fields import CpvCodeField, CpvCodesField, FrenchAmountField


def _label(name: str) -> str:
    return capfirst(Market._meta.get_field(name).verbose_name)


def _with_empty(choices):
    return [("", EMPTY_CHOICE), *choices]


class NeedsForm(forms.Form):
    """Step 1: what is bought, where, when and for how much."""

    title = forms.CharField(label=_label("title"), max_length=250)
    description = forms.CharField(
        label=_label("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purchase_family = forms.ModelChoiceField(
        label=_label("purchase_family"),
        required=False,
        queryset=PurchaseFamily.objects.none(),
        empty_label=EMPTY_CHOICE,
    )
    main_cpv = CpvCodeField(
        label=_label("main_cpv"),
        required=False,
        help_text=_(
            "Le code (39830000-9) ou ses huit chiffres. Vous pouvez aussi taper un mot du libellé "
            "(« nettoyage ») : les codes correspondants vous sont proposés."
        ),
    )
    extra_cpvs = CpvCodesField(
        label=_label("extra_cpvs"),
        required=False,
        help_text=_("Codes séparés par des espaces : 39831000-6 33760000-5."),
    )
    nature = forms.ChoiceField(
        label=_label("nature"), required=False, choices=_with_empty(MarketNature.choices)
    )
    procedure = forms.ChoiceField(
        label=_label("procedure"), required=False, choices=_with_empty(Procedure.choices)
    )
    estimated_amount = FrenchAmountField(
        label=_label("estimated_amount"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Hors taxes, à la française : 1 000 000,50."),
    )
    duration_months = forms.IntegerField(
        label=_label("duration_months"), required=False, min_value=1, max_value=600
    )
    place = forms.CharField(label=_label("place"), required=False, max_length=200)
    place_postcode = forms.RegexField(
        label=_label("place_postcode"),
        required=False,
        regex=r"^[0-9]{5}$",
        max_length=5,
        error_messages={"invalid": _("Un code postal s'écrit avec cinq chiffres : 59000.")},
    )
    place_insee_code = forms.RegexField(
        label=_label("place_insee_code"),
        required=False,
        regex=INSEE_CODE_RE,
        max_length=5,
        help_text=Market._meta.get_field("place_insee_code").help_text,
        error_messages={
            "invalid": _("Un code commune INSEE s'écrit avec cinq caractères : 59350, 2A004.")
        },
    )
    launch_date = forms.DateField(
        label=_label("launch_date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_(
            "À partir du 21 août 2026, la loi Climat et résilience (art. 35) demande une "
            "considération environnementale."
        ),
    )

    tender_deadline = forms.DateTimeField(
        label=_label("tender_deadline"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("Jour et heure, par exemple 15/10/2026 12:00. Exigée pour publier le marché."),
    )

    def __init__(self, *args, market: Market | None = None, search_url: str = "", **kwargs):
        if market is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(market)
        super().__init__(*args, **kwargs)
        current = market.purchase_family_id if market is not None else None
        self.fields["purchase_family"].queryset = PurchaseFamily.objects.filter(
            Q(is_active=True) | Q(pk=current)
        )
        for name, mode in (("main_cpv", "single"), ("extra_cpvs", "multiple")):
            self.fields[name].widget.attrs.update(
                {"data-cpv-picker": mode, "data-cpv-search-url": search_url, "autocomplete": "off"}
            )

    @staticmethod
    def initial_for(market: Market) -> dict:
        initial = {name: getattr(market, name) for name in NEEDS_FORM_FIELDS}
        initial["purchase_family"] = market.purchase_family_id
        initial["main_cpv"] = market.main_cpv.code if market.main_cpv_id else ""
        initial["extra_cpvs"] = " ".join(code.code for code in market.extra_cpvs.all())
        return initial

    def cpv_matches(self) -> dict:
        """The codes to offer under each CPV field whose text was not a code."""
        return {name: self.fields[name].matches for name in ("main_cpv", "extra_cpvs")}

    def service_fields(self) -> dict:
        """The arguments of market_create / market_update_needs."""
        data = self.cleaned_data
        fields = {name: data[name] for name in NEEDS_FORM_FIELDS}
        fields["title"] = data["title"].strip()
        for name in ("description", "place"):
            fields[name] = data[name].strip()
        fields["purchase_family"] = data["purchase_family"]
        fields["main_cpv"] = data["main_cpv"]
        main = data["main_cpv"]
        fields["extra_cpvs"] = [code for code in data["extra_cpvs"] if code != main]
        return fields


NEEDS_FORM_FIELDS = (
    "title",
    "description",
    "nature",
    "procedure",
    "estimated_amount",
    "duration_months",
    "place",
    "place_postcode",
    "place_insee_code",
    "launch_date",
    "tender_deadline",
)


class LotForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(
        label=capfirst(Lot._meta.get_field("number").verbose_name), min_value=1, max_value=999
    )
    title = forms.CharField(
        label=capfirst(Lot._meta.get_field("title").verbose_name), max_length=250
    )
    estimated_amount = FrenchAmountField(
        label=capfirst(Lot._meta.get_field("estimated_amount").verbose_name),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )


class BaseLotFormSet(forms.BaseFormSet):
    """The lots of a contract; an empty row is ignored, its number is offered in advance."""

    summary_name = _("Lots")

    def __init__(self, *args, lots=(), **kwargs):
        self.lots = list(lots)
        kwargs["initial"] = [
            {
                "id": lot.pk,
                "number": lot.number,
                "title": lot.title,
                "estimated_amount": lot.estimated_amount,
            }
            for lot in self.lots
        ]
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        if i >= self.initial_form_count():
            # The next free number, so that the buyer only types the title.
            taken = max((lot.number for lot in self.lots), default=0)
            kwargs.setdefault("initial", {"number": taken + i - self.initial_form_count() + 1})
        return super()._construct_form(i, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        numbers = [row["number"] for row in self.rows()]
        if len(set(numbers)) != len(numbers):
            raise ValidationError(_("Deux lots ont le même numéro."))
        known = {lot.pk for lot in self.lots}
        if any(row["id"] and row["id"] not in known for row in self.rows()):
            raise ValidationError(_("Un des lots n'appartient pas à ce marché."))

    def rows(self) -> list[dict]:
        """The lots as lots_save takes them: the rows kept, empty and deleted ones left out."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.initial.get("id"):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data:
                continue
            rows.append(
                {
                    "id": data.get("id"),
                    "number": data["number"],
                    "title": data["title"].strip(),
                    "estimated_amount": data.get("estimated_amount"),
                }
            )
        return rows

    def add_service_errors(self, error: ValidationError) -> None:
        self.non_form_errors().extend(error.messages)


LotFormSet = forms.formset_factory(
    LotForm, formset=BaseLotFormSet, extra=2, can_delete=True, max_num=100
)


def single_lot(amount) -> dict:
    """The lot of a contract that is not divided: number 1, the contract's amount."""
    return {"id": None, "number": 1, "title": str(_("Lot unique")), "estimated_amount": amount}


CONSIDERED, NOT_CONSIDERED = "oui", "non"


class AssessmentForm(forms.Form):
    """Step 2: for each theme, considered or not, and why."""

    def __init__(self, *args, assessments: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for theme in Theme:
            current = assessments.get(theme.value)
            self.fields[f"considered_{theme.value}"] = forms.ChoiceField(
                label=_("Ce thème est-il pris en compte ?"),
                required=False,
                choices=[
                    (CONSIDERED, _("Pris en compte")),
                    (NOT_CONSIDERED, _("Non pris en compte")),
                ],
                widget=forms.RadioSelect,
                initial=(
                    None
                    if current is None
                    else CONSIDERED
                    if current.considered
                    else NOT_CONSIDERED
                ),
            )
            self.fields[f"justification_{theme.value}"] = forms.CharField(
                label=_("Comment, ou pourquoi pas"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=current.justification if current else "",
                help_text=_("Obligatoire quand le thème n'est pas pris en compte."),
            )

    def themes(self):
        """(theme, its choice, its justification) in the order of the themes."""
        return [
            (theme, self[f"considered_{theme.value}"], self[f"justification_{theme.value}"])
            for theme in Theme
        ]

    def summary_label(self, field) -> str:
        """In the error summary, a field says its theme: every theme asks the same."""
        theme = Theme(field.name.split("_", 1)[1])
        return f"{theme.label} — {field.label}"

    def clean(self):
        data = super().clean()
        for theme in Theme:
            choice = data.get(f"considered_{theme.value}")
            if not choice and (data.get(f"justification_{theme.value}") or "").strip():
                self.add_error(
                    f"considered_{theme.value}",
                    _("Dites si le thème est pris en compte ou non."),
                )
        return data

    def answers(self) -> dict:
        """{theme: (considered, justification)} for the themes answered."""
        answers = {}
        for theme in Theme:
            choice = self.cleaned_data.get(f"considered_{theme.value}")
            if choice:
                answers[theme.value] = (
                    choice == CONSIDERED,
                    self.cleaned_data.get(f"justification_{theme.value}") or "",
                )
        return answers

    def changed_answers(self, assessments: dict) -> dict:
        """The answers that differ from what is recorded: history keeps real changes only."""
        return {
            theme: (considered, justification)
            for theme, (considered, justification) in self.answers().items()
            if theme not in assessments
            or assessments[theme].considered != considered
            or assessments[theme].justification != justification.strip()
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """The service names each theme at fault: its message goes under its justification."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for theme, messages in error.message_dict.items():
            field = f"justification_{theme}"
            self.add_error(field if field in self.fields else None, messages)


class PlacementForm(forms.Form):
    """Where an applied clause goes: the whole contract or one of its lots."""

    lot = forms.TypedChoiceField(
        label=_("S'applique à"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.lots = {lot.pk: lot for lot in lots}
        self.fields["lot"].choices = [("", _("Tout le marché"))] + [
            (lot.pk, _("Lot %(number)s — %(title)s") % {"number": lot.number, "title": lot.title})
            for lot in lots
        ]

    def chosen_lot(self) -> Lot | None:
        return self.lots.get(self.cleaned_data.get("lot"))


def is_insertion(definitions: list[dict]) -> bool:
    """An insertion clause: its hours follow from the rate, the labour share and the cost."""
    names = {definition["name"] for definition in definitions}
    return InsertionHours.applies_to(definitions) and "hours" in names


class ClauseValuesForm(ParameterValuesForm):
    """The values of an applied clause; for an insertion clause left without hours, the hours
    are computed from the amount (of the lot, else of the contract) and the other values."""

    def __init__(self, *args, definitions, amount=None, **kwargs):
        super().__init__(*args, definitions=definitions, **kwargs)
        self.amount = amount
        self.insertion = is_insertion(definitions)
        self.computed_hours = None
        if self.insertion:
            self.fields["hours"].help_text = _(
                "Laissez vide pour le calcul : montant × part de main-d'œuvre × taux "
                "d'insertion ÷ coût horaire."
            )

    @staticmethod
    def initial_for(definitions, values: dict) -> dict:
        """Stored values as the buyer typed them, numbers with a decimal comma."""
        numeric = {d["name"] for d in definitions if d["type"] in parameters.NUMERIC_TYPES}
        return {
            name: str(value).replace(".", ",") if name in numeric else value
            for name, value in values.items()
        }

    def hours_from(self, raw: dict):
        """The hours the other values give, or None when they are not all valid."""
        if self.amount is None:
            return None
        definitions = [d for d in self.definitions if d["name"] in INSERTION_PARAMETERS]
        try:
            values = parameters.clean_values(
                definitions, {d["name"]: raw.get(d["name"]) for d in definitions}
            )
        except ValidationError:
            return None
        return InsertionHours.of(amount=self.amount, values=values).hours

    def initial_hours(self):
        """The hours of the values shown before the buyer types anything."""
        if not self.insertion:
            return None
        return self.hours_from({name: self[name].value() for name in self.fields})

    def clean(self):
        hours_left_empty = self.insertion and not (self.cleaned_data.get("hours") or "").strip()
        if hours_left_empty:
            hours = self.hours_from(self.cleaned_data)
            if hours is not None:
                self.cleaned_data["hours"] = str(hours)
                self.computed_hours = hours
        data = super().clean()
        if hours_left_empty and self.computed_hours is None:
            faulty = INSERTION_PARAMETERS & set(self.errors)
            if faulty:
                # The hours wait for the values they are computed from: one message is enough.
                self._errors.pop("hours", None)
        return data


def criterion_label(name: str) -> str:
    return capfirst(AwardCriterion._meta.get_field(name).verbose_name)


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(
        label=criterion_label("kind"), choices=_with_empty(CriterionKind.choices)
    )
    weight = forms.IntegerField(label=criterion_label("weight"), min_value=1, max_value=100)
    description = forms.CharField(
        label=criterion_label("description"), required=False, max_length=250
    )


class BaseCriterionFormSet(forms.BaseFormSet):
    def __init__(self, *args, lot, **kwargs):
        self.lot = lot
        kwargs["initial"] = [
            {"kind": c.kind, "weight": c.weight, "description": c.description}
            for c in lot.criteria.all()
        ]
        kwargs.setdefault("prefix", f"criteres-{lot.pk}")
        super().__init__(*args, **kwargs)
        self.summary_name = _("Lot %(number)s") % {"number": lot.number}

    def rows(self) -> list[dict]:
        """The criteria as criteria_save takes them, empty and deleted rows left out."""
        rows = []
        for form in self.forms:
            if self._should_delete_form(form) or not form.cleaned_data:
                continue
            rows.append(
                {
                    "kind": form.cleaned_data["kind"],
                    "weight": form.cleaned_data["weight"],
                    "description": form.cleaned_data["description"],
                }
            )
        return rows

    def untouched(self) -> bool:
        """Nothing changed for the lot: there is nothing to save (nor to record in history)."""
        return not any(form.has_changed() for form in self.forms)

    def add_service_errors(self, error: ValidationError) -> None:
        self.non_form_errors().extend(error.messages)


def criterion_formset(*args, lot, extra: int, **kwargs):
    formset_class = forms.formset_factory(
        CriterionForm, formset=BaseCriterionFormSet, extra=extra, can_delete=True, max_num=10
    )
    return formset_class(*args, lot=lot, **kwargs)


class ClimateJustificationForm(forms.Form):
    climate_justification = forms.CharField(
        label=_label("climate_justification"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SocialJustificationForm(forms.Form):
    social_justification = forms.CharField(
        label=_label("social_justification"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def justification_forms(data, *, market, checks) -> dict[str, forms.Form]:
    """The justification of each 2026 rule whose field the criteria step shows
    (`selectors.wizard.LegalChecks`), by the name of the market's field."""
    shown = (
        ("climate_justification", ClimateJustificationForm, checks.climate_form_shown),
        ("social_justification", SocialJustificationForm, checks.social_form_shown),
    )
    return {
        name: form_class(data, initial={name: getattr(market, name)})
        for name, form_class, needed in shown
        if needed
    }


class LibrarySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Chercher dans la bibliothèque"),
        required=False,
        max_length=200,
        help_text=_("Mots du titre ou du texte : insertion, écolabel, réemploi…"),
    )


def read_only(*forms_or_formsets) -> None:
    """Show the forms without letting them be changed (the page of a reader)."""
    for item in forms_or_formsets:
        for form in getattr(item, "forms", [item]):
            for field in form.fields.values():
                field.disabled = True
