"""The files of the finance system, budgets and purchase lines: their contract and the checks
of their rows.

A file is CSV or XLSX (its first sheet, read by `core.tabular`: UTF-8 with or without BOM, `;` or
`,`) with the header row of the command-line contract (`PURCHASE_COLUMNS`, `BUDGET_COLUMNS`;
other columns are ignored). Amounts take a decimal comma or point, dates are YYYY-MM-DD or
DD/MM/YYYY.

Every problem is a `core.tabular.RowError` naming the line as a spreadsheet does (the header is
line 1, the first data row line 2; line 0 is the file as a whole) and the column by its header
name, with a French message. Nothing here writes: `services.imports.import_preview` /
`import_confirm` write from what `check_file` returns. Departments, families, eco-labels and
known references are read with one query each, whatever the number of lines."""

import datetime
import itertools
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from accounts.models import Department, Organisation
from clauses.models import EcoLabel, PurchaseFamily
from core import siret, tabular
from core.numbers import parse_decimal
from core.tabular import ErrorLog, RowError, TableRejected, cell_text

from .codes import unknown_department, unknown_family, unknown_labels
from .models import MAX_YEAR, MIN_YEAR, Budget, ImportKind, Purchase

PURCHASE_COLUMNS = (
    "reference", "date", "department", "family", "supplier", "description", "amount_excl_vat",
    "eco_labels", "recycled_content", "reuse",
)  # fmt: skip
# Read when the file has them; a file without them is read as before.
OPTIONAL_PURCHASE_COLUMNS = ("supplier_siret",)
BUDGET_COLUMNS = ("department", "year", "family", "amount")
COLUMNS = {ImportKind.PURCHASES: PURCHASE_COLUMNS, ImportKind.BUDGETS: BUDGET_COLUMNS}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = (tabular.CSV, tabular.XLSX)
LABEL_SEPARATOR = "|"

# Field lengths of the Purchase model, checked here so that a long value is a line error and
# not a database error at confirmation.
_FIELD_LENGTHS = {
    name: Purchase._meta.get_field(name).max_length
    for name in ("reference", "supplier", "description")
}
# 14 digits with 2 decimals (models.AMOUNT_MAX_DIGITS).
_AMOUNT_LIMIT = Decimal("1000000000000")
_CENT = Decimal("0.01")
_BOOLEANS = dict.fromkeys(("oui", "yes", "1"), True) | dict.fromkeys(("non", "no", "0", ""), False)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Digits with a sign in front and the separators among them, nothing else (no exponent).
_NUMBER = re.compile(r"[+-]?(?=[\d.,]*\d)[\d.,]+")
# Spaces that group thousands ("1 234,56", also the narrow no-break space of French locales).
_SPACES = str.maketrans("", "", " \u00a0\u202f")


class _Bad(Exception):
    """A value that does not fit its column; the message says why, in French."""


# Reading ----------------------------------------------------------------------------------------


