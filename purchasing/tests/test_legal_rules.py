"""The 2026 rules as dated data: art. 35 of the loi Climat et résilience from 21 August 2026,
the social execution condition above the European thresholds (art. L2112-2-1), the single
award criterion (R2152-7), each with its start date and reference an administrator edits."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import OrganisationKind
from clauses.models import CpvCode
from core.history import history_save
from purchasing import rules, selectors, services
from purchasing.models import (
    CriterionKind,
    EuThreshold,
    LegalRule,
    LegalRuleCode,
    Market,
    MarketStatus,
    ThresholdKind,
)
from purchasing.tests.factories import make_ready_market

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
ENVIRONMENTAL_REFERENCE = (
    "loi Climat et résilience, art. 35 ; art. L2112-2 et L2152-7 du code de la commande "
    "publique ; décret n° 2022-767"
)
SOCIAL_REFERENCE = (
    "loi Climat et résilience, art. 35 ; art. L2112-2-1 du code de la commande publique ; "
    "décret n° 2022-767"
)
PRICE_AND_TECHNICAL = [
    {"kind": CriterionKind.PRICE, "weight": 60},
    {"kind": CriterionKind.TECHNICAL, "weight": 40},
]


def without_social_clause(bob, library, **overrides):
    """A ready contract (environmental criteria and clause) without its insertion clause."""
    market = make_ready_market(bob, library, **overrides)
    services.applied_clause_remove(
        actor=bob, applied=market.clauses.get(clause_version__clause__code="insertion-heures")
    )
    return Market.objects.get(pk=market.pk)


def social_gaps(market):
    market = Market.objects.select_related("organisation", "main_cpv", "purchase_family").get(
        pk=market.pk
    )
    return rules.social_law_gaps(
        market=market, clauses=list(market.clauses.select_related("clause_version"))
    )


def social_flagged(market) -> bool:
    return Market.objects.filter(pk=market.pk).filter(selectors.is_social_flagged()).exists()


def test_the_migration_seeds_the_2026_rules_and_thresholds():
    assert {rule.code: rule.starts_on for rule in LegalRule.objects.all()} == {
        LegalRuleCode.ENVIRONMENTAL: datetime.date(2026, 8, 21),
        LegalRuleCode.SOCIAL: datetime.date(2026, 8, 21),
        LegalRuleCode.SINGLE_CRITERION: datetime.date(2026, 8, 21),
    }
    assert LegalRule.objects.get(code=LegalRuleCode.SOCIAL).reference == SOCIAL_REFERENCE
    assert {(t.kind, t.amount, t.valid_from, t.valid_until) for t in EuThreshold.objects.all()} == {
        (kind, Decimal(amount), datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
        for kind, amount in [
            (ThresholdKind.LOCAL_SUPPLIES, "216000"),
            (ThresholdKind.STATE_SUPPLIES, "140000"),
            (ThresholdKind.WORKS, "5404000"),
        ]
    }


@pytest.mark.parametrize(
    ("launch_date", "applies"),
    [(datetime.date(2026, 8, 20), False), (datetime.date(2026, 8, 21), True)],
)
def test_art_35_applies_from_21_august_2026(bob, library, launch_date, applies):
    market = make_ready_market(bob, library, launch_date=launch_date)
    services.applied_clause_remove(
        actor=bob, applied=market.clauses.get(clause_version__clause__code="produits-ecolabel")
    )
    flagged = Market.objects.filter(pk=market.pk).filter(selectors.is_climate_flagged())

    assert rules.climate_law_applies(market) is applies
    assert flagged.exists() is applies


def test_above_the_threshold_a_social_execution_condition_is_asked_then_justified(bob, library):
    market = without_social_clause(bob, library, launch_date=datetime.date(2026, 9, 1))
    gap = (
        "aucune condition d'exécution sociale pour un montant estimé au moins égal au seuil "
        f"européen (216{NBSP}000 € HT, fournitures et services des collectivités territoriales "
        "et autres acheteurs)"
    )

    assert social_gaps(market) == [gap]
    with pytest.raises(ValidationError) as refused:
        services.market_submit(actor=bob, market=market)
    assert refused.value.messages == [
        "Avant de soumettre, complétez :",
        f"Consultation lancée à partir du 21 août 2026 ({SOCIAL_REFERENCE}) : {gap}. "
        "Ajoutez-la ou justifiez son absence.",
    ]
    assert Market.objects.get(pk=market.pk).status == MarketStatus.DRAFT

    services.social_justification_save(
        actor=bob, market=market, justification="Marché de fournitures livrées, sans main-d'œuvre."
    )
    market = services.market_submit(actor=bob, market=market)

    assert market.status == MarketStatus.IN_REVIEW
    assert market.history.first().social_justification.startswith("Marché de fournitures")
    assert social_flagged(market)
    assert selectors.market_file(market=market).social_gaps == [gap]


def test_a_contract_with_a_social_execution_clause_is_not_flagged(bob, library):
    market = make_ready_market(bob, library, launch_date=datetime.date(2026, 9, 1))

    assert social_gaps(market) == []
    assert not social_flagged(market)


@pytest.mark.parametrize(("amount", "flagged"), [("215999.99", False), ("216000", True)])
def test_the_threshold_is_included(bob, library, amount, flagged):
    market = without_social_clause(
        bob, library, launch_date=datetime.date(2026, 9, 1), estimated_amount=Decimal(amount)
    )

    assert bool(social_gaps(market)) is flagged
    assert social_flagged(market) is flagged


def test_before_21_august_2026_no_social_condition_is_asked(bob, library):
    market = without_social_clause(bob, library, launch_date=datetime.date(2026, 8, 20))

    assert social_gaps(market) == []
    assert not social_flagged(market)
    assert services.market_submit(actor=bob, market=market).status == MarketStatus.IN_REVIEW


def test_works_have_their_own_threshold(bob, library):
    works, _ = CpvCode.objects.get_or_create(
        code="45210000-2", defaults={"label_en": "Building construction work"}
    )
    below = without_social_clause(
        bob, library, launch_date=datetime.date(2026, 9, 1), main_cpv=works
    )
    above = without_social_clause(
        bob,
        library,
        launch_date=datetime.date(2026, 9, 1),
        main_cpv=works,
        estimated_amount=Decimal("5404000"),
    )

    assert social_gaps(below) == [] and not social_flagged(below)
    assert "5\xa0404\xa0000 € HT, travaux" in social_gaps(above)[0]
    assert social_flagged(above)


def test_the_state_has_its_own_threshold(bob, library):
    bob.organisation.kind = OrganisationKind.STATE
    bob.organisation.save()
    market = without_social_clause(
        bob, library, launch_date=datetime.date(2026, 9, 1), estimated_amount=Decimal("150000")
    )

    assert "140\xa0000 € HT, fournitures et services de l'état" in social_gaps(market)[0]
    assert social_flagged(market)


def test_an_administrator_moves_a_start_date_and_the_checks_follow(bob, library, alice):
    market = without_social_clause(bob, library, launch_date=datetime.date(2026, 9, 1))
    rule = LegalRule.objects.get(code=LegalRuleCode.SOCIAL)
    rule.starts_on = datetime.date(2026, 10, 1)
    history_save(rule, actor=alice, reason="Report de l'entrée en vigueur")

    assert social_gaps(market) == []
    assert not social_flagged(market)
    assert rule.history.first().history_user == alice


def test_without_a_threshold_in_force_the_social_rule_does_not_apply(bob, library):
    market = without_social_clause(bob, library, launch_date=datetime.date(2028, 2, 1))

    assert social_gaps(market) == []
    assert not social_flagged(market)


def test_a_missing_rule_row_keeps_its_legal_start_date(bob, library):
    LegalRule.objects.all().delete()
    market = without_social_clause(bob, library, launch_date=datetime.date(2026, 8, 21))

    assert rules.LegalRules.load().social.starts_on == datetime.date(2026, 8, 21)
    assert social_gaps(market) and social_flagged(market)


SINGLE_COST = [{"kind": CriterionKind.COST, "weight": 100, "description": ""}]


def test_from_21_august_2026_a_single_cost_criterion_must_take_the_environment_into_account(
    bob, library
):
    market = make_ready_market(bob, library, launch_date=datetime.date(2026, 8, 21))
    lot = market.lots.order_by("number").first()
    before = list(lot.criteria.values_list("kind", "weight"))

    with pytest.raises(ValidationError) as refused:
        services.criteria_save(actor=bob, lot=lot, criteria=SINGLE_COST)

    assert refused.value.messages == [
        "Consultation lancée à partir du 21 août 2026 (art. R2152-7 du code de la commande "
        "publique ; décret n° 2022-767) : un critère unique ne peut être que le coût prenant en "
        "compte les caractéristiques environnementales de l'offre. Décrivez dans le critère "
        "comment le coût en tient compte, ou ajoutez d'autres critères."
    ]
    assert list(lot.criteria.values_list("kind", "weight")) == before

    services.criteria_save(
        actor=bob,
        lot=lot,
        criteria=[{**SINGLE_COST[0], "description": "Coût du cycle de vie, émissions comprises."}],
    )
    assert list(lot.criteria.values_list("kind", "weight")) == [(CriterionKind.COST, 100)]


def test_before_21_august_2026_a_single_cost_criterion_needs_no_description(bob, library):
    market = make_ready_market(bob, library, launch_date=datetime.date(2026, 8, 20))
    lot = market.lots.order_by("number").first()

    services.criteria_save(actor=bob, lot=lot, criteria=SINGLE_COST)

    assert list(lot.criteria.values_list("kind", "weight")) == [(CriterionKind.COST, 100)]


def test_the_criteria_step_shows_the_rules_with_their_dates_and_references(client, bob, library):
    market = without_social_clause(bob, library, launch_date=datetime.date(2026, 9, 1))
    client.force_login(bob)

    response = client.get(f"/marches/{market.pk}/criteres/")
    page = response.content.decode()

    assert response.status_code == 200
    assert (
        "Pour une consultation lancée à partir du 21 août 2026, un critère unique ne peut être "
        "que le coût, et seulement s'il prend en compte les caractéristiques "
        "environnementales de l'offre (art. R2152-7 du code de la commande publique ; "
        "décret n° 2022-767)"
    ) in page
    assert f'Considération sociale <small class="text-body-secondary">({SOCIAL_REFERENCE})' in page
    assert (
        response.context["checks"].social_gaps
        and "social_justification" in response.context["justifications"]
    )

    response = client.post(
        f"/marches/{market.pk}/criteres/",
        {
            **{key: value for lot in market.lots.all() for key, value in management(lot).items()},
            "social_justification": "Fournitures livrées, sans main-d'œuvre sur place.",
        },
    )

    assert response.status_code == 302
    market.refresh_from_db()
    assert market.social_justification == "Fournitures livrées, sans main-d'œuvre sur place."


def management(lot):
    """The lot's criteria formset, unchanged."""
    prefix = f"criteres-{lot.pk}"
    data = {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data
