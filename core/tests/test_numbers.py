from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.numbers import parse_decimal, with_local_limits


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


def test_a_limit_in_a_message_is_written_the_french_way():
    field = forms.DecimalField(min_value=Decimal("0.01"), max_value=Decimal("1234.5"))
    field.validators = with_local_limits(field.validators)
    with translation.override("fr"):
        with pytest.raises(ValidationError) as low:
            field.clean("0")
        with pytest.raises(ValidationError) as high:
            field.clean("2000")
    assert low.value.messages == ["Assurez-vous que cette valeur est supérieure ou égale à 0,01."]
    assert high.value.messages == [
        "Assurez-vous que cette valeur est inférieure ou égale à 1\u00a0234,5."
    ]
