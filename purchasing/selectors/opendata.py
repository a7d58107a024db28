"""The contracts the open-data files describe, with everything the writers read, in a fixed
number of queries per chunk of contracts (never one per contract).

The scope is the organisation's own contracts: those it runs, including the contracts it runs
as the coordinator of a purchasing group (the members read them, the coordinator publishes
them: `publishers`). Given a `viewer`, only those the person may read
(`Market.objects.visible_to`)."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear

from clauses.models import Commune

from ..models import DECP_THRESHOLD, AppliedClause, Award, Lot, Market
from ..opendata import checks
from ..publishers import buyer_field
from . import lists as market_selectors

# Contracts read per round of queries: memory stays flat however large the organisation.
CHUNK_SIZE = 500
# The OCDS file describes contracts once their call for tenders is public.
OCDS_PUBLIC_CONDITION = Q(published_on__isnull=False) | Q(lots__award__isnull=False)

BUYER_FIELDS = ("pk", "siret", "name", "address", "postcode", "city")


def _buyer_annotations() -> dict:
    """`buyer_org_<field>`: the publisher's for a contract another organisation publishes (the
    coordinator of a purchasing group: `publishers`), otherwise the organisation's."""
    return {f"buyer_org_{field}": buyer_field(field) for field in BUYER_FIELDS}


def _award_annotations() -> dict:
    return {
        # A contract is notified when its first lot is: `first_notified_on`, stored on it.
        "awarded_amount": market_selectors.awarded_amount(),
        "awarded_lots": market_selectors.awarded_lots(),
    }


def scope(*, organisation, viewer=None) -> QuerySet[Market]:
    """The organisation's contracts (those the viewer may read, given one)."""
    markets = Market.objects.filter(organisation=organisation)
    if viewer is not None:
        markets = markets.filter(pk__in=Market.objects.visible_to(viewer).values("pk"))
    return markets


def _with_rows(markets: QuerySet[Market], *, extra_cpvs: bool = False) -> QuerySet[Market]:
    markets = (
        markets.select_related("organisation", "main_cpv")
        .annotate(**_buyer_annotations())
        .prefetch_related(
            Prefetch(
                "lots",
                queryset=Lot.objects.select_related("award__supplier")
                .prefetch_related("criteria")
                .order_by("number"),
            ),
            Prefetch(
                "clauses",
                queryset=AppliedClause.objects.select_related("clause_version").order_by("pk"),
            ),
            "decp_records",
        )
    )
    if extra_cpvs:
        markets = markets.prefetch_related("extra_cpvs")
    return markets


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def notified_in(*, organisation, year: int, viewer=None) -> QuerySet[Market]:
    """Contracts first notified in the year, with their awarded amount (before the threshold)."""
    start, end = _year_bounds(year)
    return (
        scope(organisation=organisation, viewer=viewer)
        .annotate(**_award_annotations())
        .filter(first_notified_on__gte=start, first_notified_on__lte=end)
    )


def decp_markets(*, organisation, year: int, viewer=None) -> QuerySet[Market]:
    """The contracts of the year's DECP file: notified in the year, awarded for 40,000 € HT or
    more, oldest notification first."""
    markets = notified_in(organisation=organisation, year=year, viewer=viewer).filter(
        awarded_amount__gte=DECP_THRESHOLD
    )
    return _with_rows(markets).order_by("first_notified_on", "reference", "pk")


@dataclass(frozen=True)
class DecpCounts:
    included: int
    under_threshold: int


def decp_counts(*, organisation, year: int, viewer=None) -> DecpCounts:
    """How many contracts notified in the year go in the file, and how many are left out for
    being under the threshold (one query)."""
    figures = notified_in(organisation=organisation, year=year, viewer=viewer).aggregate(
        included=Count("pk", filter=Q(awarded_amount__gte=DECP_THRESHOLD)),
        under=Count("pk", filter=Q(awarded_amount__lt=DECP_THRESHOLD)),
    )
    return DecpCounts(included=figures["included"], under_threshold=figures["under"])


