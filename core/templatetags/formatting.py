"""French formatting of amounts (1 234,56 €) and of days (1er juillet 2026)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def euros(value, decimals=2):
    """An amount in euros, grouped by thousands, with the locale's separators."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return value
    if amount == 0:
        amount = abs(amount)  # no « -0,00 € » from a sum of nothing
    return f"{number_format(amount, int(decimals), force_grouping=True)}\u00a0€"


@register.filter
def minutes(delta):
    """A duration in whole minutes, rounded up."""
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    return -(-seconds // 60)


@register.filter
def long_date(value):
    """A day written out: « 1er juillet 2026 », « 30 septembre 2026 » (in English, 1 July 2026)."""
    if not value:
        return ""
    text = date_format(value, "j F Y")
    if value.day == 1 and get_language().startswith("fr"):
        text = "1er" + text[1:]
    return text
