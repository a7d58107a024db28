"""The SPASER's indicators of a year as open data: a CSV (UTF-8, comma-separated) of one row
per indicator of the catalogue, in the Table Schema of `data/spaser-indicators.schema.json`
(written by the team, shipped with the product)."""

import csv
import io
from pathlib import Path

from core.cells import csv_text

SCHEMA_PATH = Path(__file__).with_name("data") / "spaser-indicators.schema.json"
COLUMNS = (
    "annee",
    "siret_acheteur",
    "nom_acheteur",
    "code_indicateur",
    "libelle_indicateur",
    "unite",
    "objet_compte",
    "nombre",
    "nombre_total",
    "part_nombre",
    "valeur",
    "valeur_total",
    "part_valeur",
    "unite_valeur",
)


def _cell(value) -> str:
    return "" if value is None else str(value)


def indicators_csv(report) -> str:
    """The report's catalogue as the CSV of the schema."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    organisation = report.organisation
    for item in report.figures.get("catalogue", []):
        writer.writerow(
            [
                report.year,
                organisation.siret,
                csv_text(organisation.name),
                item["code"],
                csv_text(item["label"]),
                item["unit"],
                csv_text(item["counted"]),
                _cell(item["number"]),
                _cell(item["number_total"]),
                _cell(item["number_share"]),
                _cell(item["value"]),
                _cell(item["value_total"]),
                _cell(item["value_share"]),
                item["value_unit"],
            ]
        )
    return buffer.getvalue()
