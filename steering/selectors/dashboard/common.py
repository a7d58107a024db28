"""What the selectors of the dashboard share: percentages rounded the same way, the status of a
share against its target, the sums and groupings asked of the database, the addresses of the
lists behind the figures."""

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.urls import reverse

from .figures import TargetStatus

TREND_LENGTH = 8

ZERO = Decimal("0")
HUNDRED = Decimal("100")
TENTH = Decimal("0.1")
AMOUNT = DecimalField(max_digits=20, decimal_places=2)
HOURS = DecimalField(max_digits=20, decimal_places=2)


def percent(part, whole) -> Decimal | None:
    """part ÷ whole in percent with one decimal, None when whole is zero."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def target_status(part, whole, target: Decimal) -> str:
    """MET when part ÷ whole reaches the target (compared exactly, not on the rounded share),
    BELOW otherwise, NO_DATA when whole is zero."""
    if not whole:
        return TargetStatus.NO_DATA
    return TargetStatus.MET if Decimal(part) * HUNDRED >= target * whole else TargetStatus.BELOW


def amount_sum(condition: Q | None = None) -> Coalesce:
    """The sum of `amount` (of the rows matching `condition`), zero when there are none."""
    return Coalesce(
        Sum("amount", filter=condition, output_field=AMOUNT), Value(ZERO), output_field=AMOUNT
    )


def year_and_quarter(field_name: str) -> dict:
    """The year and quarter of a date, computed by the database (for grouping)."""
    return {"year": ExtractYear(field_name), "number": ExtractQuarter(field_name)}


def page_url(name: str, *args, **params) -> str:
    """The address of a page with its query string (empty parameters left out)."""
    address = reverse(name, args=args)
    params = {key: value for key, value in params.items() if value not in ("", None)}
    return f"{address}?{urlencode(params)}" if params else address


def markets_url(code: str = "", **params) -> str:
    """The contract list, of the department `code` when given."""
    return page_url("purchasing:list", direction=code, **params)
