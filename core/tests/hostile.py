"""Hypothesis strategies of the files an attacker or a careless spreadsheet sends: arbitrary
bytes, CSV with broken quoting and mixed encodings, huge cells, formulas, and zips shaped like
workbooks. Shared by the property tests of every reader."""

import io
import tracemalloc
import zipfile
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from core.tests import workbooks

# Few examples, no deadline (the machine is shared), no example database: the suite stays
# fast and the same on every run.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What reading one of these files may cost at most (tracemalloc's peak).
MEMORY_BOUND = 64 * 1024 * 1024

_PIECES = st.sampled_from(
    [
        '"',
        '""',
        ";",
        ",",
        "\n",
        "\r\n",
        "\r",
        "\0",
        '=HYPERLINK("http://x")',
        "+1",
        "@SUM(A1)",
        "-2",
        "\t",
        "é",
        "€",
        "\ufeff",
        "𝔘",
        " ",
    ]
)
_CELL_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=6).map("".join)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])


@st.composite
def csv_files(draw, header: tuple[str, ...] = ("reference", "amount")) -> bytes:
    """A CSV whose lines mix encodings, quoting and cells of every kind, some huge."""
    lines = [";".join(draw(st.permutations(header)))]
    for _line in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(_CELL_TEXT, max_size=len(header) + 2))
        if draw(st.booleans()):
            cells.append("x" * draw(st.sampled_from([1000, 140_000, 300_000])))
        lines.append(draw(st.sampled_from([";", ","])).join(cells))
    parts = []
    for line in lines:
        encoding = draw(_ENCODINGS)
        parts.append(line.encode(encoding, errors="replace"))
    return draw(st.sampled_from([b"\n", b"\r\n", b"\r"])).join(parts)


def _cell_xml(reference: str, value) -> str:
    if isinstance(value, str):
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace("\0", "")
        return workbooks.text_cell(reference, text)
    return workbooks.number_cell(reference, value)


@st.composite
def sheet_files(draw) -> bytes:
    """A workbook of rows with gaps, formulas, odd references and a dimension that lies."""
    rows = []
    line = 0
    for _row in range(draw(st.integers(0, 5))):
        line += draw(st.sampled_from([1, 1, 2, 70, 5000]))
        values = draw(
            st.lists(st.one_of(_CELL_TEXT, st.integers(-(10**20), 10**20), st.floats()), max_size=4)
        )
        cells = [_cell_xml(f"{column}{line}", value) for column, value in zip("ABCD", values)]
        if draw(st.booleans()):
            cells.append(f'<c r="E{line}"><f>HYPERLINK("http://x")</f><v>1</v></c>')
        if draw(st.booleans()):
            cells.append(f'<c r="{draw(st.sampled_from(["ZZZ", "XFD", "AAAA", "1", ""]))}{line}"/>')
        rows.append(workbooks.row_xml(line, cells))
    dimension = draw(st.sampled_from([None, "A1:A1", "A1:XFD1048576", "nonsense"]))
    return workbooks.workbook(rows, dimension=dimension)


@st.composite
def zip_files(draw) -> bytes:
    """Zips with the names of a workbook's parts and contents that are or are not theirs."""
    names = [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
    ]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))):
            content = draw(
                st.one_of(
                    st.binary(max_size=64),
                    st.sampled_from([b"<a/>", b"<?xml version='1.0'?><x>", b"\0" * 500_000]),
                )
            )
            archive.writestr(name, content)
    content = output.getvalue()
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(content)))
        content = content[:cut]
    return content


@contextmanager
def memory_peak():
    """The peak of memory allocated inside the block, in `peak[0]`."""
    peak = [0]
    tracemalloc.start()
    try:
        yield peak
        peak[0] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