def file_problem(content: bytes, file_name: str) -> RowError | None:
    """The reason a file is refused before it is read (type, size), or None."""
    if tabular.file_format(file_name) not in ALLOWED_EXTENSIONS:
        return RowError(
            0,
            "",
            _("Le fichier « %(name)s » n'est pas accepté : envoyez un fichier .csv ou .xlsx.")
            % {"name": file_name},
        )
    if len(content) > MAX_UPLOAD_BYTES:
        return RowError(
            0,
            "",
            _("Le fichier fait %(size)s Mo : la limite est de %(max)s Mo.")
            % {
                "size": f"{len(content) / 1024 / 1024:.1f}".replace(".", ","),
                "max": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
        )
    return None


def read_rows(content: bytes, file_name: str, columns: tuple, *, limit=None, optional=()) -> list:
    """The data rows of a file as (line, values of `columns`, then of `optional`), the first
    `limit` ones only when given; header names are matched whatever their case, other columns
    ignored, an absent optional column read as empty. TableRejected: unreadable, or a column
    is missing."""
    problem = file_problem(content, file_name)
    if problem is not None:
        raise TableRejected([problem])
    try:
        table = tabular.read_table(content, file_name)
        if not any(table.header):
            raise TableRejected(
                [
                    RowError(
                        1,
                        columns[0],
                        _(
                            "Le fichier est vide : la première ligne doit nommer les colonnes "
                            "%(columns)s."
                        )
                        % {"columns": ";".join(columns)},
                    )
                ]
            )
        positions = _positions(table.header, columns, optional)
        rows = [(row.line, row.pick(positions)) for row in itertools.islice(table.rows, limit)]
    except TableRejected as rejected:
        # Column names are the contract's, in lower case.
        raise TableRejected(
            [RowError(e.line, e.column.lower(), e.message) for e in rejected.errors]
        ) from rejected
    if not rows:
        raise TableRejected(
            [RowError(2, "", _("Le fichier ne contient aucune ligne après celle des colonnes."))]
        )
    return rows


_ABSENT = sys.maxsize  # the position of an absent optional column: beyond every row


def _positions(header: list[str], columns: tuple[str, ...], optional: tuple[str, ...]) -> list:
    names = [name.lower() for name in header]
    errors = []
    for position, name in enumerate(names):
        if name in (*columns, *optional) and name in names[:position]:
            errors.append(RowError(1, name, _("Cette colonne apparaît deux fois.")))
    missing = [name for name in columns if name not in names]
    errors.extend(
        RowError(
            1,
            name,
            _("Colonne manquante : la première ligne doit nommer les colonnes %(columns)s.")
            % {"columns": ";".join(columns)},
        )
        for name in missing
    )
    if errors:
        raise TableRejected(errors)
    return [names.index(name) for name in columns] + [
        names.index(name) if name in names else _ABSENT for name in optional
    ]


# Values -----------------------------------------------------------------------------------------


def _required(value) -> str:
    text = cell_text(value)
    if not text:
        raise _Bad(_("Valeur obligatoire."))
    return text


def _bounded(text: str, name: str) -> str:
    limit = _FIELD_LENGTHS[name]
    if len(text) > limit:
        raise _Bad(
            _("Trop long : %(length)d caractères pour %(limit)d au plus.")
            % {"length": len(text), "limit": limit}
        )
    return text


def parse_amount(value) -> Decimal:
    """An amount in euros with at most two decimals: "1 234,56", "1234.56", "-80" (credit
    note), or a number cell of a spreadsheet."""
    if isinstance(value, bool):
        raise _Bad(_("« %(value)s » n'est pas un montant.") % {"value": value})
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # A spreadsheet number: binary noise beyond the cent is not a third decimal.
        amount = Decimal(repr(value))
        if amount.is_finite() and abs(amount) < _AMOUNT_LIMIT:
            rounded = amount.quantize(_CENT)
            if abs(amount - rounded) < Decimal("0.000001"):
                amount = rounded
    else:
        text = _required(value)
        amount = _decimal_text(text)
        if amount is None:
            raise _Bad(
                _(
                    "« %(value)s » n'est pas un montant : écrivez par exemple 1234,56 "
                    "(ou -80,00 pour un avoir)."
                )
                % {"value": text}
            )
    # The size first: a number of more digits than the decimal context holds cannot be
    # rounded to the cent (it would raise InvalidOperation).
    if not amount.is_finite() or abs(amount) >= _AMOUNT_LIMIT:
        raise _Bad(
            _("« %(value)s » dépasse le plus grand montant accepté.") % {"value": cell_text(value)}
        )
    if amount != amount.quantize(_CENT):
        raise _Bad(_("« %(value)s » a plus de deux décimales.") % {"value": cell_text(value)})
    return amount.quantize(_CENT)


def _decimal_text(text: str) -> Decimal | None:
    """A decimal comma or point, whatever the language of the page that sent the file; with
    both, the last one marks the decimals and the other groups thousands ("1.234,56",
    "1,234.56"). Without decimals, a repeated separator ("1,2,3") is not taken for grouping."""
    cleaned = text.translate(_SPACES).removesuffix("€")
    if not _NUMBER.fullmatch(cleaned):
        return None
    commas, points = cleaned.count(","), cleaned.count(".")
    if not (commas and points):
        if commas > 1 or points > 1:
            return None
        cleaned = cleaned.replace(",", ".")
    return parse_decimal(cleaned)


def parse_date(value) -> datetime.date:
    """YYYY-MM-DD, DD/MM/YYYY, or a date cell of a spreadsheet."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        text = _required(value)
        day = None
        if match := _ISO_DATE.fullmatch(text):
            year, month, day_of_month = match.groups()
        elif match := _FRENCH_DATE.fullmatch(text):
            day_of_month, month, year = match.groups()
        if match:
            try:
                day = datetime.date(int(year), int(month), int(day_of_month))
            except ValueError:
                day = None
        if day is None:
            raise _Bad(
                _("« %(value)s » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.")
                % {"value": text}
            )
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _Bad(
            _("La date %(date)s est hors des années acceptées (%(min)d à %(max)d).")
            % {"date": day.strftime("%d/%m/%Y"), "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return day


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    number = _decimal_text(cell_text(value).removesuffix("%").strip())
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def parse_year(value) -> int:
    text = _required(value)
    year = _whole_number(value)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise _Bad(
            _("« %(value)s » n'est pas une année de %(min)d à %(max)d.")
            % {"value": text, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def parse_recycled_content(value) -> int | None:
    """A percentage from 0 to 100 ("45", "45 %"), or None when the cell is empty."""
    text = cell_text(value)
    if not text:
        return None
    percent = _whole_number(value)
    if percent is None or not 0 <= percent <= 100:
        raise _Bad(
            _("« %(value)s » n'est pas une part de 0 à 100 (nombre entier).") % {"value": text}
        )
    return percent


def parse_siret(value) -> str:
    """14 digits (spaces allowed) whose keys are right, or empty."""
    text = cell_text(value).translate(_SPACES)
    if text and not siret.is_valid(text):
        raise _Bad(
            _("« %(value)s » n'est pas un SIRET valide (14 chiffres et clé).") % {"value": text}
        )
    return text


def parse_reuse(value) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text not in _BOOLEANS:
        raise _Bad(
            _("« %(value)s » n'est pas compris : écrivez oui ou non (ou laissez vide).")
            % {"value": cell_text(value)}
        )
    return _BOOLEANS[text]


# Checks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurchaseLine:
    line: int
    reference: str
    date: datetime.date
    department_id: int
    family_id: int
    supplier: str
    description: str
    amount: Decimal
    label_ids: tuple[int, ...]
    recycled_content: int | None
    reuse: bool
    supplier_siret: str = ""


@dataclass(frozen=True)
class BudgetLine:
    line: int
    department_id: int
    year: int
    family_id: int
    amount: Decimal


@dataclass
class Check:
    """What a file holds and what confirming it would do."""

    rows_total: int = 0
    # The first errors (IMPORT_MAX_ERRORS), with `errors.total` counting them all.
    errors: ErrorLog = field(default_factory=ErrorLog)
    # Purchases: the lines whose reference is new. Budgets: the budgets to create.
    to_create: list = field(default_factory=list)
    # Budgets only: (budget, new amount) for the budgets whose amount changes.
    to_update: list = field(default_factory=list)
    # Purchases: lines whose reference is already known. Budgets: amounts already in place.
    skipped: int = 0
    # False when the file was refused before being read (type, size): it is not kept.
    readable: bool = True


class _Codes:
    """Codes of the organisation's departments, of families and of eco-labels → ids. An unknown
    code's message names the closest valid ones (`codes`)."""

    def __init__(self, organisation: Organisation):
        self.departments = dict(
            Department.objects.filter(organisation=organisation).values_list("code", "pk")
        )
        self.families = dict(PurchaseFamily.objects.values_list("code", "pk"))
        self._labels = None

    @property
    def labels(self) -> dict[str, int]:
        if self._labels is None:
            self._labels = dict(EcoLabel.objects.values_list("code", "pk"))
        return self._labels

    def department(self, value) -> int:
        code = _required(value).upper()
        if code not in self.departments:
            raise _Bad(unknown_department(code, self.departments))
        return self.departments[code]

    def family(self, value) -> int:
        code = _required(value).lower()
        if code not in self.families:
            raise _Bad(unknown_family(code, self.families))
        return self.families[code]

    def eco_labels(self, value) -> tuple[int, ...]:
        found = [code.strip().lower() for code in cell_text(value).split(LABEL_SEPARATOR)]
        found = list(dict.fromkeys(code for code in found if code))
        unknown = [code for code in found if code not in self.labels]
        if unknown:
            raise _Bad(unknown_labels(unknown, self.labels))
        return tuple(self.labels[code] for code in found)


def _memo(parse):
    """`parse` remembering its results for the texts it has seen: dates, codes and flags repeat
    over thousands of lines. Errors too: the message of an unknown code is searched once."""
    results = {}

    def parse_once(value):
        if value.__class__ is not str:
            return parse(value)
        if value not in results:
            try:
                results[value] = parse(value)
            except _Bad as bad:
                results[value] = bad
        if isinstance(results[value], _Bad):
            raise _Bad(str(results[value]))
        return results[value]

    return parse_once


def _parse_rows(rows, parsers, errors: list[RowError]):
    """Each row as (line, parsed values, whether all parsed); a value that does not parse is
    None and adds its error."""
    for line, values in rows:
        parsed = []
        valid = True
        for (column, parse), value in zip(parsers, values, strict=True):
            try:
                parsed.append(parse(value))
            except _Bad as bad:
                parsed.append(None)
                valid = False
                errors.append(RowError(line, column, str(bad)))
        yield line, parsed, valid


def check_file(
    *, organisation: Organisation, kind: ImportKind, content: bytes, file_name: str
) -> Check:
    """Read and check a whole file: every bad value is an error; nothing is written."""
    problem = file_problem(content, file_name)
    if problem is not None:
        return Check(errors=ErrorLog([problem]), readable=False)
    try:
        optional = OPTIONAL_PURCHASE_COLUMNS if kind == ImportKind.PURCHASES else ()
        rows = read_rows(content, file_name, COLUMNS[kind], optional=optional)
    except TableRejected as rejected:
        return Check(errors=ErrorLog(rejected.errors))
    if kind == ImportKind.PURCHASES:
        return check_purchases(rows, organisation=organisation)
    return check_budgets(rows, organisation=organisation)


def _duplicate_line(first_line: int) -> str:
    return _("Référence en double : elle figure déjà ligne %(line)d.") % {"line": first_line}


def check_purchases(
    rows: list[tuple[int, list]],
    *,
    organisation: Organisation,
    duplicate_message: Callable[[int], str] = _duplicate_line,
) -> Check:
    """Check purchase rows (values in the order of PURCHASE_COLUMNS). A reference repeated in
    the file is an error naming its first line (`duplicate_message` words it: the API numbers
    its items, not lines); a reference the organisation already has is skipped, even when its
    values differ: the line was imported already and the finance system, not this file, is
    the source."""
    codes = _Codes(organisation)
    result = Check(rows_total=len(rows))
    errors = result.errors
    lines = []
    first_lines: dict[str, int] = {}
    parsers = [
        ("reference", _reference),
        ("date", _memo(parse_date)),
        ("department", _memo(codes.department)),
        ("family", _memo(codes.family)),
        ("supplier", _text("supplier")),
        ("description", _text("description")),
        ("amount_excl_vat", parse_amount),
        ("eco_labels", _memo(codes.eco_labels)),
        ("recycled_content", _memo(parse_recycled_content)),
        ("reuse", _memo(parse_reuse)),
        ("supplier_siret", _memo(parse_siret)),
    ]
    for line, values, valid in _parse_rows(rows, parsers, errors):
        reference = values[0]
        if reference is not None:
            if reference in first_lines:
                valid = False
                errors.append(
                    RowError(line, "reference", duplicate_message(first_lines[reference]))
                )
            else:
                first_lines[reference] = line
        if valid:
            lines.append(PurchaseLine(line, *values))
    if errors:
        return result
    known = known_references(organisation, [line.reference for line in lines])
    result.to_create = [line for line in lines if line.reference not in known]
    result.skipped = len(lines) - len(result.to_create)
    return result


def _reference(value) -> str:
    return _bounded(_required(value), "reference")


def _text(column: str):
    """A free text of `column`, within the model's length."""
    return lambda value: _bounded(cell_text(value), column)


def known_references(organisation: Organisation, references: list[str]) -> set[str]:
    """The references among `references` the organisation already has, in one query.

    The list travels as one JSON parameter: 100,000 placeholders would pass SQLite's limit on
    query parameters and make a very long statement for PostgreSQL to parse."""
    if not references:
        return set()
    purchases = Purchase.objects.filter(organisation=organisation)
    if connection.vendor == "postgresql":
        values = RawSQL("SELECT jsonb_array_elements_text(%s::jsonb)", [json.dumps(references)])
    elif connection.vendor == "sqlite":
        values = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(references)])
    else:
        values = references
    return set(purchases.filter(reference__in=values).values_list("reference", flat=True))


