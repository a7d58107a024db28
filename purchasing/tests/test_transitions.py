"""The status machine walked from its table (`models.TRANSITIONS`): from every status, each step
the table allows works through its service for the role it names, and leads where it says;
every other one is refused with the message the table gives, and nothing changes; the other
role is refused (403) whatever the status; the access helpers say the same."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.siret import make_siret
from purchasing import access, services
from purchasing.models import ADVISOR, TRANSITIONS, Market, MarketStatus
from purchasing.tests.factories import PUBLISHED_ON, advance, award_lot, make_ready_market

pytestmark = pytest.mark.django_db


def award_every_lot(actor, market):
    for number, lot in enumerate(market.lots.order_by("number"), start=1):
        award_lot(actor, lot, siret=make_siret(20_000_000 + number))


# Each step of the table, taken through its service.
TAKE = {
    "submit": lambda actor, market: services.market_submit(actor=actor, market=market),
    "send_back": lambda actor, market: services.market_send_back(
        actor=actor, market=market, comment="À reprendre."
    ),
    "approve": lambda actor, market: services.market_approve(actor=actor, market=market),
    "publish": lambda actor, market: services.market_publish(
        actor=actor, market=market, published_on=PUBLISHED_ON
    ),
    "award": award_every_lot,
    "start_execution": lambda actor, market: services.market_start_execution(
        actor=actor, market=market
    ),
    "close": lambda actor, market: services.market_close(actor=actor, market=market),
    "abandon": lambda actor, market: services.market_abandon(
        actor=actor, market=market, reason="Le besoin a disparu."
    ),
}


def market_in(status: str, *, buyer, advisor, library) -> Market:
    """A complete contract brought to `status` through the services."""
    market = make_ready_market(buyer, library)
    if status == MarketStatus.SENT_BACK:
        market = advance(market, MarketStatus.IN_REVIEW, buyer=buyer, advisor=advisor)
        services.market_send_back(actor=advisor, market=market, comment="À reprendre.")
    elif status == MarketStatus.ABANDONED:
        services.market_abandon(actor=buyer, market=market, reason="Le besoin a disparu.")
    elif status != MarketStatus.DRAFT:
        market = advance(market, status, buyer=buyer, advisor=advisor)
    market = Market.objects.get(pk=market.pk)
    assert market.status == status
    return market


def refusal(step: str, status: str) -> str:
    transition = TRANSITIONS[step]
    allowed = ", ".join(f"« {MarketStatus(source).label} »" for source in transition.sources)
    return (
        f"Impossible de {transition.action} : le marché est « {MarketStatus(status).label} » ; "
        f"il doit être {allowed}."
    )


def test_the_table_has_a_service_for_each_step():
    assert set(TAKE) == set(TRANSITIONS)


@pytest.mark.parametrize("status", MarketStatus.values)
def test_every_step_from_every_status_follows_the_table(status, bob, alice, library):
    market = market_in(status, buyer=bob, advisor=alice, library=library)

    for step, transition in TRANSITIONS.items():
        taker, other = (alice, bob) if transition.by == ADVISOR else (bob, alice)
        allowed = status in transition.sources
        assert access.can_take(taker, market, step) == allowed, step
        assert not access.can_take(other, market, step), step
        with transaction.atomic():
            with pytest.raises(PermissionDenied):
                TAKE[step](other, market)
            if allowed:
                TAKE[step](taker, market)
                assert Market.objects.get(pk=market.pk).status == transition.target, step
            else:
                with pytest.raises(ValidationError) as refused:
                    TAKE[step](taker, market)
                assert refused.value.messages == [refusal(step, status)], step
                assert Market.objects.get(pk=market.pk).status == status, step
            transaction.set_rollback(True)
