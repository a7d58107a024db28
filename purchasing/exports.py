"""The contract list as a file: one writer per format over the same columns.

Rows come from `selectors.market_list` read with `.iterator()` in chunks: the whole filtered
list, however long, in the same few queries and without holding it in memory.

CSV is for French spreadsheets: `;` separated, UTF-8 with a byte-order mark (so Excel reads the
accents), decimal comma, dates DD/MM/YYYY. XLSX keeps amounts as numbers (with a euro format)
and dates as dates, so that they can be summed and sorted. Texts go through `core.cells`: a
title typed as a formula stays a text in both formats."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.cells import csv_text, xlsx_cell

from .models import Market

CHUNK_SIZE = 500
SHEET_TITLE = "Marchés"
EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD/MM/YYYY"
CSV_DATE_FORMAT = "%d/%m/%Y"


class Kind:
    TEXT = "text"
    AMOUNT = "amount"
    DATE = "date"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Column:
    header: str
    value: object  # Market -> value
    kind: str = Kind.TEXT
    width: int = 18


def _name(person) -> str:
    return person.get_full_name() or person.email


COLUMNS = (
    Column(_("Référence"), lambda m: m.reference, width=18),
    Column(_("Objet"), lambda m: m.title, width=60),
    Column(_("Direction"), lambda m: m.department.name, width=34),
    Column(
        _("Famille d'achat"),
        lambda m: m.purchase_family.name if m.purchase_family else "",
        width=26,
    ),
    Column(_("Code CPV principal"), lambda m: m.main_cpv.code if m.main_cpv else "", width=14),
    Column(_("Acheteur"), lambda m: _name(m.buyer), width=24),
    Column(_("Statut"), lambda m: m.get_status_display(), width=20),
    Column(_("Nature"), lambda m: m.get_nature_display(), width=16),
    Column(_("Procédure"), lambda m: m.get_procedure_display(), width=28),
    Column(_("Montant estimé HT"), lambda m: m.estimated_amount, Kind.AMOUNT, width=18),
    Column(_("Montant attribué HT"), lambda m: m.awarded_amount, Kind.AMOUNT, width=18),
    Column(_("Date de lancement"), lambda m: m.launch_date, Kind.DATE, width=13),
    Column(_("Date de publication"), lambda m: m.published_on, Kind.DATE, width=13),
    Column(_("Considération sociale"), lambda m: m.has_social, Kind.YES_NO, width=12),
    Column(
        _("Considération environnementale"), lambda m: m.has_environmental, Kind.YES_NO, width=12
    ),
)


def rows(markets) -> Iterator[Market]:
    """The contracts of a `market_list` queryset, fetched chunk by chunk."""
    return markets.iterator(chunk_size=CHUNK_SIZE)


def filename(organisation, extension: str, today: datetime.date | None = None) -> str:
    today = today or datetime.date.today()
    return f"marches-{organisation.slug}-{today.isoformat()}.{extension}"


# --- CSV ---------------------------------------------------------------------------------------


def _csv_text(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == Kind.AMOUNT:
        return format(Decimal(value).quantize(Decimal("0.01")), "f").replace(".", ",")
    if kind == Kind.DATE:
        return value.strftime(CSV_DATE_FORMAT)
    if kind == Kind.YES_NO:
        return str(_("Oui")) if value else str(_("Non"))
    return csv_text(str(value))


class _Echo:
    """A file-like object whose write returns what it is given, for a streamed csv.writer."""

    def write(self, value):
        return value


def csv_lines(markets: Iterable[Market]) -> Iterator[str]:
    """The lines of the CSV file, the byte-order mark first."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([str(column.header) for column in COLUMNS])
    for market in markets:
        yield writer.writerow([_csv_text(column.kind, column.value(market)) for column in COLUMNS])


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_cell(sheet, kind: str, value):
    if kind == Kind.YES_NO:
        value = str(_("Oui")) if value else str(_("Non"))
    cell = xlsx_cell(sheet, value)
    if kind == Kind.AMOUNT and value is not None:
        cell.number_format = EURO_FORMAT
    elif kind == Kind.DATE and value is not None:
        cell.number_format = DATE_FORMAT
    return cell


def write_xlsx(markets: Iterable[Market], target) -> None:
    """Write the workbook (one sheet « Marchés ») to `target`, a path or a binary file.

    The write-only mode keeps one row in memory at a time, whatever the list's length."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for market in markets:
        sheet.append([_xlsx_cell(sheet, column.kind, column.value(market)) for column in COLUMNS])
    workbook.save(target)


def xlsx_file(markets: Iterable[Market]):
    """The workbook in a temporary file (deleted when closed), positioned at its start."""
    # Handed to the FileResponse, which closes (and so deletes) it once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(markets, handle)
    handle.seek(0)
    return handle
