import datetime

from django.utils import translation

from core.templatetags.formatting import long_date


def test_the_first_of_a_month_is_written_1er_in_french():
    with translation.override("fr"):
        assert long_date(datetime.date(2026, 7, 1)) == "1er juillet 2026"
        assert long_date(datetime.date(2026, 9, 30)) == "30 septembre 2026"


def test_english_days_have_no_ordinal_and_no_day_is_empty():
    with translation.override("en"):
        assert long_date(datetime.date(2026, 7, 1)) == "1 July 2026"
    assert long_date(None) == ""


def test_a_negative_zero_amount_is_written_without_its_sign():
    from decimal import Decimal

    from core.templatetags.formatting import euros

    with translation.override("fr"):
        assert euros(Decimal("-0.00")) == "0,00\u00a0€"
        assert euros(Decimal("-12.50")) == "-12,50\u00a0€"
