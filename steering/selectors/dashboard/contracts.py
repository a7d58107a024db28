"""The contracts notified in the quarter and over the trend, their environmental and social
considerations against the committee's targets, per department. Two queries, and one for the
targets."""

import datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from purchasing import selectors

from ...models import PNAD_ENVIRONMENTAL_TARGET, PNAD_SOCIAL_TARGET, Committee
from .common import amount_sum, markets_url, percent, target_status, year_and_quarter
from .figures import (
    ConsiderationShare,
    ContractIndicators,
    ContractTrendPoint,
    DepartmentContracts,
    Targets,
    TargetStatus,
)

STATUS_LABELS = {
    TargetStatus.MET: gettext_lazy("Objectif atteint"),
    TargetStatus.BELOW: gettext_lazy("En dessous de l'objectif"),
    TargetStatus.NO_DATA: gettext_lazy("Aucun marché notifié"),
}


def committee_targets(organisation) -> Targets:
    """The targets of the organisation's committee, PNAD's without a committee."""
    row = (
        Committee.objects.filter(organisation=organisation)
        .values_list("environmental_target", "social_target")
        .first()
    )
    if row is None:
        return Targets(PNAD_ENVIRONMENTAL_TARGET, PNAD_SOCIAL_TARGET, from_committee=False)
    return Targets(environmental=row[0], social=row[1], from_committee=True)


def _notified(markets, first: datetime.date, last: datetime.date):
    """The contracts notified from `first` to `last` (included), and the sums to read of them:
    count and amount, with each consideration and reserved."""
    notified = (
        markets.annotate(
            notified=selectors.notified_on(),
            amount=selectors.awarded_amount(),
            environmental=selectors.has_environmental_consideration(),
            social=selectors.has_social_consideration(),
            reserved=selectors.is_reserved(),
        )
        .filter(notified__gte=first, notified__lte=last)
        .order_by()
    )
    sums = {"notified_count": Count("pk"), "notified_amount": amount_sum()}
    for kind in ("environmental", "social", "reserved"):
        sums[f"{kind}_count"] = Count("pk", filter=Q(**{kind: True}))
        sums[f"{kind}_amount"] = amount_sum(Q(**{kind: True}))
    return notified, sums


def _share(row: dict, kind: str, target: Decimal, url: str) -> ConsiderationShare:
    count, amount = row[f"{kind}_count"], row[f"{kind}_amount"]
    status = target_status(count, row["notified_count"], target)
    return ConsiderationShare(
        count=count,
        amount=amount,
        share_by_count=percent(count, row["notified_count"]),
        share_by_amount=percent(amount, row["notified_amount"]),
        target=target,
        status=status,
        status_label=str(STATUS_LABELS[status]),
        url=url,
    )


EMPTY_ROW = {
    "notified_count": 0,
    "notified_amount": Decimal("0.00"),
    "environmental_count": 0,
    "environmental_amount": Decimal("0.00"),
    "social_count": 0,
    "social_amount": Decimal("0.00"),
    "reserved_count": 0,
    "reserved_amount": Decimal("0.00"),
}


CENT = Decimal("0.01")


def _cents(row: dict) -> dict:
    """The amounts of a grouped row with two decimals, whatever the database returns."""
    return {
        key: value.quantize(CENT) if key.endswith("_amount") else value
        for key, value in row.items()
    }


def contract_figures(markets, quarter, trend, departments, targets, code):
    """The `ContractIndicators` and the quarter's grouped row (reserved contracts are read
    from it). Two queries: the 8 quarters grouped by quarter of notification, and the quarter
    grouped by department."""
    notified, sums = _notified(markets, trend[0].start, quarter.end)
    by_quarter = {
        (row["year"], row["number"]): _cents(row)
        for row in notified.values(**year_and_quarter("notified")).annotate(**sums)
    }
    notified, sums = _notified(markets, quarter.start, quarter.end)
    by_department = {
        row["department_id"]: _cents(row)
        for row in notified.values("department_id").annotate(**sums)
    }

    points = []
    for period in trend:
        row = by_quarter.get((period.year, period.number), EMPTY_ROW)
        points.append(
            ContractTrendPoint(
                quarter=str(period),
                label=period.short_label,
                notified=row["notified_count"],
                amount=row["notified_amount"],
                environmental=row["environmental_count"],
                social=row["social_count"],
                environmental_share=percent(row["environmental_count"], row["notified_count"]),
                social_share=percent(row["social_count"], row["notified_count"]),
                url=markets_url(code, notifie=str(period)),
            )
        )
    current = by_quarter.get((quarter.year, quarter.number), EMPTY_ROW)
    period = str(quarter)
    rows = []
    for department in departments:
        row = by_department.get(department.pk, EMPTY_ROW)
        rows.append(
            DepartmentContracts(
                code=department.code,
                name=department.name,
                notified=row["notified_count"],
                amount=row["notified_amount"],
                environmental=row["environmental_count"],
                environmental_share=percent(row["environmental_count"], row["notified_count"]),
                social=row["social_count"],
                social_share=percent(row["social_count"], row["notified_count"]),
                url=markets_url(department.code, notifie=period),
            )
        )
    return current, ContractIndicators(
        notified=current["notified_count"],
        amount=current["notified_amount"],
        url=markets_url(code, notifie=period),
        environmental=_share(
            current,
            "environmental",
            targets.environmental,
            markets_url(code, notifie=period, environnement="oui"),
        ),
        social=_share(
            current, "social", targets.social, markets_url(code, notifie=period, social="oui")
        ),
        trend=points,
        by_department=rows,
    )
