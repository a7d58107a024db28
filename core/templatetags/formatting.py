"""French formatting of amounts: 1 234,56 €."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

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
    return f"{number_format(amount, int(decimals), force_grouping=True)}\u00a0€"


@register.filter
def minutes(delta):
    """A duration in whole minutes, rounded up."""
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    return -(-seconds // 60)
