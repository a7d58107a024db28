"""Tables that people send as files: a CSV or the first sheet of an XLSX workbook, read into a
header and rows numbered as a spreadsheet numbers them (the header is line 1, the first data
row line 2; line 0 is the file as a whole).

A CSV is UTF-8 with or without BOM; its separator is the one of `delimiters` the header row
uses most (the first listed on a tie). Quoting is the spreadsheets' (a quote inside a quoted
value is doubled; a line break may sit inside quotes); with `strict_quotes`, a quote left open
or followed by anything but the separator makes the file unreadable instead of merging cells.

Reading only: what the columns must be and what their values mean is the caller's, who words
its own `RowError`s with the same numbering. A file that cannot be read as a table raises
`TableRejected`, whose errors are in French."""

import csv
import datetime
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

CSV = ".csv"
XLSX = ".xlsx"


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

    `rows` is read once, as it is iterated: a CSV row that cannot be read raises
    TableRejected then, after the rows before it, so that a caller can first judge the
    header."""

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
) -> Table:
    """The table of a file, XLSX when its name says so, CSV otherwise. Blank rows are left
    out and keep their number. Raises TableRejected when the file cannot be read."""
    if file_format(file_name) == XLSX:
        records = _xlsx_records(content)
        header = next(records, [])
        return Table([cell_text(value) for value in header], _rows(records))
    text = _decode(content, delimiters)
    end = text.find("\n")
    delimiter = _delimiter(text if end < 0 else text[:end], delimiters)
    # newline="" keeps line breaks inside quoted values, as the csv module asks.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict_quotes)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise TableRejected([_unreadable_line(1)]) from error
    return Table([value.strip() for value in header], _csv_rows(reader))


def _rows(records) -> Iterator[Row]:
    for line, record in enumerate(records, start=2):
        if any(cell_text(value) for value in record):
            yield Row(line, record)


def _csv_rows(reader) -> Iterator[Row]:
    line = 1
    try:
        for line, record in enumerate(reader, start=2):
            if any(value.strip() for value in record):
                yield Row(line, record)
    except csv.Error as error:
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


def _decode(content: bytes, delimiters: tuple[str, ...]) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableRejected([_encoding_error(content, error, delimiters)]) from error


def _encoding_error(
    content: bytes, error: UnicodeDecodeError, delimiters: tuple[str, ...]
) -> RowError:
    """Name the line and, when the header can be read, the column of the first bad byte."""
    start = content.rfind(b"\n", 0, error.start) + 1
    line = content.count(b"\n", 0, error.start) + 1
    column = ""
    header = content.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    delimiter = _delimiter(header, delimiters)
    if line > 1:
        names = [name.strip().strip('"') for name in header.split(delimiter)]
        index = content.count(delimiter.encode(), start, error.start)
        if index < len(names):
            column = names[index]
    return RowError(
        line,
        column,
        _(
            "Le fichier n'est pas encodé en UTF-8 (octet %(byte)s) : enregistrez-le en "
            "« CSV UTF-8 » depuis votre tableur."
        )
        % {"byte": f"0x{content[error.start]:02X}"},
    )


def _xlsx_records(content: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # Read everything now: a damaged sheet fails here, not halfway through the checks.
        records = [list(row) for row in sheet.iter_rows(min_row=1, values_only=True)]
        workbook.close()
    # openpyxl raises many kinds of errors on a damaged file; each means "unreadable".
    except Exception as error:
        raise TableRejected(
            [
                RowError(
                    0,
                    "",
                    _(
                        "Le classeur Excel est illisible : enregistrez-le de nouveau au format "
                        ".xlsx ou envoyez un CSV."
                    ),
                )
            ]
        ) from error
    return iter(records)
