"""The yearly AGEC declaration (loi AGEC art. 58, décret 2024-134) as a CSV file of the official
table schema « schema-declaration-biens-reemploi-reutilisation-recycle » v0.1.0, kept in
`../shared/data/agec/schema.json`: its columns in its order, comma separated, UTF-8 without BOM,
amounts with a point and two decimals, no thousands separator.

What goes in each column is decided in `selectors.agec.agec_declaration`: total spend of the
category, spend on lines from reuse (`reuse` flag or a reuse label), spend on lines with
recycled material (recycled content above 0 % or a recycled-content label), and 0 for donations
(not purchases). Texts (the organisation's name, the comment) go through `core.cells.csv_text`,
so that none runs as a formula in a spreadsheet."""

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import TextIO

from core.cells import csv_text

from .selectors.agec import AgecRow

# The schema's field names, in its order, and the row attribute each is written from.
COLUMNS = {
    "annee": "year",
    "siret": "siret",
    "raison_sociale": "organisation_name",
    "type_produit_acquis": "category",
    "montant_total": "total_amount",
    "montant_reemploi_et_reutilisation": "reuse_amount",
    "montant_produits_issus_don": "donation_amount",
    "montant_produits_recycles": "recycled_amount",
    "commentaires": "comment",
}
AGEC_FIELDS = tuple(COLUMNS)


def _cell(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def agec_file_name(*, organisation, year: int) -> str:
    return f"declaration-agec-{organisation.slug}-{year}.csv"


def write_agec_csv(rows: Iterable[AgecRow], stream: TextIO) -> None:
    """Write the header and the rows to a text stream (a file opened with `newline=""` and
    `encoding="utf-8"`, or an HttpResponse)."""
    writer = csv.writer(stream, delimiter=",", lineterminator="\r\n")
    writer.writerow(AGEC_FIELDS)
    for row in rows:
        writer.writerow([_cell(getattr(row, attribute)) for attribute in COLUMNS.values()])
