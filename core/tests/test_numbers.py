from decimal import Decimal

import pytest
from django.utils import translation

from core.numbers import parse_decimal


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("7,5", Decimal("7.5")),
        ("1 000 000,50", Decimal("1000000.50")),
        ("1\u202f000\u00a0000,50 €", Decimal("1000000.50")),
        ("1.234,5", Decimal("1234.5")),
        ("12,345.67", Decimal("12345.67")),
        ("1000000.50", Decimal("1000000.50")),
        ("douze", None),
        ("", None),
    ],
)
def test_french_readers_type_the_french_way(typed, value):
    with translation.override("fr"):
        assert parse_decimal(typed) == value


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,000", Decimal("1000")),
        ("1,000,000.50", Decimal("1000000.50")),
        ("7.5", Decimal("7.5")),
    ],
)
def test_a_comma_groups_thousands_for_english_readers(typed, value):
    with translation.override("en"):
        assert parse_decimal(typed) == value
