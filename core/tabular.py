"""Tables that people send as files: a CSV or the first sheet of an XLSX workbook, read into a
header and rows numbered as a spreadsheet numbers them (the header is line 1, the first data
row line 2; line 0 is the file as a whole).

A CSV is UTF-8 with or without BOM; its separator is the one of `delimiters` the header row
uses most (the first listed on a tie). Quoting is the spreadsheets' (a quote inside a quoted
value is doubled; a line break may sit inside quotes); with `strict_quotes`, a quote left open
or followed by anything but the separator makes the file unreadable instead of merging cells.

Memory stays bounded whatever the file holds: rows are read as they are iterated (a CSV is
decoded a block at a time; a workbook is parsed by openpyxl's read-only mode, whose
`<dimension>` is not trusted), a file of more than `IMPORT_MAX_ROWS` lines or of a row of more
than MAX_CELLS cells is refused when the reading reaches it, and a workbook whose zip would
unpack to an absurd size (`XLSX_MAX_UNCOMPRESSED_BYTES`, `XLSX_MAX_RATIO`) or whose first
sheet is too long or too wide is refused before openpyxl reads a row of it. `ErrorLog` keeps
the first errors of a file and counts the others.

Reading only: what the columns must be and what their values mean is the caller's, who words
its own `RowError`s with the same numbering. A file that cannot be read as a table raises
`TableRejected`, whose errors are in French."""

import codecs
import csv
import datetime
import io
import os
import pyexpat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CSV = ".csv"
XLSX = ".xlsx"
# Cells of one row: far beyond any table people exchange, low enough that one row cannot fill
# the memory (a CSV line of ";;;;…" or a sheet row of a million cells).
MAX_CELLS = 1000
# Characters of one cell (the csv module's default limit). Checked here: the csv module's own
# limit is the process's, and a library may raise it (frictionless does, on import).
MAX_CELL_CHARACTERS = 131_072
# Blocks of the CSV checked as UTF-8 and of the sheet given to the XML scan.
_BLOCK = 1 << 16
# Entries of a workbook's zip: a few dozen in a real one.
_MAX_ZIP_MEMBERS = 1000
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW_TAG = f"{_SHEET_NS} row"
_CELL_TAG = f"{_SHEET_NS} c"


@dataclass(frozen=True)
class RowError:
    """A problem of a file: line as in a spreadsheet (0 for the whole file), column by its
    header name ("" when no column is concerned), French message."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column or '-'}: {self.message}"

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


class ErrorLog(list):
    """The errors of a file as a list of its first `limit` ones, with `total` counting every
    error added: a file of a million bad lines keeps a thousand messages, not a million."""

    def __init__(self, errors=(), *, limit: int | None = None):
        super().__init__()
        self.limit = settings.IMPORT_MAX_ERRORS if limit is None else limit
        self.total = 0
        self.extend(errors)

    def append(self, error) -> None:
        self.total += 1
        if len(self) < self.limit:
            super().append(error)

    def extend(self, errors) -> None:
        for error in errors:
            self.append(error)

    @property
    def omitted(self) -> int:
        """The errors counted but not kept."""
        return self.total - len(self)


class TableRejected(Exception):
    """The file cannot be read as a table (or, raised by a caller, not as the table it
    expects)."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class Row(NamedTuple):
    """A data row that is not blank: its line and its cells as the file holds them (texts for
    a CSV; texts, numbers, dates or None for a workbook), as many as the row has."""

    line: int
    values: list

    def pick(self, positions: list[int]) -> list:
        """The cells at `positions`, None beyond the end of the row."""
        width = len(self.values)
        return [self.values[index] if index < width else None for index in positions]


@dataclass
class Table:
    """The header's names (cell texts; empty when the file is) and the rows after it.

    `rows` is read once, as it is iterated: a row that cannot be read, or a line beyond the
    maximum, raises TableRejected then, after the rows before it, so that a caller can first
    judge the header."""

    header: list[str]
    rows: Iterator[Row]


def cell_text(value) -> str:
    """A cell as the person typed it: stripped text; a whole number without ".0"; a date
    without the midnight a spreadsheet adds."""
    if value.__class__ is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value).strip()


def file_format(file_name: str) -> str:
    """The file's extension, lower case: `CSV`, `XLSX` or another one the caller refuses."""
    return os.path.splitext(file_name)[1].lower()


