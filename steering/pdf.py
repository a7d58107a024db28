"""The quarterly report as PDF: WeasyPrint (through core.pdf, tagged and searchable) on a
template and print CSS of its own (templates/steering/reports/pdf/), with the charts the
dashboard draws (core.charts)."""

from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import charts
from core.pdf import html_to_pdf

from .models import Committee, CommitteeMember, MemberRole, QuarterlyReport
from .selectors.dashboard import Dashboard, figures_json
from .selectors.reports import key_figures, percent, quarter_decisions

TEMPLATE = "steering/reports/pdf/report.html"


def _rule_chart(rule) -> str:
    """A rule's rate in each department against its threshold (charts of the dashboard)."""
    if not rule.lines:
        return ""
    return charts.trend_chart(
        points=[(line.department_code, line.ratio) for line in rule.lines],
        label=_("%(rule)s : taux atteint par direction") % {"rule": rule.name},
        target=rule.threshold,
    )


def _summary(d: Dashboard) -> str:
    """The opening sentence of the summary, for readers who read nothing else."""
    contracts = d.contracts
    if not contracts.notified:
        return _(
            "Aucun marché n'a été notifié au cours du trimestre : les parts de marchés avec une "
            "considération environnementale ou sociale ne peuvent pas être calculées. Les autres "
            "indicateurs sont présentés ci-dessous."
        )
    return _(
        "Au cours du trimestre, %(environmental)s des marchés notifiés comportent au moins une "
        "considération environnementale (objectif : %(environmental_target)s) et %(social)s au "
        "moins une considération sociale (objectif : %(social_target)s)."
    ) % {
        "environmental": percent(contracts.environmental.share_by_count),
        "environmental_target": percent(d.targets.environmental),
        "social": percent(contracts.social.share_by_count),
        "social_target": percent(d.targets.social),
    }


def _department_rules(d: Dashboard) -> list[dict]:
    """Departments × rules: each department's line of every rule (None where it has none)."""
    rows = {}
    for index, rule in enumerate(d.budgets.rules):
        for line in rule.lines:
            row = rows.setdefault(
                line.department_code,
                {
                    "code": line.department_code,
                    "name": line.department_name,
                    "lines": [None] * len(d.budgets.rules),
                },
            )
            row["lines"][index] = line
    return [rows[code] for code in sorted(rows)]


def report_context(*, report: QuarterlyReport, figures: Dashboard) -> dict:
    """What the report's template shows: the figures, the committee, the quarter's decisions."""
    organisation = report.organisation
    committee = Committee.objects.filter(organisation=organisation).first()
    members = (
        list(CommitteeMember.objects.filter(committee=committee, left_on__isnull=True))
        if committee is not None
        else []
    )
    return {
        "report": report,
        "organisation": organisation,
        "d": figures,
        "committee_name": committee.name if committee else _("Comité de pilotage"),
        "president": next((m for m in members if m.role == MemberRole.PRESIDENT), None),
        "members_count": len(members),
        "elected_count": sum(1 for m in members if m.is_elected),
        "key_figures": key_figures(figures_json(figures)),
        "summary_text": _summary(figures),
        "considerations": [
            (_("Environnementale"), figures.contracts.environmental),
            (_("Sociale"), figures.contracts.social),
        ],
        "rules": [(rule, _rule_chart(rule)) for rule in figures.budgets.rules],
        "department_rules": _department_rules(figures),
        "decisions": list(quarter_decisions(organisation=organisation, quarter=report.period)),
        "issued_on": timezone.localdate(),
        "site_url": settings.SITE_URL,
    }


def report_html(*, report: QuarterlyReport, figures: Dashboard) -> str:
    """The report as HTML for WeasyPrint, in French whatever the language of the request."""
    with translation.override("fr"):
        return render_to_string(TEMPLATE, report_context(report=report, figures=figures))


def report_pdf(
    *,
    report: QuarterlyReport,
    figures: Dashboard,
    on_progress: Callable[[int, str], None] = lambda progress, step: None,
) -> bytes:
    """The PDF of the report, from the figures of its quarter (tagged, searchable: core.pdf)."""
    html = report_html(report=report, figures=figures)
    on_progress(60, _("Mise en page du PDF"))
    return html_to_pdf(html)
