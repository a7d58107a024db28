"""Figures a buyer derives from a clause's parameters."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.numbers import parse_decimal

HUNDRED = Decimal(100)
# The parameters of an insertion clause from which its hours are computed.
INSERTION_PARAMETERS = frozenset({"insertion_rate", "labour_share", "hourly_cost"})


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


def _number(value) -> Decimal | None:
    """A figure as stored, typed or defaulted ("7,5", "7.5", 30, Decimal): None when empty or
    not a number."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    return parse_decimal(value)


@dataclass(frozen=True)
class InsertionHours:
    """The figures of an insertion clause, and the hours they give: the one computation for the
    contract form, its pages, the rules and the demo. A figure left out is None."""

    amount: Decimal | None
    labour_share: Decimal | None
    insertion_rate: Decimal | None
    hourly_cost: Decimal | None

    @classmethod
    def of(cls, *, amount, values: dict, definitions=()) -> "InsertionHours":
        """The figures of a clause's values, each left out taken from the default of its
        definition; `amount` is what the clause applies to (its lot's, else the contract's)."""
        defaults = {definition["name"]: definition.get("default") for definition in definitions}

        def figure(name):
            value = values.get(name)
            return _number(defaults.get(name) if value in (None, "") else value)

        return cls(
            amount=_number(amount),
            labour_share=figure("labour_share"),
            insertion_rate=figure("insertion_rate"),
            hourly_cost=figure("hourly_cost"),
        )

    @staticmethod
    def applies_to(definitions) -> bool:
        """A clause whose parameters include the figures of the hours."""
        return {definition["name"] for definition in definitions} >= INSERTION_PARAMETERS

    @property
    def hours(self) -> Decimal | None:
        """The hours the figures give, rounded to the hour; None while one is missing or the
        hourly cost is not positive."""
        if None in (self.amount, self.labour_share, self.insertion_rate, self.hourly_cost):
            return None
        if self.hourly_cost <= 0:
            return None
        return insertion_hours(
            amount=self.amount,
            labour_share_percent=self.labour_share,
            insertion_rate_percent=self.insertion_rate,
            hourly_cost=self.hourly_cost,
        )
