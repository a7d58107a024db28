"""The figures stored on a contract (first notification, social and environmental
considerations) always equal the rule computed from its rows, after each service that changes
those rows, and the data migration computes them for the contracts that existed before."""

import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper

from purchasing import services
from purchasing.models import CriterionKind, Market, MarketStatus
from purchasing.selectors import lists
from purchasing.tests.factories import NOTIFIED_ON, advance, award_lot, make_ready_market

pytestmark = pytest.mark.django_db

PLAIN = [
    {"kind": CriterionKind.PRICE, "weight": 60},
    {"kind": CriterionKind.TECHNICAL, "weight": 40},
]


def stored_and_computed():
    rows = Market.objects.annotate(
        computed_notified=lists.computed_notified_on(),
        computed_social=ExpressionWrapper(
            lists.computed_social_consideration(), output_field=BooleanField()
        ),
        computed_environmental=ExpressionWrapper(
            lists.computed_environmental_consideration(), output_field=BooleanField()
        ),
        computed_amount=lists.computed_awarded_amount(),
    ).values_list(
        "first_notified_on",
        "social_consideration",
        "environmental_consideration",
        "awarded_total",
        "computed_notified",
        "computed_social",
        "computed_environmental",
        "computed_amount",
    )
    return [(row[:4], row[4:]) for row in rows]


def assert_true_to_the_rows():
    for stored, computed in stored_and_computed():
        assert stored == computed


def stored(market):
    """The first notification, the considerations, and whether an amount is awarded."""
    first, social, environmental, amount = Market.objects.values_list(
        "first_notified_on", "social_consideration", "environmental_consideration", "awarded_total"
    ).get(pk=market.pk)
    assert (amount is None) == (first is None)
    return first, social, environmental


def remove_clauses(bob, market, _advisor):
    for applied in market.clauses.all():
        services.applied_clause_remove(actor=bob, applied=applied)


def plain_criteria(bob, market, _advisor):
    for lot in market.lots.all():
        services.criteria_save(actor=bob, lot=lot, criteria=PLAIN)


def plain_criteria_step(bob, market, _advisor):
    services.criteria_save_all(
        actor=bob, market=market, criteria_by_lot=dict.fromkeys(market.lots.all(), PLAIN)
    )


def social_criterion(bob, market, _advisor):
    lot = market.lots.order_by("number").first()
    services.criteria_save(
        actor=bob,
        lot=lot,
        criteria=[
            {"kind": CriterionKind.PRICE, "weight": 60},
            {"kind": CriterionKind.SOCIAL, "weight": 40},
        ],
    )


def lots_replaced(bob, market, _advisor):
    services.lots_save(
        actor=bob,
        market=market,
        lots=[{"number": 1, "title": "Lot unique", "estimated_amount": Decimal("1000")}],
    )


def awarded(bob, market, advisor):
    market = advance(market, MarketStatus.PUBLISHED, buyer=bob, advisor=advisor)
    for lot in market.lots.all():
        award_lot(bob, lot)


# (service, stored figures expected after it: first notification, social, environmental)
CASES = [
    ("clause removed", remove_clauses, (None, False, True)),
    ("criterion changed", plain_criteria, (None, True, True)),
    ("criteria step", plain_criteria_step, (None, True, True)),
    ("social criterion added", social_criterion, (None, True, True)),
    ("lots replaced", lots_replaced, (None, True, False)),
    ("award", awarded, (NOTIFIED_ON, True, True)),
]


@pytest.mark.parametrize(
    ("service", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_stored_figures_equal_the_rule_after_each_service(bob, alice, library, service, expected):
    market = make_ready_market(bob, library)
    # make_ready_market itself went through clause added and criteria saved.
    assert stored(market) == (None, True, True)
    assert_true_to_the_rows()

    service(bob, market, alice)

    assert stored(market) == expected
    assert_true_to_the_rows()


def test_a_clause_added_then_removed_turns_the_consideration_on_and_off(bob, library):
    market = make_ready_market(bob, library)
    remove_clauses(bob, market, None)
    plain_criteria(bob, market, None)
    assert stored(market) == (None, False, False)

    applied = services.applied_clause_add(
        actor=bob, market=market, clause=library["ecolabel"], values={"share": "80"}
    )
    assert stored(market) == (None, False, True)
    services.applied_clause_remove(actor=bob, applied=applied)
    assert stored(market) == (None, False, False)
    assert_true_to_the_rows()


def test_saving_a_contract_read_before_a_change_keeps_the_stored_figures(bob, library):
    market = make_ready_market(bob, library)
    stale = Market.objects.get(pk=market.pk)
    remove_clauses(bob, market, None)

    stale.title = "Objet corrigé"
    stale.save()

    assert stored(market) == (None, False, True)
    assert_true_to_the_rows()


def test_the_data_migration_computes_the_figures_of_existing_contracts(bob, alice, library):
    market = make_ready_market(bob, library)
    awarded(bob, market, alice)
    Market.objects.update(
        first_notified_on=None,
        social_consideration=False,
        environmental_consideration=False,
        awarded_total=None,
    )
    migrations = [
        importlib.import_module(f"purchasing.migrations.{name}")
        for name in ("0006_market_stored_figures", "0007_market_awarded_total")
    ]

    class Editor:
        """What the migration asks of the schema editor: `execute`."""

        @staticmethod
        def execute(sql, params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    for migration in migrations:
        migration.fill(None, Editor())

    assert stored(market) == (NOTIFIED_ON, True, True)
    assert Market.objects.get(pk=market.pk).awarded_total == 2 * Decimal("512345.67")
    assert_true_to_the_rows()
