"""The one reader of the tables people send: CSV (either separator, with or without BOM) or
XLSX, into a header and rows numbered as a spreadsheet numbers them."""

import datetime
import io
import os
import random
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from core.tabular import ErrorLog, RowError, TableRejected, cell_text, read_table
from core.tests import workbooks


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
        (4, ["B"]),
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


# --- Hostile files: bounded rows, cells and zips -------------------------------------------


def read_all(content: bytes, file_name: str, **options) -> list[tuple[int, list]]:
    return rows_of(read_table(content, file_name, **options))


def rejection(content: bytes, file_name: str, **options) -> list[RowError]:
    with pytest.raises(TableRejected) as rejected:
        read_all(content, file_name, **options)
    return rejected.value.errors


TOO_LONG = (
    "Le fichier dépasse 3 lignes après celle des colonnes : découpez-le en plusieurs fichiers."
)


def test_a_csv_longer_than_the_maximum_is_refused_at_the_first_line_beyond_it():
    content = b"code\n" + b"".join(b"A%d\n" % number for number in range(10))

    assert read_all(content, "table.csv", max_rows=10)[-1] == (11, ["A9"])
    assert rejection(content, "table.csv", max_rows=3) == [RowError(5, "", TOO_LONG)]


def test_blank_lines_count_towards_the_maximum():
    assert rejection(b"code\n\n\n\n\nA\n", "table.csv", max_rows=3) == [RowError(5, "", TOO_LONG)]


def test_the_maximum_is_the_setting_by_default(settings):
    settings.IMPORT_MAX_ROWS = 3

    assert rejection(b"code\nA\nB\nC\nD\n", "table.csv") == [RowError(5, "", TOO_LONG)]


def test_a_cell_longer_than_the_csv_limit_names_its_line():
    content = b"code;text\nA;x\nB;" + b"y" * 200_000 + b"\n"

    assert rejection(content, "table.csv") == [
        RowError(3, "", "Une cellule de la ligne dépasse 131\xa0072 caractères.")
    ]


def test_a_csv_line_of_too_many_cells_is_refused():
    assert rejection(b"code\n" + b";" * 5000 + b"\n", "table.csv") == [
        RowError(2, "", "La ligne a 5\xa0001 cellules : 1\xa0000 au plus.")
    ]


def test_a_million_rows_workbook_without_dimension_is_refused_before_openpyxl_reads_it():
    content = workbooks.one_cell_rows(1_000_000)
    tracemalloc.start()
    try:
        errors = rejection(content, "bombe.xlsx", max_rows=200_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert errors == [
        RowError(
            200_002,
            "",
            "Le fichier dépasse 200\xa0000 lignes après celle des colonnes : découpez-le en "
            "plusieurs fichiers.",
        )
    ]
    assert peak < 30 * 1024 * 1024


def test_a_workbook_is_read_without_trusting_its_dimension():
    rows = [
        workbooks.row_xml(1, [workbooks.text_cell("A1", "code")]),
        *(workbooks.row_xml(line, [workbooks.number_cell(f"A{line}", line)]) for line in (2, 3)),
    ]

    assert read_all(workbooks.workbook(rows, dimension="A1:A1"), "t.xlsx") == [
        (2, [2]),
        (3, [3]),
    ]
    # A dimension claiming the widest sheet does not widen every row.
    assert read_all(workbooks.workbook(rows, dimension="A1:XFD1048576"), "t.xlsx") == [
        (2, [2]),
        (3, [3]),
    ]


def test_a_workbook_row_far_below_the_others_counts_the_lines_between():
    rows = [
        workbooks.row_xml(1, [workbooks.text_cell("A1", "code")]),
        workbooks.row_xml(1_000_000, [workbooks.number_cell("A1000000", 1)]),
    ]

    assert rejection(workbooks.workbook(rows), "t.xlsx", max_rows=3) == [RowError(5, "", TOO_LONG)]


def test_a_workbook_row_of_too_many_cells_is_refused_before_it_is_built():
    # Cells without a reference, of different numbers: a real row, not a compressible one.
    numbers = random.Random(0)
    cells = [f"<c><v>{numbers.getrandbits(40)}</v></c>" for _column in range(5000)]
    content = workbooks.workbook([workbooks.row_xml(1, cells)])

    assert rejection(content, "t.xlsx") == [
        RowError(1, "", "La ligne a 1\xa0001 cellules : 1\xa0000 au plus.")
    ]


def zip_of(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def test_a_zip_bomb_is_refused_by_its_ratio_before_anything_is_unpacked():
    content = zip_of({"xl/worksheets/sheet1.xml": b"\0" * (50 * 1024 * 1024)})

    assert rejection(content, "bombe.xlsx") == [
        RowError(
            0,
            "",
            "Le classeur Excel se décompresse en 1\xa0028 fois sa taille : au-delà de 100 fois, "
            "ce n'est pas un tableau mais une archive piégée.",
        )
    ]


def test_a_zip_that_unpacks_beyond_the_size_limit_is_refused(settings):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    content = zip_of({"xl/worksheets/sheet1.xml": os.urandom(2 * 1024 * 1024)})

    assert rejection(content, "gros.xlsx") == [
        RowError(
            0,
            "",
            "Le classeur Excel se décompresse en 2 Mo : la limite est de 1 Mo. Découpez-le ou "
            "envoyez-le en CSV.",
        )
    ]


def test_a_zip_of_too_many_entries_is_unreadable():
    content = zip_of({f"part{number}.xml": b"<a/>" for number in range(1001)})

    assert [(e.line, e.column) for e in rejection(content, "t.xlsx")] == [(0, "")]


def test_a_zip_that_lies_about_its_sizes_is_unreadable():
    content = bytearray(zip_of({"xl/worksheets/sheet1.xml": b"<a>" + b"x" * 100_000 + b"</a>"}))
    # The directory's uncompressed size of the entry, lowered: zipfile stops there.
    directory = content.rfind(b"PK\x01\x02")
    content[directory + 24 : directory + 28] = (1000).to_bytes(4, "little")

    assert [(e.line, e.column) for e in rejection(bytes(content), "t.xlsx")] == [(0, "")]


def test_errors_beyond_the_limit_are_counted_not_kept():
    log = ErrorLog(limit=2)
    log.extend(RowError(line, "code", "Faux.") for line in range(2, 7))

    assert (list(log), log.total, log.omitted) == (
        [RowError(2, "code", "Faux."), RowError(3, "code", "Faux.")],
        5,
        3,
    )
