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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.cells import FORMULA_STARTS, csv_text, xlsx_cell

from .models import MarketNature, MarketStatus, Procedure

CHUNK_SIZE = 2000
SHEET_TITLE = "Marchés"
EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD/MM/YYYY"


class Kind:
    TEXT = "text"
    CHOICE = "choice"
    AMOUNT = "amount"
    DATE = "date"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # a field, lookup or annotation of the `market_list` queryset
    kind: str = Kind.TEXT
    width: int = 18
    choices: type | None = None  # the TextChoices of a Kind.CHOICE column


# The buyer as the list names them: their full name, their e-mail without one.
BUYER_NAME = Coalesce(
    NullIf(
        Trim(Concat("buyer__first_name", Value(" "), "buyer__last_name", output_field=CharField())),
        Value(""),
    ),
    "buyer__email",
    output_field=CharField(),
)

COLUMNS = (
    Column(_("Référence"), "reference", width=18),
    Column(_("Objet"), "title", width=60),
    Column(_("Direction"), "department__name", width=34),
    Column(_("Famille d'achat"), "purchase_family__name", width=26),
    Column(_("Code CPV principal"), "main_cpv__code", width=14),
    Column(_("Acheteur"), "buyer_name", width=24),
    Column(_("Statut"), "status", Kind.CHOICE, width=20, choices=MarketStatus),
    Column(_("Nature"), "nature", Kind.CHOICE, width=16, choices=MarketNature),
    Column(_("Procédure"), "procedure", Kind.CHOICE, width=28, choices=Procedure),
    Column(_("Montant estimé HT"), "estimated_amount", Kind.AMOUNT, width=18),
    Column(_("Montant attribué HT"), "awarded_amount", Kind.AMOUNT, width=18),
    Column(_("Date de lancement"), "launch_date", Kind.DATE, width=13),
    Column(_("Date de publication"), "published_on", Kind.DATE, width=13),
    Column(_("Considération sociale"), "has_social", Kind.YES_NO, width=12),
    Column(_("Considération environnementale"), "has_environmental", Kind.YES_NO, width=12),
)


def rows(markets) -> Iterator[tuple]:
    """The values of COLUMNS, in their order, for each contract of a `market_list` queryset,
    fetched chunk by chunk as plain tuples (no model instance per row)."""
    return (
        markets.annotate(buyer_name=BUYER_NAME)
        .values_list(*(column.field for column in COLUMNS))
        .iterator(chunk_size=CHUNK_SIZE)
    )


def _labels(column: Column) -> dict:
    """The labels of a choice column in the active language, computed once per file."""
    return {value: str(label) for value, label in column.choices.choices}


def _yes_no() -> tuple[str, str]:
    return gettext("Non"), gettext("Oui")


def filename(organisation, extension: str, today: datetime.date | None = None) -> str:
    today = today or datetime.date.today()
    return f"marches-{organisation.slug}-{today.isoformat()}.{extension}"


# --- CSV ---------------------------------------------------------------------------------------


def _csv_text(value) -> str:
    return "" if value is None else csv_text(value)


def _csv_amount(value) -> str:
    return "" if value is None else format(value, ".2f").replace(".", ",")


def _csv_date(value) -> str:
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def _csv_converters() -> list[Callable]:
    """One function per column from its value to its text, the lookups made once."""
    no, yes = _yes_no()
    converters = []
    for column in COLUMNS:
        if column.kind == Kind.CHOICE:
            converters.append(_labels(column).get)
        elif column.kind == Kind.AMOUNT:
            converters.append(_csv_amount)
        elif column.kind == Kind.DATE:
            converters.append(_csv_date)
        elif column.kind == Kind.YES_NO:
            converters.append(lambda value, yes=yes, no=no: yes if value else no)
        else:
            converters.append(_csv_text)
    return converters


class _Echo:
    """A file-like object whose write returns what it is given, for a streamed csv.writer."""

    def write(self, value):
        return value


def csv_lines(values: Iterable[tuple]) -> Iterator[str]:
    """The lines of the CSV file of `rows()`, the byte-order mark first."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([str(column.header) for column in COLUMNS])
    converters = _csv_converters()
    for row in values:
        yield writer.writerow(
            [convert(value) for convert, value in zip(converters, row, strict=True)]
        )


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_text(sheet):
    def convert(value):
        # openpyxl makes a text starting with "=" a formula: that one gets a string cell.
        if value is not None and value.startswith(FORMULA_STARTS):
            return xlsx_cell(sheet, value)
        return value

    return convert


def _xlsx_formatted(sheet, number_format: str):
    """A column of numbers or dates in `number_format`. The write-only sheet writes a row as it
    is appended, so one styled cell per column serves every row (a style per cell is what
    costs)."""
    cell = WriteOnlyCell(sheet)
    cell.number_format = number_format

    def convert(value):
        if value is None:
            return None
        cell.value = value
        return cell

    return convert


def _xlsx_converters(sheet) -> list[Callable]:
    no, yes = _yes_no()
    converters = []
    for column in COLUMNS:
        if column.kind == Kind.CHOICE:
            converters.append(_labels(column).get)
        elif column.kind == Kind.AMOUNT:
            converters.append(_xlsx_formatted(sheet, EURO_FORMAT))
        elif column.kind == Kind.DATE:
            converters.append(_xlsx_formatted(sheet, DATE_FORMAT))
        elif column.kind == Kind.YES_NO:
            converters.append(lambda value, yes=yes, no=no: yes if value else no)
        else:
            converters.append(_xlsx_text(sheet))
    return converters


def write_xlsx(values: Iterable[tuple], target) -> None:
    """Write the workbook of `rows()` (one sheet « Marchés ») to `target`, a path or a binary
    file.

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
    converters = _xlsx_converters(sheet)
    for row in values:
        sheet.append([convert(value) for convert, value in zip(converters, row, strict=True)])
    workbook.save(target)


def xlsx_file(values: Iterable[tuple]):
    """The workbook in a temporary file (deleted when closed), positioned at its start."""
    # Handed to the FileResponse, which closes (and so deletes) it once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(values, handle)
    handle.seek(0)
    return handle
