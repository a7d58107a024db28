"""The year's spend by kind of supplier: each purchase line's SIRET matched with the
organisation's supplier records (purchasing.Supplier) when read, so that the share of spend
with SMEs and inclusive structures (SIAE, EA, ESAT) comes from the lines themselves. A line
without a SIRET, or with one no record has, is unmatched: counted and listed, never guessed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from purchasing.models import InclusiveStructure, Supplier

from ..models import Purchase
from .common import amount_sum, in_year


def _record(**conditions) -> Exists:
    return Exists(
        Supplier.objects.filter(
            organisation_id=OuterRef("organisation_id"),
            siret=OuterRef("supplier_siret"),
            **conditions,
        )
    )


def _inclusive() -> Exists:
    return Exists(
        Supplier.objects.filter(
            organisation_id=OuterRef("organisation_id"), siret=OuterRef("supplier_siret")
        ).exclude(inclusive_structure=InclusiveStructure.NONE)
    )


@dataclass(frozen=True)
class SupplierSpend:
    lines: int
    amount: Decimal
    matched_lines: int
    matched_amount: Decimal
    sme_lines: int
    sme_amount: Decimal
    inclusive_lines: int
    inclusive_amount: Decimal

    @property
    def unmatched_lines(self) -> int:
        return self.lines - self.matched_lines

    @property
    def unmatched_amount(self) -> Decimal:
        return self.amount - self.matched_amount


def supplier_spend(*, organisation, year: int) -> SupplierSpend:
    """The year's lines and amounts: all, matched with a supplier record, with an SME, with an
    inclusive structure. One query."""
    row = (
        Purchase.objects.filter(in_year(year), organisation=organisation)
        .alias(matched=_record(), sme=_record(is_sme=True), inclusive=_inclusive())
        .aggregate(
            lines=Count("pk"),
            total_amount=amount_sum(),
            matched_lines=Count("pk", filter=Q(matched=True)),
            matched_amount=amount_sum(Q(matched=True)),
            sme_lines=Count("pk", filter=Q(sme=True)),
            sme_amount=amount_sum(Q(sme=True)),
            inclusive_lines=Count("pk", filter=Q(inclusive=True)),
            inclusive_amount=amount_sum(Q(inclusive=True)),
        )
    )
    row["amount"] = row.pop("total_amount")  # an aggregate may not be named as a field it sums
    return SupplierSpend(**row)


def unmatched_purchases(*, organisation, year: int) -> QuerySet[Purchase]:
    """The year's lines whose supplier no record of the organisation matches, largest first."""
    return (
        Purchase.objects.filter(in_year(year), organisation=organisation)
        .exclude(_record())
        .select_related("department")
        .order_by("-amount", "reference")
    )
