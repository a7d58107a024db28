"""Budgets, purchases and rules built through the real services: purchases and budgets are
imported from generated CSV files with `import_preview` / `import_confirm`, as the finance
officer's files are; rules are created with `rule_create`."""

import csv
import io
import itertools
from decimal import Decimal

from budgets.demo import SEED_RULES
from budgets.imports import BUDGET_COLUMNS, OPTIONAL_PURCHASE_COLUMNS, PURCHASE_COLUMNS
from budgets.models import ImportBatch, ImportKind, ImportStatus, PurchasingRule
from budgets.services.imports import import_confirm, import_preview
from budgets.services.rules import rule_create

_references = itertools.count(1)


def purchase_row(**values) -> dict:
    """A purchase line as the finance system exports it (strings, decimal comma); give at
    least `department`. Unknown keys are refused so that a typo does not pass unnoticed."""
    unknown = set(values) - set(PURCHASE_COLUMNS) - set(OPTIONAL_PURCHASE_COLUMNS)
    if unknown:
        raise TypeError(f"unknown purchase columns: {', '.join(sorted(unknown))}")
    row = {
        "reference": f"FAC-{next(_references):06d}",
        "date": "2025-03-14",
        "family": "office-supplies",
        "supplier": "Bureau Vert Hauts-de-France",
        "description": "Ramettes et classeurs",
        "amount_excl_vat": "100,00",
        "eco_labels": "",
        "recycled_content": "",
        "reuse": "non",
    }
    row.update({key: _cell(value) for key, value in values.items()})
    return row


def _cell(value) -> str:
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value is None:
        return ""
    return str(value)


def csv_bytes(
    rows: list[dict],
    columns=PURCHASE_COLUMNS,
    *,
    delimiter: str = ";",
    bom: bool = False,
    encoding: str = "utf-8",
) -> bytes:
    """A CSV file of `rows` (dicts by column name) with the header row of `columns`."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    content = text.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + content) if bom else content


def import_file(
    organisation,
    content: bytes,
    *,
    kind=ImportKind.PURCHASES,
    file_name: str = "export.csv",
    actor=None,
) -> ImportBatch:
    """Preview and confirm a file; fails the test with the file's errors when it is refused."""
    batch = import_preview(
        actor=actor, organisation=organisation, kind=kind, content=content, file_name=file_name
    )
    if batch.status != ImportStatus.PREVIEW:
        raise AssertionError(f"the test file was refused: {batch.errors}")
    return import_confirm(actor=actor, batch=batch)


def make_purchases(organisation, rows: list[dict], *, actor=None) -> ImportBatch:
    """Import purchase lines: each row is passed to `purchase_row` (give at least the
    department code; amounts may be Decimal, labels codes joined by "|")."""
    return import_file(organisation, csv_bytes([purchase_row(**row) for row in rows]), actor=actor)


def make_budgets(organisation, rows: list[dict], *, actor=None) -> ImportBatch:
    """Import budgets: rows of department code, year, family code and amount."""
    return import_file(
        organisation,
        csv_bytes(rows, BUDGET_COLUMNS),
        kind=ImportKind.BUDGETS,
        file_name="budgets.csv",
        actor=actor,
    )


def make_seed_rules(clause_admin, *, first_year: int = 2024) -> list[PurchasingRule]:
    """The seed's two rules in the clause administrator's organisation: 20 % of the
    office-supplies budget eco-labelled, 100 % of paper spend recycled."""
    from clauses.models import PurchaseFamily

    families = {family.code: family for family in PurchaseFamily.objects.all()}
    return [
        rule_create(
            actor=clause_admin,
            **{**fields, "family": families[fields["family"]], "first_year": first_year},
        )
        for fields in SEED_RULES
    ]
