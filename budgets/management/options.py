"""Argument types shared by the budgets commands; errors in French, like the pages."""

import argparse
import datetime

from budgets.models import MAX_YEAR, MIN_YEAR


def year_argument(value: str) -> int:
    if not value.isdigit() or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"année invalide : « {value} » (de {MIN_YEAR} à {MAX_YEAR})"
        )
    return int(value)


def date_argument(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"date invalide : « {value} » (AAAA-MM-JJ attendu)"
        ) from error