def check_budgets(rows: list[tuple[int, list]], *, organisation: Organisation) -> Check:
    """Check budget rows (values in the order of BUDGET_COLUMNS): each sets the amount of a
    department, year and family; the same three repeated in the file is an error naming the
    first line. Amounts already in place are skipped."""
    codes = _Codes(organisation)
    result = Check(rows_total=len(rows))
    errors = result.errors
    lines = []
    first_lines: dict[tuple, int] = {}
    parsers = [
        ("department", codes.department),
        ("year", parse_year),
        ("family", codes.family),
        ("amount", _budget_amount),
    ]
    for line, values, valid in _parse_rows(rows, parsers, errors):
        if not valid:
            continue
        key = tuple(values[:3])
        if key in first_lines:
            errors.append(
                RowError(
                    line,
                    "department",
                    _(
                        "Budget en double : la même direction, la même année et la même famille "
                        "figurent déjà ligne %(line)d."
                    )
                    % {"line": first_lines[key]},
                )
            )
            continue
        first_lines[key] = line
        lines.append(BudgetLine(line, *values))
    if errors:
        return result
    existing = {
        (budget.department_id, budget.year, budget.family_id): budget
        for budget in Budget.objects.filter(
            organisation=organisation, year__in={line.year for line in lines}
        )
    }
    for line in lines:
        budget = existing.get((line.department_id, line.year, line.family_id))
        if budget is None:
            result.to_create.append(line)
        elif budget.amount != line.amount:
            result.to_update.append((budget, line.amount))
        else:
            result.skipped += 1
    return result


def _budget_amount(value) -> Decimal:
    amount = parse_amount(value)
    if amount < 0:
        raise _Bad(_("Un budget ne peut pas être négatif."))
    return amount
