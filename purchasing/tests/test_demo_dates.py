"""The contract demo on the last day of its year and the first of the next (today is covered
by test_demo): the same contracts, dates never in the future, and a second load adds nothing."""

import datetime
from collections import Counter

import pytest

from accounts import demo as accounts_demo
from clauses import demo as clauses_demo
from purchasing import demo
from purchasing.models import Award, ExecutionFollowUp, Market, MarketEvent, MarketStatus

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


def totals():
    return (Market.objects.count(), ExecutionFollowUp.objects.count(), MarketEvent.objects.count())


@pytest.mark.parametrize(
    "day",
    [datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)],
    ids=["31-december", "1-january"],
)
def test_the_demo_loads_the_same_contracts_whatever_the_day_and_once(freeze_clock, day):
    freeze_clock(day)
    accounts_demo.load_and_describe()
    clauses_demo.load_and_describe()
    first = demo.load_and_describe()
    council = Market.objects.filter(organisation__slug="npdc")
    statuses = Counter(council.values_list("status", flat=True))
    before = totals()

    again = demo.load_and_describe()

    assert statuses == EXPECTED_STATUSES
    assert "51 demo contracts added" in first[0]
    assert "0 demo contracts added, 51 in the council's" in again[0]
    assert totals() == before
    assert all(award.notified_on < day for award in Award.objects.all())
    assert not ExecutionFollowUp.objects.filter(period_end__gte=day).exists()
