"""Numbers as people type them in the forms."""

from decimal import Decimal, InvalidOperation

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