def read_table(
    content: bytes,
    file_name: str,
    *,
    delimiters: tuple[str, ...] = (";", ","),
    strict_quotes: bool = True,
    max_rows: int | None = None,
) -> Table:
    """The table of a file, XLSX when its name says so, CSV otherwise. Blank rows are left
    out and keep their number. At most `max_rows` lines after the header (the setting
    IMPORT_MAX_ROWS by default). Raises TableRejected when the file cannot be read."""
    if max_rows is None:
        max_rows = settings.IMPORT_MAX_ROWS
    if file_format(file_name) == XLSX:
        records = _xlsx_records(content, max_rows)
        header = _first(records)
        return Table([cell_text(value) for value in header], _rows(records, max_rows))
    _check_utf8(content, delimiters)
    # Decoded a block at a time as the rows are read; newline="" keeps line breaks inside
    # quoted values, as the csv module asks.
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    first_line = text.readline(MAX_CELLS * 64)
    text.seek(0)
    delimiter = _delimiter(first_line, delimiters)
    reader = csv.reader(text, delimiter=delimiter, strict=strict_quotes)
    records = _csv_records(reader)
    header = _first(records)
    return Table([value.strip() for value in header], _rows(records, max_rows))


def _first(records: Iterator[list]) -> list:
    return next(records, [])


def _rows(records: Iterator[list], max_rows: int) -> Iterator[Row]:
    """The rows after the header that are not blank, numbered from 2; a line after the last
    one allowed is refused (blank lines count: they cost the reading as much)."""
    last = max_rows + 1
    for line, record in enumerate(records, start=2):
        if line > last:
            raise TableRejected([_too_long(line, max_rows)])
        if any(cell_text(value) for value in record):
            yield Row(line, record)


def _too_long(line: int, max_rows: int) -> RowError:
    return RowError(
        line,
        "",
        _(
            "Le fichier dépasse %(max)s lignes après celle des colonnes : découpez-le en "
            "plusieurs fichiers."
        )
        % {"max": number_format(max_rows, force_grouping=True)},
    )


def _too_wide(line: int, cells: int) -> RowError:
    return RowError(
        line,
        "",
        _("La ligne a %(cells)s cellules : %(max)s au plus.")
        % {
            "cells": number_format(cells, force_grouping=True),
            "max": number_format(MAX_CELLS, force_grouping=True),
        },
    )


def _too_long_cell(line: int) -> RowError:
    return RowError(
        line,
        "",
        _("Une cellule de la ligne dépasse %(max)s caractères.")
        % {"max": number_format(MAX_CELL_CHARACTERS, force_grouping=True)},
    )


def _csv_records(reader) -> Iterator[list]:
    line = 0
    try:
        for line, record in enumerate(reader, start=1):
            if len(record) > MAX_CELLS:
                raise TableRejected([_too_wide(line, len(record))])
            if any(len(cell) > MAX_CELL_CHARACTERS for cell in record):
                raise TableRejected([_too_long_cell(line)])
            yield record
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise TableRejected([_too_long_cell(line + 1)]) from error
        raise TableRejected([_unreadable_line(line + 1)]) from error


def _unreadable_line(line: int) -> RowError:
    return RowError(
        line,
        "",
        _(
            "Ligne illisible : un guillemet ouvert n'est pas refermé ou est suivi "
            "d'autre chose que le séparateur."
        ),
    )


def _delimiter(header: str, delimiters: tuple[str, ...]) -> str:
    # Header names hold no separator, so the one the header row uses is the file's.
    return max(delimiters, key=header.count)


def _check_utf8(content: bytes, delimiters: tuple[str, ...]) -> None:
    """Refuse a file that is not UTF-8 before reading a row, a block at a time: the text of
    the whole file is never held."""
    view = memoryview(content)
    position = 0
    while position < len(view):
        end = position + _BLOCK
        try:
            # A character cut by the end of the block is left for the next one.
            _text, consumed = codecs.utf_8_decode(view[position:end], "strict", end >= len(view))
        except UnicodeDecodeError as error:
            raise TableRejected(
                [_encoding_error(content, position + error.start, delimiters)]
            ) from error
        position += consumed


def _encoding_error(content: bytes, start: int, delimiters: tuple[str, ...]) -> RowError:
    """Name the line and, when the header can be read, the column of the first bad byte."""
    line_start = content.rfind(b"\n", 0, start) + 1
    line = content.count(b"\n", 0, start) + 1
    column = ""
    header_end = content.find(b"\n", 0, MAX_CELLS * 64)
    header = content[: header_end if header_end >= 0 else MAX_CELLS * 64]
    header = header.decode("utf-8-sig", errors="replace")
    delimiter = _delimiter(header, delimiters)
    if line > 1:
        names = [name.strip().strip('"') for name in header.split(delimiter)]
        index = content.count(delimiter.encode(), line_start, start)
        if index < len(names):
            column = names[index]
    return RowError(
        line,
        column,
        _(
            "Le fichier n'est pas encodé en UTF-8 (octet %(byte)s) : enregistrez-le en "
            "« CSV UTF-8 » depuis votre tableur."
        )
        % {"byte": f"0x{content[start]:02X}"},
    )


