"""The demo contracts: about fifty over three years in every status, cleaning products first,
complete and consistent, built once however many times the demo is loaded.

The demo is built once for the module (it takes a while), in a transaction undone at the end;
each test reads it inside its own savepoint."""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from accounts.validators import validate_siret
from clauses import demo as clauses_demo
from purchasing import demo, rules, selectors, services
from purchasing.models import (
    AppliedClause,
    Award,
    ExecutionFollowUp,
    InclusiveStructure,
    Market,
    MarketEvent,
    MarketStatus,
    ReviewComment,
    Supplier,
)
from purchasing.models.legal import DEFAULT_RULES, LegalRuleCode

CLIMATE_LAW_START = DEFAULT_RULES[LegalRuleCode.ENVIRONMENTAL]["starts_on"]

pytestmark = pytest.mark.django_db

EXPECTED_STATUSES = {
    MarketStatus.DRAFT: 5,
    MarketStatus.IN_REVIEW: 4,
    MarketStatus.SENT_BACK: 3,
    MarketStatus.APPROVED: 3,
    MarketStatus.PUBLISHED: 4,
    MarketStatus.AWARDED: 5,
    MarketStatus.IN_EXECUTION: 18,
    MarketStatus.CLOSED: 6,
    MarketStatus.ABANDONED: 3,
}
FLAGGED_WITH_JUSTIFICATION = {
    "Mise en sécurité d'urgence de la toiture du gymnase du lycée de Béthune",
    "Déménagement des services de la direction des transports",
}


