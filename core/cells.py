"""Cells of the CSV and XLSX files the product writes, safe from formula injection.

A spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or `@` (and some read
a tab or a carriage return before them) as a formula: a contract title typed as
`=HYPERLINK("http://…")` would become a link, or worse, on the reader's machine. Every writer
puts its texts through this module (OWASP, "CSV Injection"):

- CSV: a text that starts with one of those characters gets a leading apostrophe, which the
  spreadsheets show as a text marker; `reversible=True` (for a file the product reads back,
  such as the clause exchange) also marks a text that starts with an apostrophe, so that
  `csv_text_read` gives back exactly what was written.
- XLSX: a text is always a string cell, never a formula, whatever it starts with.

Numbers, dates and booleans are not texts: callers write them as they are."""

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARKER = "'"
MARKED_STARTS = (*FORMULA_STARTS, TEXT_MARKER)


def csv_text(value: str, *, reversible: bool = False) -> str:
    """A text for a CSV cell: with the apostrophe in front when it could run as a formula."""
    starts = MARKED_STARTS if reversible else FORMULA_STARTS
    return TEXT_MARKER + value if value.startswith(starts) else value


def csv_text_read(value: str) -> str:
    """The text `csv_text(..., reversible=True)` was given."""
    if value.startswith(TEXT_MARKER) and value[1:].startswith(MARKED_STARTS):
        return value[1:]
    return value


def xlsx_cell(sheet, value) -> WriteOnlyCell:
    """A cell of a write-only sheet; a text is a string cell even when it starts with `=`."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl makes any text starting with "=" a formula; the type says it is a text.
        cell.data_type = "s"
    return cell