def notification_years(*, organisation, viewer=None) -> list[int]:
    """The years in which a contract of the scope was notified, the latest first (one query)."""
    years = (
        Award.objects.filter(
            lot__market__in=scope(organisation=organisation, viewer=viewer).values("pk")
        )
        .annotate(year=ExtractYear("notified_on"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def _ocds_scope(*, organisation, year: int | None, viewer) -> QuerySet[Market]:
    markets = (
        scope(organisation=organisation, viewer=viewer)
        .filter(pk__in=Market.objects.filter(OCDS_PUBLIC_CONDITION).values("pk"))
        .annotate(**_award_annotations())
    )
    if year is not None:
        start, end = _year_bounds(year)
        markets = markets.annotate(
            public_on=Coalesce(F("published_on"), F("first_notified_on"))
        ).filter(public_on__gte=start, public_on__lte=end)
    return markets


def ocds_markets(*, organisation, year: int | None = None, viewer=None) -> QuerySet[Market]:
    """The contracts of the OCDS file: those whose call for tenders was published (or that were
    awarded), of the year of publication (or of first notification) when one is given."""
    markets = _ocds_scope(organisation=organisation, year=year, viewer=viewer)
    return _with_rows(markets, extra_cpvs=True).order_by("published_on", "reference", "pk")


def ocds_count(*, organisation, year: int | None = None, viewer=None) -> int:
    """How many contracts the OCDS file of the year (or of every year) describes."""
    return _ocds_scope(organisation=organisation, year=year, viewer=viewer).count()


def chunks(markets: QuerySet[Market]) -> Iterator[Market]:
    """The contracts read chunk by chunk, each chunk with its prefetched rows."""
    return markets.iterator(chunk_size=CHUNK_SIZE)


def prepublication_flags(
    *, organisation, year: int, today: datetime.date, viewer=None
) -> list[checks.Flag]:
    """The flags of the checks before publication (`opendata.checks`) on the contracts of the
    year's DECP file, in the file's order (three queries, and those of `decp_markets`)."""
    peers: dict[tuple[str, str], list[tuple[int, Decimal]]] = defaultdict(list)
    rows = (
        scope(organisation=organisation)
        .annotate(amount=market_selectors.awarded_amount())
        .filter(amount__isnull=False, main_cpv__isnull=False)
        .exclude(procedure="")
        .values_list("pk", "main_cpv__code", "procedure", "amount")
    )
    for pk, code, procedure, amount in rows:
        peers[(code[:2], procedure)].append((pk, amount))
    communes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    postcodes = (
        scope(organisation=organisation).filter(place_insee_code="").values("place_postcode")
    )
    for insee_code, name, postcode in (
        Commune.objects.filter(postcode__in=postcodes)
        .order_by("name", "insee_code")
        .values_list("insee_code", "name", "postcode")
    ):
        communes[postcode].append((insee_code, name))
    flags = []
    for market in chunks(decp_markets(organisation=organisation, year=year, viewer=viewer)):
        published = [record.first_published_on for record in market.decp_records.all()]
        published_on = min(published) if published else today
        if checks.late(notified_on=market.first_notified_on, published_on=published_on):
            flags.append(
                checks.Flag(
                    market.pk,
                    market.reference,
                    market.title,
                    checks.Check.LATE,
                    checks.late_message(
                        notified_on=market.first_notified_on,
                        published_on=published_on,
                        first=not published,
                    ),
                )
            )
        if market.place_postcode and not market.place_insee_code:
            offers = tuple(communes[market.place_postcode])
            flags.append(
                checks.Flag(
                    market.pk,
                    market.reference,
                    market.title,
                    checks.Check.PLACE,
                    checks.place_message(postcode=market.place_postcode, offers=offers),
                    offers=offers,
                )
            )
        if market.main_cpv_id is None or not market.procedure:
            continue
        division = market.main_cpv.code[:2]
        others = [amount for pk, amount in peers[(division, market.procedure)] if pk != market.pk]
        group = checks.peers_of(others)
        if group is not None and checks.far_from(market.awarded_amount, group):
            lot = next((lot for lot in market.lots.all() if hasattr(lot, "award")), None)
            flags.append(
                checks.Flag(
                    market.pk,
                    market.reference,
                    market.title,
                    checks.Check.AMOUNT,
                    checks.amount_message(
                        amount=market.awarded_amount,
                        peers=group,
                        division=division,
                        procedure=market.get_procedure_display(),
                    ),
                    lot_id=lot.pk if lot else None,
                )
            )
    return flags
