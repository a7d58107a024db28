"""Contracts built through the real services, from a bare draft to one ready for review, moved
along its life, or notified (for the open-data files); the people of the contract tests.

SIRETs come from `core.siret.make_siret`, purchasing's tests numbering from 20,000,000."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from clauses.models import (
    ClauseCategory,
    ClauseKind,
    CpvCode,
    DecpConsideration,
    OcdsSustainabilityGoal,
    OcdsSustainabilityStrategy,
)
from clauses.tests.factories import PurchaseFamilyFactory, make_approved_clause
from core.siret import make_siret
from purchasing import services
from purchasing.models import (
    CriterionKind,
    InclusiveStructure,
    Market,
    MarketNature,
    MarketStatus,
    Procedure,
    Theme,
)

INSERTION_PARAMETERS = [
    {
        "name": "insertion_rate",
        "label": "Taux d'insertion",
        "type": "percent",
        "min": 5,
        "max": 20,
        "default": 5,
    },
    {"name": "labour_share", "label": "Part de main-d'œuvre", "type": "percent", "default": 50},
    {
        "name": "hourly_cost",
        "label": "Coût horaire",
        "type": "decimal",
        "unit": "€/h",
        "min": 15,
        "default": 30,
    },
    {"name": "hours", "label": "Heures d'insertion", "type": "integer", "unit": "heures", "min": 1},
]


def make_library(clause_admin) -> dict:
    """Three approved clauses: an insertion clause (social, execution), an eco-label clause
    (environmental execution condition) and a reserved-contract clause."""
    cleaning = PurchaseFamilyFactory(code="cleaning-products", name="Produits d'entretien")
    insertion = make_approved_clause(
        actor=clause_admin,
        code="insertion-heures",
        title="Insertion par l'activité économique",
        body=(
            "Le titulaire réserve {insertion_rate} des heures ({labour_share} de main-d'œuvre, "
            "{hourly_cost} de l'heure), soit {hours}, à des personnes en insertion."
        ),
        parameters=INSERTION_PARAMETERS,
        purchase_families=[cleaning],
    )
    ecolabel = make_approved_clause(
        actor=clause_admin,
        code="produits-ecolabel",
        title="Produits d'entretien écolabellisés",
        body="Au moins {share} des produits livrés portent l'Ecolabel européen ou équivalent.",
        parameters=[
            {
                "name": "share",
                "label": "Part écolabellisée",
                "type": "percent",
                "min": 50,
                "default": 80,
            }
        ],
        category=ClauseCategory.ENVIRONMENTAL,
        kind=ClauseKind.EXECUTION_CONDITION,
        decp_consideration=DecpConsideration.ENVIRONMENTAL_CLAUSE,
        ocds_goal=OcdsSustainabilityGoal.POLLUTION_PREVENTION,
        ocds_strategies=[OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS],
        purchase_families=[cleaning],
        cpv_prefixes=["398"],
    )
    reserved = make_approved_clause(
        actor=clause_admin,
        code="marche-reserve-ea-esat",
        title="Marché réservé aux EA et ESAT",
        body="Le marché est réservé aux entreprises adaptées et aux ESAT.",
        parameters=[],
        category=ClauseCategory.SOCIAL_INSERTION,
        kind=ClauseKind.RESERVED_CONTRACT,
        decp_consideration=DecpConsideration.RESERVED_CONTRACT,
        ocds_goal=OcdsSustainabilityGoal.DISADVANTAGED_EMPLOYMENT,
        ocds_strategies=[OcdsSustainabilityStrategy.RESERVED_PARTICIPATION],
    )
    return {"insertion": insertion, "ecolabel": ecolabel, "reserved": reserved, "family": cleaning}


def make_market(buyer, **overrides):
    """A draft with its needs filled in and no lot."""
    family = overrides.pop("purchase_family", None) or PurchaseFamilyFactory(
        code="cleaning-products", name="Produits d'entretien"
    )
    cpv, _created = CpvCode.objects.get_or_create(
        code="39830000-9",
        defaults={"label_en": "Cleaning products", "label_fr": "Produits de nettoyage"},
    )
    fields = {
        "title": "Produits d'entretien écolabellisés pour les lycées",
        "purchase_family": family,
        "main_cpv": cpv,
        "nature": MarketNature.FRAMEWORK,
        "procedure": Procedure.OPEN_TENDER,
        "estimated_amount": Decimal("1000000"),
        "duration_months": 48,
        "place": "Lille",
        "place_postcode": "59000",
        "launch_date": datetime.date(2026, 3, 2),
    }
    fields.update(overrides)
    if "tender_deadline" not in fields and fields.get("launch_date"):
        fields["tender_deadline"] = tender_deadline_after(fields["launch_date"])
    return services.market_create(actor=buyer, **fields)


def tender_deadline_after(launched_on: datetime.date, days: int = 35) -> datetime.datetime:
    """Noon, `days` after the launch (the usual minimum time for an open tender)."""
    moment = datetime.datetime.combine(
        launched_on + datetime.timedelta(days=days), datetime.time(12)
    )
    return timezone.make_aware(moment)


def make_ready_market(buyer, library, **overrides):
    """A draft that can be submitted: two lots, every theme answered, the insertion clause on
    the whole contract, the eco-label clause on lot 1, price / technical / environmental
    criteria on each lot."""
    market = make_market(buyer, **overrides)
    lots = services.lots_save(
        actor=buyer,
        market=market,
        lots=[
            {"number": 1, "title": "Produits d'entretien", "estimated_amount": Decimal("600000")},
            {"number": 2, "title": "Petit matériel", "estimated_amount": Decimal("400000")},
        ],
    )
    services.assessment_save(
        actor=buyer,
        market=market,
        answers={
            Theme.ENVIRONMENT: (True, "Écolabel exigé."),
            Theme.SOCIAL_INSERTION: (True, "Clause d'insertion."),
            Theme.WORKING_CONDITIONS: (False, "Produits fabriqués en Europe, risque faible."),
            Theme.CIRCULAR_ECONOMY: (False, "Pas de filière de réemploi pour ces produits."),
            Theme.SME_SSE: (True, "Allotissement."),
        },
    )
    services.applied_clause_add(
        actor=buyer,
        market=market,
        clause=library["insertion"],
        values={"insertion_rate": "5", "labour_share": "50", "hourly_cost": "30", "hours": "833"},
    )
    services.applied_clause_add(
        actor=buyer, market=market, clause=library["ecolabel"], lot=lots[0], values={"share": "80"}
    )
    for lot in lots:
        services.criteria_save(
            actor=buyer,
            lot=lot,
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 50},
                {"kind": CriterionKind.TECHNICAL, "weight": 30},
                {"kind": CriterionKind.ENVIRONMENTAL, "weight": 20},
            ],
        )
    market.refresh_from_db()
    return market


PUBLISHED_ON = datetime.date(2026, 3, 10)
NOTIFIED_ON = datetime.date(2026, 5, 4)


def award_lot(buyer, lot, **overrides):
    arguments = {
        "supplier_name": "Nettoyage Services du Nord",
        "siret": make_siret(20_000_012),
        "is_sme": True,
        "inclusive_structure": InclusiveStructure.SIAE,
        "amount": Decimal("512345.67"),
        "notified_on": NOTIFIED_ON,
    }
    arguments.update(overrides)
    return services.award_save(actor=buyer, lot=lot, **arguments)


def advance(market: Market, to: str, *, buyer, advisor) -> Market:
    """Walk a ready draft along the usual path up to `to`, through the services."""
    path = [
        MarketStatus.IN_REVIEW,
        MarketStatus.APPROVED,
        MarketStatus.PUBLISHED,
        MarketStatus.AWARDED,
        MarketStatus.IN_EXECUTION,
        MarketStatus.CLOSED,
    ]
    for step in path[: path.index(to) + 1]:
        if step == MarketStatus.IN_REVIEW:
            market = services.market_submit(actor=buyer, market=market)
        elif step == MarketStatus.APPROVED:
            market = services.market_approve(actor=advisor, market=market)
        elif step == MarketStatus.PUBLISHED:
            market = services.market_publish(actor=buyer, market=market, published_on=PUBLISHED_ON)
        elif step == MarketStatus.AWARDED:
            for number, lot in enumerate(market.lots.order_by("number"), start=1):
                award_lot(buyer, lot, siret=make_siret(20_000_000 + number))
        elif step == MarketStatus.IN_EXECUTION:
            market = services.market_start_execution(actor=buyer, market=market)
        elif step == MarketStatus.CLOSED:
            market = services.market_close(actor=buyer, market=market)
    return Market.objects.get(pk=market.pk)


# --- Notified contracts of the open-data tests -------------------------------------------------

OPEN_DATA_LAUNCHED_ON = datetime.date(2025, 1, 13)
OPEN_DATA_PUBLISHED_ON = datetime.date(2025, 3, 3)
OPEN_DATA_NOTIFIED_ON = datetime.date(2025, 6, 2)
PLAIN_CRITERIA = [
    {"kind": CriterionKind.PRICE, "weight": 60},
    {"kind": CriterionKind.TECHNICAL, "weight": 40},
]
CLAUSE_VALUES = {
    "insertion": {"insertion_rate": "5", "labour_share": "50", "hourly_cost": "30", "hours": "80"},
    "ecolabel": {"share": "80"},
    "reserved": {},
}


def notified_market(
    buyer,
    advisor,
    library,
    *,
    title: str,
    amount: Decimal = Decimal("120000"),
    clauses: tuple[str, ...] = (),
    criteria: list[dict] | None = None,
    supplier_siret: str | None = None,
    notified_on: datetime.date = OPEN_DATA_NOTIFIED_ON,
) -> Market:
    """A one-lot contract awarded for `amount`, with these library clauses (keys of
    `make_library`) and criteria (price and technical value by default)."""
    market = make_market(
        buyer,
        title=title,
        purchase_family=library["family"],
        estimated_amount=amount,
        launch_date=OPEN_DATA_LAUNCHED_ON,
    )
    (lot,) = services.lots_save(
        actor=buyer,
        market=market,
        lots=[{"number": 1, "title": title, "estimated_amount": amount}],
    )
    services.assessment_save(
        actor=buyer,
        market=market,
        answers=dict.fromkeys(Theme, (False, "Sans objet pour ce besoin.")),
    )
    for name in clauses:
        services.applied_clause_add(
            actor=buyer, market=market, clause=library[name], values=CLAUSE_VALUES[name]
        )
    services.criteria_save(actor=buyer, lot=lot, criteria=criteria or PLAIN_CRITERIA)
    services.market_submit(actor=buyer, market=market)
    services.market_approve(actor=advisor, market=market)
    services.market_publish(actor=buyer, market=market, published_on=OPEN_DATA_PUBLISHED_ON)
    services.award_save(
        actor=buyer,
        lot=lot,
        supplier_name=f"Titulaire de « {title} »",
        siret=supplier_siret or make_siret(20_500_000 + market.pk),
        is_sme=True,
        inclusive_structure=InclusiveStructure.NONE,
        amount=amount,
        notified_on=notified_on,
    )
    return Market.objects.get(pk=market.pk)


# --- People of the contract tests: alice (advisor) and bob (buyer, LYC) of Roubaix, charlie
# (advisor) of Tourcoing, from accounts' factories, and the people below. -------------------


@pytest.fixture
def admin_role():
    """alice is the responsible-purchasing advisor of Roubaix; bob a buyer there (LYC);
    charlie an advisor of Tourcoing."""
    return Role.ADVISOR


@pytest.fixture
def dora(bob):
    """A buyer of another department of bob's organisation."""
    department = DepartmentFactory(organisation=bob.organisation, code="ENV", name="Environnement")
    return UserFactory(
        organisation=bob.organisation,
        department=department,
        first_name="Dora",
        last_name="Lefèvre",
        roles=[Role.BUYER],
    )


@pytest.fixture
def head(bob):
    """The head of bob's department."""
    return UserFactory(
        organisation=bob.organisation,
        department=bob.department,
        first_name="Henri",
        last_name="Chef",
        roles=[Role.DEPARTMENT_HEAD],
    )


@pytest.fixture
def committee(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Colette",
        last_name="Comité",
        roles=[Role.COMMITTEE_MEMBER],
    )


@pytest.fixture
def clause_admin(bob):
    return UserFactory(
        organisation=bob.organisation,
        department=None,
        first_name="Clément",
        last_name="Clauses",
        roles=[Role.CLAUSE_ADMIN],
    )


@pytest.fixture
def library(clause_admin):
    """Approved clauses of bob's organisation: see factories.make_library."""
    return make_library(clause_admin)
