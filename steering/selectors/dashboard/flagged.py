"""The contracts that lack what art. 35 of the loi Climat et Résilience asks, and what each
lacks."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from purchasing import selectors
from purchasing.models import AwardCriterion, CriterionKind, Lot

from .common import markets_url
from .figures import FlaggedContract, FlaggedContracts


def flagged_contracts(markets, code) -> FlaggedContracts:
    """Two queries: the flagged contracts, and the numbers of their lots without an
    environmental award criterion."""
    flagged = (
        markets.filter(selectors.is_climate_flagged())
        .annotate(has_clause=selectors.has_environmental_execution_clause())
        .select_related("department", "buyer")
        .order_by("launch_date", "reference", "pk")
    )
    flagged = list(flagged)
    lots: dict[int, list[int]] = {}
    for market_id, number in (
        Lot.objects.filter(market__in=[market.pk for market in flagged])
        .exclude(
            Exists(
                AwardCriterion.objects.filter(lot=OuterRef("pk"), kind=CriterionKind.ENVIRONMENTAL)
            )
        )
        .order_by("market", "number")
        .values_list("market_id", "number")
    ):
        lots.setdefault(market_id, []).append(number)
    contracts = []
    for market in flagged:
        missing = [] if market.has_clause else [_("aucune condition d'exécution environnementale")]
        missing += [
            _("le lot %(number)s n'a pas de critère d'attribution environnemental")
            % {"number": number}
            for number in lots.get(market.pk, [])
        ]
        contracts.append(
            FlaggedContract(
                reference=market.reference,
                title=market.title,
                department_code=market.department.code,
                department_name=market.department.name,
                buyer=market.buyer.get_full_name() or market.buyer.email,
                launch_date=market.launch_date,
                justified=bool(market.climate_justification.strip()),
                missing=[str(item) for item in missing],
                url=reverse("purchasing:detail", args=[market.pk]),
            )
        )
    return FlaggedContracts(
        count=len(contracts), contracts=contracts, url=markets_url(code, signale="oui")
    )