# Workbooks --------------------------------------------------------------------------------------


def _unreadable_workbook(line: int = 0) -> TableRejected:
    return TableRejected(
        [
            RowError(
                line,
                "",
                _(
                    "Le classeur Excel est illisible : enregistrez-le de nouveau au format "
                    ".xlsx ou envoyez un CSV."
                ),
            )
        ]
    )


def _check_zip(content: bytes, max_rows: int) -> None:
    """Refuse a zip that would unpack to an absurd size, from its directory, then a sheet too
    long or too wide. The sizes the directory declares bound what is read: zipfile stops at
    them (and the checksum then fails)."""
    # Each entry of the zip's directory starts with this signature: counted before Python
    # builds an object per entry.
    if content.count(b"PK\x01\x02") > _MAX_ZIP_MEMBERS:
        raise _unreadable_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_sizes(members)
            # openpyxl reads every sheet when it opens a workbook (looking for a <dimension>
            # up to the end of the rows when there is none): each part is scanned before.
            for member in members:
                with archive.open(member) as source:
                    _scan_sheet(source, max_rows)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
        # RuntimeError: an encrypted entry.
        raise _unreadable_workbook() from error


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(member.file_size for member in members)
    largest_ratio = max(
        (member.file_size / max(member.compress_size, 1) for member in members), default=0
    )
    limit = settings.XLSX_MAX_UNCOMPRESSED_BYTES
    if unpacked > limit:
        raise TableRejected(
            [
                RowError(
                    0,
                    "",
                    _(
                        "Le classeur Excel se décompresse en %(size)s Mo : la limite est de "
                        "%(max)s Mo. Découpez-le ou envoyez-le en CSV."
                    )
                    % {
                        "size": number_format(unpacked // 1024 // 1024, force_grouping=True),
                        "max": number_format(limit // 1024 // 1024, force_grouping=True),
                    },
                )
            ]
        )
    if largest_ratio > settings.XLSX_MAX_RATIO:
        raise TableRejected(
            [
                RowError(
                    0,
                    "",
                    _(
                        "Le classeur Excel se décompresse en %(ratio)s fois sa taille : au-delà "
                        "de %(max)s fois, ce n'est pas un tableau mais une archive piégée."
                    )
                    % {
                        "ratio": number_format(int(largest_ratio), force_grouping=True),
                        "max": number_format(settings.XLSX_MAX_RATIO, force_grouping=True),
                    },
                )
            ]
        )


def _scan_sheet(source, max_rows: int) -> None:
    """Count the rows and each row's cells of a sheet's XML with expat, which builds nothing:
    openpyxl builds every cell of a row before giving it, so a row of a million cells or a
    million rows must be refused before it reads them. Another part of the zip has no rows."""
    parser = pyexpat.ParserCreate(namespace_separator=" ")
    rows = cells = 0
    last = max_rows + 1

    def start(name, _attributes):
        nonlocal rows, cells
        if name == _CELL_TAG:
            cells += 1
            if cells > MAX_CELLS:
                raise TableRejected([_too_wide(rows, cells)])
        elif name == _ROW_TAG:
            rows += 1
            cells = 0
            if rows > last:
                raise TableRejected([_too_long(rows, max_rows)])

    parser.StartElementHandler = start
    try:
        while block := source.read(_BLOCK):
            parser.Parse(block, False)
        parser.Parse(b"", True)
    except pyexpat.ExpatError:
        # Not XML (an image), or XML openpyxl will find damaged if it reads it.
        return


def _xlsx_records(content: bytes, max_rows: int) -> Iterator[list]:
    """The records of the first sheet, each a list of its cells; raises TableRejected before
    the first one when the workbook is refused, then at the record that cannot be read."""
    from openpyxl import load_workbook

    _check_zip(content, max_rows)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The rows and widths come from the cells themselves, not from what <dimension> says.
        sheet.reset_dimensions()
    # openpyxl raises many kinds of errors on a damaged file; each means "unreadable".
    except Exception as error:
        raise _unreadable_workbook() from error
    return _sheet_records(workbook, sheet)


def _sheet_records(workbook, sheet) -> Iterator[list]:
    line = 0
    try:
        for record in sheet.iter_rows(values_only=True):
            line += 1
            yield list(record)
    except TableRejected:
        raise
    except Exception as error:
        raise _unreadable_workbook(line + 1) from error
    finally:
        workbook.close()
