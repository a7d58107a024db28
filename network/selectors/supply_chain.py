"""Reads on the supply chain: the suppliers a person follows, their production sites, audits
and findings; open findings by severity and overdue corrective actions per supplier, per group
and per organisation (the steering dashboard's indicators), audits done over a period.

Every count is a database aggregate: one query per figure set, never one per row."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation
from purchasing.models import Supplier

from .. import access
from ..models import (
    SEVERITY_ORDER,
    Audit,
    AuditResult,
    Finding,
    FindingStatus,
    GroupMembership,
    ProductionSite,
    PurchasingGroup,
    Severity,
)


@dataclass(frozen=True)
class SeverityCounts:
    """Findings by severity, most serious first, and their total."""

    by_severity: list[tuple[Severity, int]]

    @property
    def total(self) -> int:
        return sum(count for _severity, count in self.by_severity)


@dataclass(frozen=True)
class FindingSummary:
    """What the pages show of a set of findings: the open ones by severity (open and in
    progress), and the overdue corrective actions among them."""

    open: SeverityCounts
    overdue: SeverityCounts


@dataclass(frozen=True)
class AuditTotals:
    """Audits done over a period, by result (best first)."""

    start: datetime.date
    end: datetime.date
    by_result: list[tuple[AuditResult, int]]

    @property
    def total(self) -> int:
        return sum(count for _result, count in self.by_result)


# --- Building blocks ---------------------------------------------------------------------------


def _unresolved_on(day: datetime.date) -> Q:
    """Findings still to correct on that day: found by then (the audit's date; a finding has
    no date of its own) and not closed by then."""
    return Q(audit__audited_on__lte=day) & (~Q(status=FindingStatus.CLOSED) | Q(closed_on__gt=day))


def finding_summary(findings: QuerySet, *, on: datetime.date | None = None) -> FindingSummary:
    """Open and overdue findings of the queryset by severity, as they stood on `on` (today by
    default): one aggregate query."""
    day = on or timezone.localdate()
    unresolved = _unresolved_on(day)
    overdue = unresolved & Q(deadline__lt=day)
    figures = {}
    for severity in SEVERITY_ORDER:
        figures[f"open_{severity.value}"] = Count("pk", filter=unresolved & Q(severity=severity))
        figures[f"overdue_{severity.value}"] = Count("pk", filter=overdue & Q(severity=severity))
    totals = findings.order_by().aggregate(**figures)
    return FindingSummary(
        open=SeverityCounts([(s, totals[f"open_{s.value}"]) for s in SEVERITY_ORDER]),
        overdue=SeverityCounts([(s, totals[f"overdue_{s.value}"]) for s in SEVERITY_ORDER]),
    )


def summaries_by(findings: QuerySet, key: str) -> dict[int, FindingSummary]:
    """finding_summary today for each value of `key` (a supplier or group id path): one
    grouped query. Keys without any finding are absent."""
    day = timezone.localdate()
    unresolved = _unresolved_on(day)
    overdue = unresolved & Q(deadline__lt=day)
    figures = {}
    for severity in SEVERITY_ORDER:
        figures[f"open_{severity.value}"] = Count("pk", filter=unresolved & Q(severity=severity))
        figures[f"overdue_{severity.value}"] = Count("pk", filter=overdue & Q(severity=severity))
    rows = findings.order_by().values(key).annotate(**figures)
    return {
        row[key]: FindingSummary(
            open=SeverityCounts([(s, row[f"open_{s.value}"]) for s in SEVERITY_ORDER]),
            overdue=SeverityCounts([(s, row[f"overdue_{s.value}"]) for s in SEVERITY_ORDER]),
        )
        for row in rows
    }


def empty_summary() -> FindingSummary:
    """The summary of a supplier without findings."""
    zero = SeverityCounts([(severity, 0) for severity in SEVERITY_ORDER])
    return FindingSummary(open=zero, overdue=zero)


def audit_totals(audits: QuerySet, *, start: datetime.date, end: datetime.date) -> AuditTotals:
    """Audits of the queryset done from start to end (both included), by result: one query."""
    totals = (
        audits.order_by()
        .filter(audited_on__gte=start, audited_on__lte=end)
        .aggregate(**{result.value: Count("pk", filter=Q(result=result)) for result in AuditResult})
    )
    return AuditTotals(
        start=start, end=end, by_result=[(result, totals[result.value]) for result in AuditResult]
    )


def overdue_findings(findings: QuerySet) -> QuerySet:
    """Corrective actions past their deadline and not closed, most late first, with what the
    tables show."""
    return (
        findings.overdue()
        .select_related("audit__site__supplier", "audit__group")
        .order_by("deadline", "audit__site__supplier__name", "pk")
    )


# --- Suppliers ---------------------------------------------------------------------------------


def supplier_list(*, viewer) -> QuerySet:
    """The suppliers the person follows, with their production sites and visible audits
    counted; those with sites first. Findings per supplier: `supplier_summaries`."""
    return (
        access.suppliers_visible_to(viewer)
        .select_related("organisation")
        .annotate(
            site_count=Count("production_sites", distinct=True),
            audit_count=Count(
                "production_sites__audits",
                filter=Q(
                    production_sites__audits__in=Audit.objects.visible_to(viewer).values("pk")
                ),
                distinct=True,
            ),
        )
        .order_by("-site_count", "name", "pk")
    )


def supplier_summaries(*, viewer, supplier_ids) -> dict[int, FindingSummary]:
    """Open and overdue findings the person sees, per supplier of the list: one query."""
    return summaries_by(
        Finding.objects.visible_to(viewer).filter(audit__site__supplier_id__in=supplier_ids),
        "audit__site__supplier_id",
    )


@dataclass(frozen=True)
class SupplierPage:
    sites: list
    audits: list
    summary: FindingSummary
    overdue: list
    audits_done: AuditTotals


def supplier_page(
    *, supplier: Supplier, viewer, start: datetime.date, end: datetime.date
) -> SupplierPage:
    """A supplier's production sites, the audits the person sees with their findings, open
    findings by severity, overdue corrective actions, audits done over the period."""
    audits = Audit.objects.visible_to(viewer).filter(site__supplier=supplier)
    findings = Finding.objects.visible_to(viewer).filter(audit__site__supplier=supplier)
    sites = list(
        ProductionSite.objects.visible_to(viewer)
        .filter(supplier=supplier)
        .select_related("supplier", "recorded_by")
        .order_by("country", "name")
    )
    return SupplierPage(
        sites=sites,
        audits=list(
            audits.select_related("site", "group", "organisation")
            .annotate(
                open_findings=Count("findings", filter=~Q(findings__status=FindingStatus.CLOSED)),
                finding_count=Count("findings"),
            )
            .order_by("-audited_on", "-pk")
        ),
        summary=finding_summary(findings),
        overdue=list(overdue_findings(findings)),
        audits_done=audit_totals(audits, start=start, end=end),
    )


def audit_findings(audit: Audit) -> list[Finding]:
    """The findings of an audit, most serious first."""
    rank = {severity.value: index for index, severity in enumerate(SEVERITY_ORDER)}
    findings = list(audit.findings.select_related("closed_by"))
    return sorted(findings, key=lambda finding: (rank[finding.severity], finding.pk))


# --- Steering indicators of an organisation ------------------------------------------------


def _organisation_audits(organisation: Organisation) -> QuerySet:
    """Audits that concern an organisation: recorded by it, or shared with a group it belongs
    to (the coordinating organisation is a member)."""
    groups = GroupMembership.objects.filter(organisation=organisation).values("group_id")
    return Audit.objects.filter(
        Q(organisation=organisation)
        | Q(group_id__in=groups)
        | Q(
            group_id__in=PurchasingGroup.objects.filter(
                coordinator_organisation=organisation
            ).values("pk")
        )
    )


def audits_done(
    *, organisation: Organisation, start: datetime.date, end: datetime.date
) -> AuditTotals:
    """Steering: the social audits done from start to end (included) that concern the
    organisation (its own and its groups'), by result. One query."""
    return audit_totals(_organisation_audits(organisation), start=start, end=end)


def open_findings_by_severity(
    *, organisation: Organisation, on: datetime.date | None = None
) -> SeverityCounts:
    """Steering: findings still to correct on `on` (today by default) of the audits that
    concern the organisation, by severity. One query."""
    findings = Finding.objects.filter(audit__in=_organisation_audits(organisation).values("pk"))
    return finding_summary(findings, on=on).open


def overdue_corrective_actions(
    *, organisation: Organisation, on: datetime.date | None = None
) -> SeverityCounts:
    """Steering: corrective actions past their deadline and not closed on `on` (today by
    default), of the audits that concern the organisation, by severity. One query."""
    findings = Finding.objects.filter(audit__in=_organisation_audits(organisation).values("pk"))
    return finding_summary(findings, on=on).overdue


def findings_closed(*, organisation: Organisation, start: datetime.date, end: datetime.date) -> int:
    """Steering: findings of the audits that concern the organisation closed from start to end
    (included). One query."""
    return Finding.objects.filter(
        audit__in=_organisation_audits(organisation).values("pk"),
        status=FindingStatus.CLOSED,
        closed_on__gte=start,
        closed_on__lte=end,
    ).count()
