"""The codes an imported file may write in its coded columns (the departments of the
organisation, the purchase families, the eco-labels, the reuse flag): the list the reference
page shows, the XLSX template with its drop-down lists, and the closest valid codes that the
message of an unknown code names.

The checks of `imports` read the same tables (one query each): what this page lists is what
an import accepts."""

import difflib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import Department, Organisation
from clauses.models import EcoLabel, PurchaseFamily

from .models import ImportKind

# At most this many suggestions, each at least this similar (difflib's ratio, 0 to 1).
MAX_SUGGESTIONS = 3
SIMILARITY = 0.6
REUSE_WORDS = ("oui", "non")
# Rows of the template that get the drop-down lists (a finance system's month is well below).
TEMPLATE_ROWS = 5000
CODES_SHEET = "Codes"


@dataclass(frozen=True)
class Code:
    code: str
    label: str


@dataclass(frozen=True)
class CodedColumn:
    """A column of the import whose values are codes, with every code it accepts."""

    name: str
    title: str
    codes: list[Code]
    note: str


def coded_columns(organisation: Organisation, kind: str = ImportKind.PURCHASES) -> list:
    """The coded columns of an import of `kind`, with their codes (departments of the
    organisation, families, eco-labels), in the order of the file's columns."""
    departments = CodedColumn(
        "department",
        _("Directions de votre organisation"),
        [
            Code(code, name)
            for code, name in Department.objects.filter(organisation=organisation)
            .order_by("code")
            .values_list("code", "name")
        ],
        _("Le code de la direction, en majuscules ou en minuscules."),
    )
    families = CodedColumn(
        "family",
        _("Familles d'achat"),
        [
            Code(code, name)
            for code, name in PurchaseFamily.objects.order_by("code").values_list("code", "name")
        ],
        _("Le code de la famille d'achat."),
    )
    if kind == ImportKind.BUDGETS:
        return [departments, families]
    labels = CodedColumn(
        "eco_labels",
        _("Écolabels"),
        [
            Code(code, name)
            for code, name in EcoLabel.objects.order_by("code").values_list("code", "name")
        ],
        _("Vide, un code d'écolabel, ou plusieurs séparés par | (par exemple %(example)s).")
        % {"example": "eu-ecolabel|fsc"},
    )
    reuse = CodedColumn(
        "reuse",
        _("Réemploi"),
        [Code("oui", _("Produit de réemploi")), Code("non", _("Produit neuf (aussi : vide)"))],
        _("oui ou non ; vide vaut non."),
    )
    return [departments, families, labels, reuse]


# Unknown codes ----------------------------------------------------------------------------------


def close_codes(code: str, known) -> list[str]:
    """The valid codes closest to `code`, the closest first."""
    return difflib.get_close_matches(code, list(known), n=MAX_SUGGESTIONS, cutoff=SIMILARITY)


def _quoted(codes) -> str:
    return ", ".join(_("« %(code)s »") % {"code": code} for code in codes)


def unknown_message(message: str, unknown: list[str], known) -> str:
    """`message` (which names the unknown codes) followed by the closest valid codes, when
    some are close enough to be a typing slip."""
    suggestions = list(
        dict.fromkeys(suggestion for code in unknown for suggestion in close_codes(code, known))
    )
    if not suggestions:
        return message
    return (
        message
        + " "
        + ngettext(
            "Code accepté le plus proche : %(codes)s.",
            "Codes acceptés les plus proches : %(codes)s.",
            len(suggestions),
        )
        % {"codes": _quoted(suggestions)}
    )


def unknown_department(code: str, known) -> str:
    return unknown_message(
        _("Direction inconnue dans votre organisation : « %(code)s ».") % {"code": code},
        [code],
        known,
    )


def unknown_family(code: str, known) -> str:
    return unknown_message(
        _("Famille d'achat inconnue : « %(code)s ».") % {"code": code}, [code], known
    )


def unknown_labels(codes: list[str], known) -> str:
    return unknown_message(
        ngettext("Écolabel inconnu : %(codes)s.", "Écolabels inconnus : %(codes)s.", len(codes))
        % {"codes": _quoted(codes)},
        codes,
        known,
    )


# The XLSX template ------------------------------------------------------------------------------


def template_workbook(organisation: Organisation, kind: str, columns: tuple[str, ...]):
    """An XLSX template, as bytes (a few hundred codes at most): the header row of the import
    with a note on each coded column, drop-down lists of the codes below it, and a sheet
    « Codes » listing every code with its label. The lists accept other values with a warning
    only: a cell may hold several eco-labels."""
    coded = {column.name: column for column in coded_columns(organisation, kind)}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Achats") if kind == ImportKind.PURCHASES else _("Budgets")
    codes_sheet = workbook.create_sheet(CODES_SHEET)
    bold = Font(bold=True)
    codes_at = 1
    for position, name in enumerate(columns, start=1):
        header = sheet.cell(row=1, column=position, value=name)
        header.font = bold
        sheet.column_dimensions[get_column_letter(position)].width = max(14, len(name) + 4)
        column = coded.get(name)
        if column is None:
            continue
        header.comment = Comment(column.note, "Achats responsables")
        code_letter = get_column_letter(codes_at)
        _write_codes(codes_sheet, codes_at, column)
        codes_at += 3
        if column.codes:
            last = len(column.codes) + 1
            validation = DataValidation(
                type="list",
                formula1=f"{quote_sheetname(CODES_SHEET)}!${code_letter}$2:${code_letter}${last}",
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
                errorTitle=_("Code inconnu"),
                error=_("Ce code n'est pas dans la feuille « Codes » : l'import le refusera."),
            )
            sheet.add_data_validation(validation)
            letter = get_column_letter(position)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_codes(sheet, at: int, column: CodedColumn) -> None:
    """Two columns of the codes sheet from `at`: the codes of `column` and their labels. Every
    value is written as a string cell: a department named "=…" stays a text."""
    for offset, title in enumerate((column.name, column.title)):
        cell = sheet.cell(row=1, column=at + offset, value=title)
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for row, code in enumerate(column.codes, start=2):
        for offset, value in enumerate((code.code, code.label)):
            cell = sheet.cell(row=row, column=at + offset, value=value)
            cell.data_type = "s"
    sheet.column_dimensions[get_column_letter(at)].width = 22
    sheet.column_dimensions[get_column_letter(at + 1)].width = 40
