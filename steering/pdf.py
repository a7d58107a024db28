"""The quarterly report as PDF: WeasyPrint (through core.pdf, tagged and searchable) on a
template and print CSS of its own (templates/steering/reports/pdf/), with the charts the
dashboard draws (core.charts)."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import charts
from core.pdf import html_to_pdf
from core.templatetags.formatting import euros

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


# --- The SPASER's yearly report -----------------------------------------------------------------

SPASER_TEMPLATE = "steering/spaser/pdf.html"


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _value_text(value, unit: str) -> str:
    if value is None:
        return _("sans objet")
    if unit == "€":
        return euros(value)
    return charts.format_value(Decimal(value), unit)


def indicator_texts(item: dict) -> dict:
    """An indicator of the archived figures in words: in number (of what) and in value."""
    if item["number"] is None:
        number = _("sans objet")
    elif item["number_total"] is not None:
        number = _("%(number)s sur %(total)s %(counted)s (%(share)s)") % {
            "number": item["number"],
            "total": item["number_total"],
            "counted": item["counted"],
            "share": charts.format_value(_decimal(item["number_share"])),
        }
    else:
        number = f"{item['number']} {item['counted']}"
    if item["value"] is None:
        value = _("sans objet")
    elif item["value_total"] is not None:
        value = _("%(value)s sur %(total)s (%(share)s)") % {
            "value": _value_text(item["value"], item["value_unit"]),
            "total": _value_text(item["value_total"], item["value_unit"]),
            "share": charts.format_value(_decimal(item["value_share"])),
        }
    else:
        value = _value_text(item["value"], item["value_unit"])
    return {**item, "number_text": number, "value_text": value}


UNIT_SUFFIX = {"share": "%", "hours": "h", "count": ""}


def spaser_context(*, report, figures: dict, public: bool = False) -> dict:
    """What the yearly report shows, in its PDF and on its pages: each axis with the
    committee's comment and its objectives (the indicator in number and in value against
    baseline and target, a chart of its trend over the years and the table behind it), the
    whole catalogue, the obligation and the beneficiaries. `public`: a category of fewer than
    five people is shown as "< 5"."""
    from .selectors.spaser import public_count

    axes = []
    for axis in figures.get("axes", []):
        objectives = []
        for objective in axis["objectives"]:
            suffix = UNIT_SUFFIX[objective["unit"]]
            points = [(str(year), _decimal(value)) for year, value in objective["trend"]]
            objectives.append(
                {
                    **objective,
                    "indicator": indicator_texts(objective["indicator"]),
                    "chart": charts.trend_chart(
                        points=points,
                        label=_("%(objective)s : évolution par année")
                        % {"objective": objective["title"]},
                        target=_decimal(objective["target"]),
                        unit=suffix,
                    ),
                    "points": [
                        (year, charts.format_value(value, suffix)) for year, value in points
                    ],
                    "target_text": charts.format_value(_decimal(objective["target"]), suffix),
                    "baseline_text": (
                        charts.format_value(_decimal(objective["baseline"]), suffix)
                        if objective["baseline"] is not None
                        else "—"
                    ),
                }
            )
        axes.append(
            {**axis, "objectives": objectives, "comment": report.comments.get(axis["kind"], "")}
        )
    people = figures.get("beneficiaries", {})

    def shown(rows):
        return [(label, public_count(count) if public else str(count)) for label, count in rows]

    return {
        "report": report,
        "organisation": report.organisation,
        "f": figures,
        "axes": axes,
        "catalogue": [indicator_texts(item) for item in figures.get("catalogue", [])],
        "categories": shown(people.get("categories", [])),
        "contract_kinds": shown(people.get("contracts", [])),
        "public": public,
        "adopted_on": (
            datetime.date.fromisoformat(figures["scheme"]["adopted_on"])
            if figures.get("scheme", {}).get("adopted_on")
            else None
        ),
        "issued_on": timezone.localdate(),
    }


def spaser_pdf(*, report, figures: dict) -> bytes:
    with translation.override("fr"):
        html = render_to_string(
            SPASER_TEMPLATE, spaser_context(report=report, figures=figures, public=True)
        )
    return html_to_pdf(html)
