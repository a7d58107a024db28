import pytest

from purchasing import services
from purchasing.models import MarketStatus
from purchasing.tests.factories import make_ready_market

pytestmark = pytest.mark.django_db


def test_a_ready_market_goes_to_review(bob, library):
    market = make_ready_market(bob, library)
    assert services.market_missing(market) == []
    market = services.market_submit(actor=bob, market=market)
    assert market.status == MarketStatus.IN_REVIEW
