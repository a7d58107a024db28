"""Notified contracts for the open-data tests, built through the real services: needs, one lot,
assessment, the clauses and criteria asked for, review, publication and award."""

import datetime
from decimal import Decimal

from core.siret import luhn_valid
from purchasing import services
from purchasing.models import CriterionKind, InclusiveStructure, Market, Theme
from purchasing.tests.factories import make_market

LAUNCHED_ON = datetime.date(2025, 1, 13)
PUBLISHED_ON = datetime.date(2025, 3, 3)
NOTIFIED_ON = datetime.date(2025, 6, 2)
PLAIN_CRITERIA = [
    {"kind": CriterionKind.PRICE, "weight": 60},
    {"kind": CriterionKind.TECHNICAL, "weight": 40},
]
CLAUSE_VALUES = {
    "insertion": {"insertion_rate": "5", "labour_share": "50", "hourly_cost": "30", "hours": "80"},
    "ecolabel": {"share": "80"},
    "reserved": {},
}


def siret(n: int) -> str:
    """A SIRET whose Luhn key is right."""
    base = f"{n:013d}"
    return next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))


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
    notified_on: datetime.date = NOTIFIED_ON,
) -> Market:
    """A one-lot contract awarded for `amount`, with these library clauses (keys of
    `make_library`) and criteria (price and technical value by default)."""
    market = make_market(
        buyer,
        title=title,
        purchase_family=library["family"],
        estimated_amount=amount,
        launch_date=LAUNCHED_ON,
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
    services.market_publish(actor=buyer, market=market, published_on=PUBLISHED_ON)
    services.award_save(
        actor=buyer,
        lot=lot,
        supplier_name=f"Titulaire de « {title} »",
        siret=supplier_siret or siret(5000000000000 + market.pk),
        is_sme=True,
        inclusive_structure=InclusiveStructure.NONE,
        amount=amount,
        notified_on=notified_on,
    )
    return Market.objects.get(pk=market.pk)
