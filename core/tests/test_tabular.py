"""The one reader of the tables people send: CSV (either separator, with or without BOM) or
XLSX, into a header and rows numbered as a spreadsheet numbers them."""

import datetime
import io

import pytest
from openpyxl import Workbook

from core.tabular import RowError, TableRejected, cell_text, read_table


def rows_of(table) -> list[tuple[int, list]]:
    return [(row.line, row.values) for row in table.rows]


@pytest.mark.parametrize(
    "content",
    [
        b"code;name\r\nA;Alpha\r\nB;Beta\r\n",
        b"\xef\xbb\xbfcode;name\r\nA;Alpha\r\nB;Beta\r\n",
        b"code,name\nA,Alpha\nB,Beta",
    ],
    ids=["semicolon", "semicolon-with-bom", "comma"],
)
def test_a_csv_gives_its_header_and_rows_whatever_its_separator_and_bom(content):
    table = read_table(content, "table.csv")

    assert table.header == ["code", "name"]
    assert rows_of(table) == [(2, ["A", "Alpha"]), (3, ["B", "Beta"])]


def test_the_separator_the_header_uses_is_the_files_and_the_other_stays_in_values():
    table = read_table(b"code;amount\nA;1,50\n", "table.csv")

    assert rows_of(table) == [(2, ["A", "1,50"])]


def test_a_caller_may_accept_one_separator_only():
    table = read_table(b"code,name\nA,Alpha\n", "table.csv", delimiters=(";",))

    assert table.header == ["code,name"]


def test_blank_rows_are_left_out_and_keep_their_number():
    table = read_table(b"code;name\n\nA;Alpha\n ; \nB;Beta\n", "table.csv")

    assert [row.line for row in table.rows] == [3, 5]


def test_a_quoted_value_may_hold_the_separator_a_quote_and_a_line_break():
    table = read_table(b'code;text\nA;"un; ""deux""\ntrois"\nB;x\n', "table.csv")

    assert rows_of(table) == [(2, ["A", 'un; "deux"\ntrois']), (3, ["B", "x"])]


def test_a_quote_left_open_names_its_line_after_the_rows_before_it():
    table = read_table(b'code;text\nA;x\nB;"y" z\n', "table.csv")

    rows = []
    with pytest.raises(TableRejected) as rejected:
        rows.extend(table.rows)

    assert [row.line for row in rows] == [2]
    assert rejected.value.errors == [
        RowError(
            3,
            "",
            "Ligne illisible : un guillemet ouvert n'est pas refermé ou est suivi d'autre chose "
            "que le séparateur.",
        )
    ]


def test_without_strict_quotes_a_stray_quote_stays_in_the_value():
    table = read_table(b'code;text\nB;"y" z\n', "table.csv", strict_quotes=False)

    assert rows_of(table) == [(2, ["B", "y z"])]


def test_a_file_not_in_utf8_names_the_line_and_column_of_the_bad_byte():
    with pytest.raises(TableRejected) as rejected:
        read_table("code;Name\nA;Été\n".encode("cp1252"), "table.csv")

    assert rejected.value.errors == [
        RowError(
            2,
            "Name",
            "Le fichier n'est pas encodé en UTF-8 (octet 0xC9) : enregistrez-le en « CSV UTF-8 » "
            "depuis votre tableur.",
        )
    ]


def test_an_empty_file_has_an_empty_header_and_no_rows():
    table = read_table(b"", "table.csv")

    assert (table.header, rows_of(table)) == ([], [])


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_a_workbook_gives_its_first_sheet_with_the_cells_values():
    content = xlsx(
        ["code", "date", "amount"],
        ["A", datetime.datetime(2025, 3, 14), 12.5],
        [None, None, None],
        ["B"],
    )

    table = read_table(content, "Table.XLSX")

    assert table.header == ["code", "date", "amount"]
    assert rows_of(table) == [
        (2, ["A", datetime.datetime(2025, 3, 14), 12.5]),
        (4, ["B", None, None]),
    ]


def test_a_damaged_workbook_is_unreadable():
    with pytest.raises(TableRejected) as rejected:
        read_table(b"PK\x03\x04 not a workbook", "table.xlsx")

    assert [(e.line, e.column) for e in rejected.value.errors] == [(0, "")]


def test_a_row_picks_its_cells_and_none_beyond_its_end():
    row = next(read_table(b"a;b;c\n1;2\n", "table.csv").rows)

    assert row.pick([2, 0, 1]) == [None, "1", "2"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("  texte ", "texte"),
        (None, ""),
        (12.0, "12"),
        (12.5, "12.5"),
        (datetime.datetime(2025, 3, 14), "2025-03-14"),
        (datetime.datetime(2025, 3, 14, 9, 30), "2025-03-14T09:30:00"),
        (True, "True"),
    ],
)
def test_a_cell_as_the_person_typed_it(value, text):
    assert cell_text(value) == text
