"""Numbers as people type them in the forms."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import number_format
from django.utils.translation import get_language

# Spaces people type between thousands, and the euro sign.
_NOISE = str.maketrans("", "", " \u00a0\u202f€")


def parse_decimal(text) -> Decimal | None:
    """ "12 345,67", "12345.67 €", "1.234,5", "12,345.67" → Decimal; None when it is not a
    number.

    With both a comma and a dot, the last one separates the decimals. A comma alone is the
    decimal comma in French ("7,5") and groups thousands in English ("1,000"), the language the
    person reads the form in."""
    cleaned = str(text).strip().translate(_NOISE)
    if "," in cleaned and "." in cleaned:
        decimal, grouping = (",", ".") if cleaned.rfind(",") > cleaned.rfind(".") else (".", ",")
        cleaned = cleaned.replace(grouping, "").replace(decimal, ".")
    elif "," in cleaned:
        english = (get_language() or "fr").startswith("en")
        if english or cleaned.count(",") > 1:
            cleaned = cleaned.replace(",", "")
        else:
            cleaned = cleaned.replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def with_local_limits(validators: list) -> list:
    """A number field's bound validators, their messages giving the limit as people write it in
    the page's language (« 0,01 », not « 0.01 »)."""
    replaced = []
    for validator in validators:
        if type(validator) is MinValueValidator:
            validator = LocalMinValueValidator(validator.limit_value, validator.message)
        elif type(validator) is MaxValueValidator:
            validator = LocalMaxValueValidator(validator.limit_value, validator.message)
        replaced.append(validator)
    return replaced


class _LocalLimit:
    def __call__(self, value):
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit):
            shown = number_format(limit, force_grouping=True)
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit_value": shown, "show_value": cleaned, "value": value},
            )


class LocalMinValueValidator(_LocalLimit, MinValueValidator):
    pass


class LocalMaxValueValidator(_LocalLimit, MaxValueValidator):
    pass
