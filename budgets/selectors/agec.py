"""The rows of the yearly AGEC declaration (loi AGEC art. 58): spend per AGEC category, and
the part of it from reuse and with recycled material. `agec.py` writes them as the official
file."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from accounts.models import Organisation
from clauses.models import AgecCategory, EcoLabelProof

from ..models import ZERO, Purchase
from .common import amount_sum, in_year


def _with_label(proves: EcoLabelProof) -> Q:
    labels = Purchase.eco_labels.through.objects.filter(
        purchase_id=OuterRef("pk"), ecolabel__proves=proves
    )
    return Q(Exists(labels))


def is_reuse() -> Q:
    """A line from reuse or re-use: flagged so, or carrying a label that proves it."""
    return Q(reuse=True) | _with_label(EcoLabelProof.REUSE)


def is_recycled() -> Q:
    """A line of products containing recycled material: any recycled content above zero, or a
    label that proves recycled content. The whole line counts, as the declaration asks for the
    spend on products that integrate recycled material, not the recycled share of it."""
    return Q(recycled_content__gt=0) | _with_label(EcoLabelProof.RECYCLED_CONTENT)


@dataclass(frozen=True)
class AgecRow:
    """One row of the yearly AGEC declaration (see `agec.py` for the file)."""

    year: int
    siret: str
    organisation_name: str
    category: str
    total_amount: Decimal
    reuse_amount: Decimal
    donation_amount: Decimal
    recycled_amount: Decimal
    comment: str = ""


def agec_declaration(*, organisation: Organisation, year: int) -> list[AgecRow]:
    """One row per AGEC category with spend in `year`, in the order of the official list.

    Families without a category are left out; families sharing a category are summed together.
    A line may count both as reuse and as recycled. Acquisitions by donation are valued with a
    flat-rate grid, not spent, so they never reach the finance system's lines: 0."""
    rows = (
        Purchase.objects.filter(in_year(year), organisation=organisation)
        .exclude(family__agec_category="")
        .values("family__agec_category")
        .annotate(
            total=amount_sum(), reuse=amount_sum(is_reuse()), recycled=amount_sum(is_recycled())
        )
        .order_by()
    )
    order = {value: index for index, value in enumerate(AgecCategory.values)}
    return [
        AgecRow(
            year=year,
            siret=organisation.siret,
            organisation_name=organisation.name,
            category=row["family__agec_category"],
            total_amount=row["total"],
            reuse_amount=row["reuse"],
            donation_amount=ZERO,
            recycled_amount=row["recycled"],
        )
        for row in sorted(rows, key=lambda row: order[row["family__agec_category"]])
    ]
