"""Fields and widgets the purchasing forms share, and the other apps' forms reuse: amounts and
numbers typed the French way, dates for the browser's picker, SIRET numbers, CPV codes."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_siret
from clauses import parameters
from clauses.models import CpvCode
from clauses.selectors.reference import cpv_codes_search
from core.numbers import parse_decimal, with_local_limits

# A CPV code as typed (39830000-9 or its eight digits), and what separates codes.
_CPV_TYPED_RE = re.compile(r"^([0-9]{8})(?:-([0-9]))?$")
_SEPARATORS_RE = re.compile(r"[\s,;]+")
CPV_SEARCH_LIMIT = 20
CPV_FALLBACK_LIMIT = 10
MAX_EXTRA_CPVS = 20


class FrenchAmountInput(forms.TextInput):
    """A text input showing an amount the French way (1 000 000,50)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return parameters.format_number(value)
        return super().format_value(value)


class FrenchAmountField(forms.DecimalField):
    widget = FrenchAmountInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = with_local_limits(self.validators)

    default_error_messages = {
        "invalid": _("Saisissez un montant, par exemple 1 000 000,50."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        amount = parse_decimal(value)
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


def cpv_search(query: str, *, limit: int = CPV_SEARCH_LIMIT) -> list[CpvCode]:
    """The first CPV codes matching every word of `query` (see the clause library's search)."""
    if not query.split():
        return []
    return list(cpv_codes_search(query=query)[:limit])


def _known_codes(digits: list[str]) -> dict[str, CpvCode]:
    """{eight digits: code} for the digits that are in the loaded vocabulary: one query."""
    condition = Q(pk__in=[])
    for value in digits:
        condition |= Q(code__startswith=f"{value}-")
    return {code.digits: code for code in CpvCode.objects.filter(condition)}


def _cpv_tokens(text: str) -> tuple[list[str], list[str]]:
    """The eight digits of each code typed, and the words that are not codes."""
    digits, words = [], []
    for token in _SEPARATORS_RE.split(text.strip()):
        if not token:
            continue
        match = _CPV_TYPED_RE.fullmatch(token)
        if match:
            digits.append(match.group(1))
        else:
            words.append(token)
    return digits, words


class CpvCodeField(forms.CharField):
    """One CPV code of the loaded vocabulary, typed as 39830000-9 or its eight digits.

    The check digit is not verified (see clauses/cpv.py): the eight digits name the code.
    When the text is not a code, `matches` holds the codes whose label matches it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.matches = []

    def clean(self, value):
        self.matches = []
        text = super().clean(value)
        if not text:
            return None
        digits, words = _cpv_tokens(text)
        if words or len(digits) != 1:
            self.matches = cpv_search(text, limit=CPV_FALLBACK_LIMIT)
            raise ValidationError(
                _(
                    "« %(value)s » n'est pas un code CPV : saisissez le code (39830000-9) ou ses "
                    "huit chiffres, ou choisissez l'un des codes proposés."
                ),
                params={"value": text},
                code="not_a_code",
            )
        code = _known_codes(digits).get(digits[0])
        if code is None:
            raise ValidationError(
                _("Le code CPV %(code)s n'existe pas dans le vocabulaire chargé."),
                params={"code": text},
                code="unknown",
            )
        return code


class CpvCodesField(forms.CharField):
    """CPV codes separated by spaces; a word that is not a code lists the matching codes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 400)
        super().__init__(**kwargs)
        self.matches = []

    def clean(self, value):
        self.matches = []
        text = super().clean(value)
        digits, words = _cpv_tokens(text or "")
        if words:
            self.matches = cpv_search(" ".join(words), limit=CPV_FALLBACK_LIMIT)
            raise ValidationError(
                _(
                    "« %(words)s » n'est pas un code CPV : saisissez des codes (39830000-9) "
                    "séparés par des espaces, ou choisissez parmi les codes proposés."
                ),
                params={"words": " ".join(words)},
                code="not_a_code",
            )
        digits = list(dict.fromkeys(digits))
        if len(digits) > MAX_EXTRA_CPVS:
            raise ValidationError(
                _("Indiquez au plus %(count)s codes CPV complémentaires."),
                params={"count": MAX_EXTRA_CPVS},
            )
        known = _known_codes(digits)
        unknown = [value for value in digits if value not in known]
        if unknown:
            raise ValidationError(
                _("Ces codes CPV n'existent pas dans le vocabulaire chargé : %(codes)s."),
                params={"codes": ", ".join(unknown)},
                code="unknown",
            )
        return [known[value] for value in digits]


class FrenchNumberInput(forms.TextInput):
    """A text input that shows a number the French way (12 345,67) and lets people type it
    so: a number input would refuse the comma in some browsers."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value, force_grouping=True)
        return super().format_value(value)


class FrenchDecimalField(forms.DecimalField):
    widget = FrenchNumberInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = with_local_limits(self.validators)

    default_error_messages = {"invalid": _("Saisissez un nombre, par exemple 12 345,67.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_decimal(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker sends and expects ISO dates.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SiretField(forms.CharField):
    """14 digits; the spaces people copy from a Kbis extract are dropped."""

    default_validators = [validate_siret]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return "".join(super().to_python(value).split())
