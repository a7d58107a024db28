"""Reads on purchasing groups: the list a person sees, and a group's page: members,
contracts (with whether the person may open each), suppliers, audits, open findings by
severity and overdue corrective actions. A constant number of queries per page."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from purchasing.models import Award, Market, MarketStatus, Supplier

from ..models import (
    RECORD_AUDITS,
    Audit,
    Finding,
    FindingStatus,
    GroupContract,
    GroupMembership,
    PurchasingGroup,
)
from . import supply_chain


def group_list(*, viewer) -> QuerySet:
    """The groups the person follows, with their number of members and contracts."""
    members = (
        GroupMembership.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    contracts = (
        GroupContract.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        PurchasingGroup.objects.visible_to(viewer)
        .select_related("coordinator_organisation", "purchase_family", "advisor")
        .annotate(
            member_count=Coalesce(Subquery(members), 0),
            contract_count=Coalesce(Subquery(contracts), 0),
        )
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class ContractRow:
    link: GroupContract
    readable: bool

    @property
    def market(self) -> Market:
        return self.link.market


@dataclass(frozen=True)
class SupplierRow:
    supplier: Supplier
    summary: supply_chain.FindingSummary


@dataclass(frozen=True)
class GroupPage:
    memberships: list[GroupMembership]
    contracts: list[ContractRow]
    suppliers: list[SupplierRow]
    audits: list[Audit]
    summary: supply_chain.FindingSummary
    overdue: list[Finding]
    audits_done: supply_chain.AuditTotals


def group_suppliers(group: PurchasingGroup) -> QuerySet:
    """The group's suppliers: holders of a lot of one of its contracts, and suppliers whose
    sites were audited for it."""
    return Supplier.objects.filter(
        Q(pk__in=Award.objects.filter(lot__market__group_link__group=group).values("supplier_id"))
        | Q(pk__in=Audit.objects.filter(group=group).values("site__supplier_id"))
    ).order_by("name", "pk")


def group_page(
    *, group: PurchasingGroup, viewer, start: datetime.date, end: datetime.date
) -> GroupPage:
    """Everything the group's page shows. Its audits and findings are shared with every
    member, so they do not depend on the person; the contracts' links do."""
    links = list(
        group.contracts.select_related("market__buyer", "market__purchase_family").order_by(
            "-market__launch_date", "market__reference"
        )
    )
    readable = set(
        Market.objects.visible_to(viewer)
        .filter(pk__in=[link.market_id for link in links])
        .values_list("pk", flat=True)
    )
    audits = Audit.objects.filter(group=group)
    findings = Finding.objects.filter(audit__group=group)
    suppliers = list(group_suppliers(group))
    summaries = supply_chain.summaries_by(findings, "audit__site__supplier_id")
    return GroupPage(
        memberships=list(
            group.memberships.select_related("organisation").order_by("organisation__name")
        ),
        contracts=[ContractRow(link, link.market_id in readable) for link in links],
        suppliers=[
            SupplierRow(supplier, summaries.get(supplier.pk) or supply_chain.empty_summary())
            for supplier in suppliers
        ],
        audits=list(
            audits.select_related("site__supplier", "organisation")
            .annotate(
                open_findings=Count("findings", filter=~Q(findings__status=FindingStatus.CLOSED)),
            )
            .order_by("-audited_on", "-pk")
        ),
        summary=supply_chain.finding_summary(findings),
        overdue=list(supply_chain.overdue_findings(findings)),
        audits_done=supply_chain.audit_totals(audits, start=start, end=end),
    )


def attachable_contracts(*, group: PurchasingGroup, viewer, limit: int = 20) -> list[Market]:
    """Contracts of the coordinating organisation the person reads, in the group's family and
    in no group yet: suggestions for the attach form (any reference may be typed)."""
    return list(
        Market.objects.visible_to(viewer)
        .filter(
            organisation_id=group.coordinator_organisation_id,
            purchase_family_id=group.purchase_family_id,
            group_link__isnull=True,
        )
        .exclude(status=MarketStatus.ABANDONED)
        .order_by("-launch_date", "reference")[:limit]
    )


def advisor_choices(organisation_ids=None) -> QuerySet:
    """Active people whose role records audits (advisors), by organisation; only of the given
    organisations when said."""
    app_label, codename = RECORD_AUDITS.split(".")
    people = User.objects.filter(
        is_active=True,
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    if organisation_ids is not None:
        people = people.filter(organisation_id__in=organisation_ids)
    return (
        User.objects.filter(pk__in=people.values("pk"))
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )
