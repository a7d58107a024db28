"""The figures stored on a contract (`Market.STORED_FIGURES`): its first notification date, its
social and environmental considerations and its awarded amount, computed from its awards,
applied clauses and award criteria by the rules of `purchasing.selectors.lists`
(`computed_*`).

Every service that changes those rows calls `market_figures_refresh` in its transaction; the
data migration filled the rows that existed before, the bench fills the rows it writes."""

from django.db.models import BooleanField, ExpressionWrapper

from ..models import Market
from ..selectors import lists


def _computed() -> dict:
    return {
        "first_notified_on": lists.computed_notified_on(),
        "social_consideration": ExpressionWrapper(
            lists.computed_social_consideration(), output_field=BooleanField()
        ),
        "environmental_consideration": ExpressionWrapper(
            lists.computed_environmental_consideration(), output_field=BooleanField()
        ),
        "awarded_total": lists.computed_awarded_amount(),
    }


def markets_figures_refresh(markets) -> int:
    """Recompute the stored figures of a queryset of contracts in one UPDATE."""
    return markets.order_by().update(**_computed())


def market_figures_refresh(market: Market) -> Market:
    """Recompute the stored figures of one contract, in the database and on `market`."""
    markets = Market.objects.filter(pk=market.pk)
    markets_figures_refresh(markets)
    values = markets.values(*_computed()).get()
    for name, value in values.items():
        setattr(market, name, value)
    return market
