"""Property tests of core.tabular: whatever the bytes, the reader gives a header and rows, or
refuses the file with errors naming a line and a column, within a memory bound."""

from hypothesis import given
from hypothesis import strategies as st

from core.tabular import RowError, TableRejected, read_table
from core.tests.hostile import FUZZ, MEMORY_BOUND, csv_files, memory_peak, sheet_files, zip_files


def read_or_refuse(content: bytes, file_name: str):
    """The rows read, or the refusal's errors; any other exception fails the test."""
    with memory_peak() as peak:
        try:
            table = read_table(content, file_name)
            result = [(row.line, row.values) for row in table.rows]
        except TableRejected as rejected:
            result = rejected.errors
            assert rejected.errors
            for error in rejected.errors:
                assert isinstance(error, RowError)
                assert isinstance(error.line, int) and error.line >= 0
                assert isinstance(error.column, str)
                assert error.message
    assert peak[0] < MEMORY_BOUND
    return result


@FUZZ
@given(content=st.binary(max_size=2000), name=st.sampled_from(["f.csv", "f.xlsx"]))
def test_arbitrary_bytes_are_read_or_refused(content, name):
    read_or_refuse(content, name)


@FUZZ
@given(content=csv_files())
def test_broken_quoting_mixed_encodings_and_huge_cells_are_read_or_refused(content):
    result = read_or_refuse(content, "f.csv")
    if result and isinstance(result[0], tuple):
        assert [line for line, _values in result] == sorted({line for line, _ in result})


@FUZZ
@given(content=sheet_files())
def test_workbooks_with_gaps_formulas_and_lying_dimensions_are_read_or_refused(content):
    read_or_refuse(content, "f.xlsx")


@FUZZ
@given(content=zip_files())
def test_zips_shaped_like_workbooks_are_read_or_refused(content):
    read_or_refuse(content, "f.xlsx")
