"""The contracts that lack what art. 35 of the loi Climat et Résilience (an environmental
execution condition and award criterion) or art. L2112-2-1 (a social execution condition above
the European thresholds) asks, and what each lacks."""

from django.db.models import Count, Exists, OuterRef, Window
from django.urls import reverse
from django.utils.translation import gettext as _

from purchasing import rules, selectors
from purchasing.models import AwardCriterion, CriterionKind, Lot

from .common import markets_url, page_url
from .figures import FlaggedContract, FlaggedContracts

# The flagged contracts a page or a report lists; the others are counted, and all are in the
# CSV of the contract list (`FlaggedContracts.csv_url`).
FLAGGED_SHOWN = 50


def flagged_contracts(markets, code) -> FlaggedContracts:
    """Four queries: the legal rules and thresholds, the first `FLAGGED_SHOWN` flagged
    contracts with the number of all of them, and the numbers of their lots without an
    environmental award criterion."""
    legal = rules.LegalRules.load()
    flagged = (
        markets.filter(selectors.is_flagged())
        .annotate(
            climate_flagged=selectors.is_climate_flagged(),
            social_flagged=selectors.is_social_flagged(),
            has_clause=selectors.has_environmental_execution_clause(),
            total=Window(Count("pk")),
        )
        .select_related("department", "buyer", "organisation", "main_cpv", "purchase_family")
        .order_by("launch_date", "reference", "pk")
    )
    flagged = list(flagged[:FLAGGED_SHOWN])
    lots: dict[int, list[int]] = {}
    for market_id, number in (
        Lot.objects.filter(market__in=[market.pk for market in flagged if market.climate_flagged])
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
        missing, justified = [], True
        if market.climate_flagged:
            if not market.has_clause:
                missing.append(_("aucune condition d'exécution environnementale"))
            missing += [
                _("le lot %(number)s n'a pas de critère d'attribution environnemental")
                % {"number": number}
                for number in lots.get(market.pk, [])
            ]
            justified = bool(market.climate_justification.strip())
        if market.social_flagged:
            # No clause list is needed: the SQL condition already says there is none.
            missing += rules.social_law_gaps(market=market, clauses=[], legal=legal)
            justified = justified and bool(market.social_justification.strip())
        contracts.append(
            FlaggedContract(
                reference=market.reference,
                title=market.title,
                department_code=market.department.code,
                department_name=market.department.name,
                buyer=market.buyer.get_full_name() or market.buyer.email,
                launch_date=market.launch_date,
                justified=justified,
                missing=[str(item) for item in missing],
                url=reverse("purchasing:detail", args=[market.pk]),
            )
        )
    return FlaggedContracts(
        count=flagged[0].total if flagged else 0,
        contracts=contracts,
        url=markets_url(code, signale="oui"),
        csv_url=page_url("purchasing:export", direction=code, signale="oui", format="csv"),
    )
