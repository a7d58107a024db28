"""Property tests of the readers of the finance system's files: whatever a purchases or a
budgets file holds, it gives rows in the contract's columns or errors naming a line and a
column, never another exception, within a memory bound."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgets import imports
from budgets.models import ImportKind
from core.tabular import TableRejected
from core.tests.hostile import FUZZ, MEMORY_BOUND, csv_files, memory_peak, sheet_files, zip_files

KINDS = st.sampled_from([ImportKind.PURCHASES, ImportKind.BUDGETS])


def read_or_refuse(content: bytes, file_name: str, kind: ImportKind) -> None:
    columns = imports.COLUMNS[kind]
    with memory_peak() as peak:
        try:
            rows = imports.read_rows(content, file_name, columns)
        except TableRejected as rejected:
            assert rejected.errors
            for error in rejected.errors:
                assert error.line >= 0
                assert error.column in ("", *columns)
                assert error.message
        else:
            assert rows
            assert all(len(values) == len(columns) for _line, values in rows)
    assert peak[0] < MEMORY_BOUND


@FUZZ
@given(content=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "a.xlsx"]), kind=KINDS)
def test_arbitrary_bytes_are_read_or_refused(content, name, kind):
    read_or_refuse(content, name, kind)


@FUZZ
@given(data=st.data(), kind=KINDS)
def test_hostile_csv_files_are_read_or_refused(data, kind):
    read_or_refuse(data.draw(csv_files(imports.COLUMNS[kind])), "achats.csv", kind)


@FUZZ
@given(content=st.one_of(sheet_files(), zip_files()), kind=KINDS)
def test_hostile_workbooks_are_read_or_refused(content, kind):
    read_or_refuse(content, "achats.xlsx", kind)


@pytest.mark.django_db
def test_a_formula_is_read_as_the_text_typed_not_evaluated(settings):
    content = b'reference;amount_excl_vat\n=HYPERLINK("http://x");=1+1\n'

    rows = imports.read_rows(content, "a.csv", ("reference", "amount_excl_vat"))

    assert rows == [(2, ['=HYPERLINK("http://x")', "=1+1"])]
    with pytest.raises(imports._Bad):
        imports.parse_amount("=1+1")
