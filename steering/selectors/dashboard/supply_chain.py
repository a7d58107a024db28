"""The social audits of the suppliers' production sites that concern the organisation, the
findings still open and the corrective actions overdue (network app)."""

from django.utils import timezone

from network.selectors.supply_chain import (
    audits_done,
    open_findings_by_severity,
    overdue_corrective_actions,
)

from .common import page_url
from .figures import CountItem


def _severities(counts, url: str) -> list[CountItem]:
    return [
        CountItem(code=str(severity.value), label=str(severity.label), count=count, url=url)
        for severity, count in counts.by_severity
    ]


def supply_chain_counts(organisation, quarter) -> dict:
    """The audit and finding fields of `NetworkIndicators`. Three queries: audits, open and
    overdue findings."""
    audits = audits_done(organisation=organisation, start=quarter.start, end=quarter.end)
    on = min(quarter.end, timezone.localdate())
    open_findings = open_findings_by_severity(organisation=organisation, on=on)
    overdue = overdue_corrective_actions(organisation=organisation, on=on)
    suppliers = page_url("network:supplier-list")
    return {
        "audits_done": [
            CountItem(code=str(result.value), label=str(result.label), count=count, url=suppliers)
            for result, count in audits.by_result
        ],
        "audits_total": audits.total,
        "audits_url": suppliers,
        "open_findings": _severities(open_findings, suppliers),
        "open_findings_total": open_findings.total,
        "overdue_actions": _severities(overdue, suppliers),
        "overdue_total": overdue.total,
        "findings_url": suppliers,
    }