@pytest.fixture(scope="module")
def lines(django_db_setup, django_db_blocker):
    """What loading the demo said; the demo stays in the database until the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        accounts_demo.load_and_describe()
        clauses_demo.load_and_describe()
        yield demo.load_and_describe()
        transaction.set_rollback(True)


def council_markets():
    return Market.objects.filter(organisation__slug="npdc")


def flagged(market) -> bool:
    """Flagged as the list and the dashboard flag it (art. 35 of the loi Climat et résilience)."""
    return Market.objects.filter(pk=market.pk).filter(selectors.is_climate_flagged()).exists()


def test_it_builds_about_fifty_contracts_in_every_status_over_three_years(lines, client):
    counts = Counter(council_markets().values_list("status", flat=True))

    assert counts == EXPECTED_STATUSES
    assert sum(counts.values()) == 51
    assert "51 demo contracts added" in lines[0]
    years = {date.year for date in council_markets().values_list("launch_date", flat=True) if date}
    assert years == {2024, 2025, 2026}
    assert council_markets().values("department__code").distinct().count() == 2
    assert council_markets().values("purchase_family__code").distinct().count() == 12
    client.force_login(User.objects.get(email=demo.ADVISOR))
    response = client.get(reverse("purchasing:list"), {"statut": MarketStatus.IN_EXECUTION})
    assert response.context["page"].paginator.count == 18


def test_submitted_contracts_are_complete_flagged_only_when_justified_and_reviewed(lines):
    submitted = council_markets().exclude(status=MarketStatus.DRAFT)

    for market in submitted:
        assert services.market_missing(market) == [], market.title
    flagged_titles = {market.title for market in submitted if flagged(market)}
    assert flagged_titles == FLAGGED_WITH_JUSTIFICATION
    assert all(
        market.climate_justification and market.launch_date >= CLIMATE_LAW_START
        for market in submitted.filter(title__in=FLAGGED_WITH_JUSTIFICATION)
    )
    # A draft launched from 21 August 2026 without what art. 35 asks is flagged and cannot
    # be submitted yet.
    draft = council_markets().get(title="Microfibres et matériel de nettoyage des lycées")
    assert flagged(draft)
    assert any("21 août 2026" in item.message for item in services.market_missing(draft))
    # Above the European threshold, the paper contract has no social execution condition: it
    # is flagged (art. L2112-2-1) with the justification the buyer recorded.
    paper = council_markets().get(title="Papier d'impression recyclé pour les lycées, 2027-2030")
    assert (
        council_markets()
        .filter(selectors.is_social_flagged())
        .filter(status__in=[MarketStatus.PUBLISHED, MarketStatus.APPROVED, MarketStatus.SENT_BACK])
        .get()
        == paper
    )
    assert paper.social_justification.startswith("Fourniture livrée sans main-d'œuvre")
    # Contracts sent back carry the advisor's comment, in their history and in the review.
    for market in council_markets().filter(status=MarketStatus.SENT_BACK):
        event = market.events.get(to_status=MarketStatus.SENT_BACK)
        assert event.comment
        assert event.actor.email == demo.ADVISOR
        assert ReviewComment.objects.filter(market=market, text=event.comment).exists()


def test_the_first_contract_is_cleaning_products_and_awards_are_consistent(lines):
    first = council_markets().order_by("pk").first()

    assert first == council_markets().exclude(launch_date=None).order_by("launch_date").first()
    assert first.purchase_family.code == "cleaning-products"
    assert first.launch_date == datetime.date(2024, 1, 15)
    assert first.status == MarketStatus.IN_EXECUTION
    assert list(first.events.values_list("to_status", flat=True)) == [
        MarketStatus.DRAFT,
        MarketStatus.IN_REVIEW,
        MarketStatus.SENT_BACK,
        MarketStatus.IN_REVIEW,
        MarketStatus.APPROVED,
        MarketStatus.PUBLISHED,
        MarketStatus.AWARDED,
        MarketStatus.IN_EXECUTION,
    ]
    codes = set(first.clauses.values_list("clause_version__clause__code", flat=True))
    assert {"produits-entretien-ecolabel", "insertion-heures"} <= codes
    insertion = first.clauses.get(clause_version__clause__code="insertion-heures")
    assert insertion.values["hours"] == "400"  # 1 200 000 € × 20 % × 5 % ÷ 30 €/h
    achieved = ExecutionFollowUp.objects.filter(
        applied_clause=insertion, is_insertion_hours=True
    ).values_list("achieved", flat=True)
    assert len(achieved) >= 2 and all(hours > 0 for hours in achieved)


def test_awards_go_to_suppliers_with_valid_sirets_after_publication(lines):
    suppliers = Supplier.objects.filter(organisation__slug="npdc")

    for supplier in suppliers:
        validate_siret(supplier.siret)
    assert suppliers.filter(is_sme=True).exists() and suppliers.filter(is_sme=False).exists()
    assert set(suppliers.values_list("inclusive_structure", flat=True)) == set(
        InclusiveStructure.values
    )
    for award in Award.objects.select_related("lot__market"):
        market = award.lot.market
        assert market.launch_date <= market.published_on <= award.notified_on
        assert award.notified_on < timezone.localdate()
    awarded = council_markets().filter(
        status__in=[MarketStatus.AWARDED, MarketStatus.IN_EXECUTION, MarketStatus.CLOSED]
    )
    for market in awarded:
        assert not market.lots.filter(award__isnull=True).exists(), market.title


def test_loading_the_demo_again_adds_nothing(lines):
    def totals():
        return (
            Market.objects.count(),
            AppliedClause.objects.count(),
            Award.objects.count(),
            Supplier.objects.count(),
            ExecutionFollowUp.objects.count(),
            MarketEvent.objects.count(),
        )

    before = totals()

    again = demo.load_and_describe()

    assert totals() == before
    assert "0 demo contracts added, 51 in the council's" in again[0]


def test_the_last_complete_quarter_has_contracts_of_every_kind(lines):
    """July to September 2026, the steering committee's last complete quarter on the demo day:
    several contracts notified, two without environmental consideration, reserved ones, small
    and large amounts, and insertion hours achieved over a period ending in the quarter."""
    first, last = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)
    quarter = (
        council_markets()
        .annotate(notified=selectors.notified_on())
        .filter(notified__gte=first, notified__lte=last)
        .prefetch_related("clauses__clause_version", "lots__criteria", "lots__award")
    )

    considerations = {
        market.title: rules.decp_considerations(
            clauses=market.clauses.all(),
            criteria=[c for lot in market.lots.all() for c in lot.criteria.all()],
        )
        for market in quarter
    }
    assert len(considerations) == 8
    assert {market.department.code for market in quarter} == {"LYC", "TRA"}
    assert sum(c.has_environmental for c in considerations.values()) == 6
    assert sum(c.has_social for c in considerations.values()) == 4
    assert any("Marché réservé" in c.social for c in considerations.values())
    amounts = [
        award.amount for market in quarter for award in Award.objects.filter(lot__market=market)
    ]
    assert min(amounts) < 40000 < max(amounts)
    assert quarter.filter(lots__award__inclusive_structure=InclusiveStructure.SIAE).exists()
    insertion = ExecutionFollowUp.objects.filter(
        is_insertion_hours=True, period_end__gte=first, period_end__lte=last
    )
    assert insertion.exists() and all(row.achieved for row in insertion)
    # Launched from 21 August 2026, it carries what art. 35 asks.
    furniture = quarter.get(launch_date__gte=CLIMATE_LAW_START, climate_justification="")
    assert not flagged(furniture)
