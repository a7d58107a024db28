"""Figures a buyer derives from a clause's parameters."""

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def insertion_hours(
    *, amount, labour_share_percent, insertion_rate_percent, hourly_cost
) -> Decimal:
    """Hours of work reserved for people in insertion, rounded to the hour.

    hours = amount × labour share × insertion rate ÷ hourly cost (DESIGN.md §4):
    1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h."""
    hourly_cost = Decimal(hourly_cost)
    if hourly_cost <= 0:
        raise ValueError("The hourly cost must be positive.")
    hours = (
        Decimal(amount)
        * Decimal(labour_share_percent)
        / HUNDRED
        * Decimal(insertion_rate_percent)
        / HUNDRED
        / hourly_cost
    )
    return hours.quantize(Decimal(1), rounding=ROUND_HALF_UP)
