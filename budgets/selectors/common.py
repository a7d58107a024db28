"""What the budgets reads share: this year, a calendar year's days, and the sum of amounts."""

import datetime

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import AMOUNT_MAX_DIGITS, ZERO

# Sums of many lines need more digits than one line holds.
SUM_FIELD = DecimalField(max_digits=AMOUNT_MAX_DIGITS + 6, decimal_places=2)


def current_year() -> int:
    """This year in the organisation's time zone (Europe/Paris): on 31 December at 23:30 UTC
    it is already next year in Lille."""
    return timezone.localdate().year


def amount_sum(condition: Q | None = None) -> Coalesce:
    """The sum of the lines' amounts (of those meeting `condition`), 0 when there is none."""
    return Coalesce(
        Sum("amount", filter=condition, output_field=SUM_FIELD),
        Value(ZERO),
        output_field=SUM_FIELD,
    )


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a calendar year (a range keeps the date index usable)."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def in_year(year: int) -> Q:
    """The lines dated in a calendar year."""
    first, last = year_bounds(year)
    return Q(date__gte=first, date__lte=last)
