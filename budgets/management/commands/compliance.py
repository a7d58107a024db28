"""`manage.py compliance --organisation SLUG --year YYYY [--format json|table] [--as-of DATE]`."""

import json

from django.core.management.base import BaseCommand

from accounts.management.options import organisation_named
from budgets.management.options import date_argument, year_argument
from budgets.selectors.compliance import Compliance, compliance_for


def _amount(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def as_json(compliance: Compliance) -> dict:
    return {
        "rule": compliance.rule.name,
        "rule_id": compliance.rule.pk,
        "department": compliance.department.code,
        "department_name": compliance.department.name,
        "family": compliance.rule.family.code,
        "year": compliance.year,
        "basis": compliance.basis,
        "threshold": _amount(compliance.threshold),
        "budget_amount": _amount(compliance.budget_amount),
        "total_spend": _amount(compliance.total_spend),
        "base_amount": _amount(compliance.base_amount),
        "target_amount": _amount(compliance.target_amount),
        "qualifying_amount": _amount(compliance.qualifying_amount),
        "ratio": _amount(compliance.ratio),
        "forecast_amount": _amount(compliance.forecast_amount),
        "forecast_ratio": _amount(compliance.forecast_ratio),
        "status": str(compliance.status),
        "as_of": compliance.as_of.isoformat(),
    }


TABLE_COLUMNS = (
    ("Règle", lambda c: c.rule.name),
    ("Direction", lambda c: c.department.code),
    ("Seuil %", lambda c: _amount(c.threshold)),
    ("Assiette €", lambda c: _amount(c.base_amount)),
    ("Objectif €", lambda c: _amount(c.target_amount)),
    ("Qui compte €", lambda c: _amount(c.qualifying_amount)),
    ("Ratio %", lambda c: _amount(c.ratio) or "—"),
    ("Prévision %", lambda c: _amount(c.forecast_ratio) or "—"),
    ("Statut", lambda c: str(c.status_label)),
)


class Command(BaseCommand):
    help = (
        "Print, for each purchasing rule in force in the year and each department of the "
        "organisation, the target, the qualifying amount, the ratio and the status."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--year", required=True, type=year_argument)
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--as-of",
            type=date_argument,
            default=None,
            help="The day the statuses are computed for (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args, organisation, year, format, as_of, **options):
        rows = compliance_for(organisation=organisation_named(organisation), year=year, as_of=as_of)
        if format == "json":
            self.stdout.write(json.dumps([as_json(c) for c in rows], ensure_ascii=False, indent=2))
            return
        table = [[header for header, _ in TABLE_COLUMNS]]
        table += [[value(c) for _, value in TABLE_COLUMNS] for c in rows]
        widths = [max(len(line[i]) for line in table) for i in range(len(TABLE_COLUMNS))]
        for line in table:
            cells = (cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
