"""The exchange format of clause libraries between organisations: what a file holds, how it is
written and read. The export (selectors/exchange.py) and the import (services/exchange.py) use it.

The export carries, for each clause not retired, the text of its version in force (or its draft
text when it was never approved), its purchase families by code and its CPV prefixes. The import
reads either format, checks every entry before writing anything, and creates the clauses as
drafts of the importer's organisation: their administrator reviews and approves them.

JSON: {"format": "achats-responsables.clauses", "format_version": 1,
       "organisation": {"name", "siret"}, "exported_at": ISO datetime, "clauses": [{...}, ...]}.
CSV: one row per clause, ";"-separated, UTF-8 with a byte order mark (what Excel in France opens
and saves); the header is FIELDS; lists are joined with " | " and parameters are compact JSON.
It is read by core.tabular, which numbers lines as a spreadsheet does (a clause whose text holds
line breaks is one line) and bounds what a file may cost to read.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from core import tabular
from core.cells import csv_text, csv_text_read

from . import parameters as parameters_module
from .models import CLAUSE_TEXT_FIELDS, Clause

FORMAT = "achats-responsables.clauses"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".json", ".csv")

# Free texts and codes; a code or choice is trimmed on import, a text is kept as written.
# The fields written as plain strings.
TEXT_FIELDS = (
    "code",
    *(name for name in CLAUSE_TEXT_FIELDS if name not in ("ocds_strategies", "parameters")),
)
TRIMMED_FIELDS = frozenset({"code", "title", "category", "kind", "decp_consideration", "ocds_goal"})
CHOICE_FIELDS = ("category", "kind", "decp_consideration", "ocds_goal")
# Lists of codes, joined with " | " in a CSV cell.
LIST_FIELDS = ("ocds_strategies", "purchase_families", "cpv_prefixes")
# What the import reads; status and version describe the source and are not imported.
IMPORTED_FIELDS = (
    *TEXT_FIELDS,
    "ocds_strategies",
    "parameters",
    "purchase_families",
    "cpv_prefixes",
)
REQUIRED_FIELDS = frozenset({"code", "title", "body", "category", "kind", "ocds_goal"})
INFORMATIVE_FIELDS = ("status", "version")
FIELDS = (*IMPORTED_FIELDS, *INFORMATIVE_FIELDS)

CSV_DELIMITER = ";"
CSV_LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    file_name: str


# Writing


def json_content(entries: list[dict], *, organisation) -> bytes:
    """The JSON file of an organisation's entries."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "organisation": {"name": organisation.name, "siret": organisation.siret},
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "clauses": entries,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv_cell(name: str, value) -> str:
    """A field as text, marked by `core.cells.csv_text` (reversibly: `_read_csv` takes the mark
    off) so that no cell runs as a formula when the file is opened in a spreadsheet."""
    if name in LIST_FIELDS:
        text = CSV_LIST_SEPARATOR.join(value)
    elif name == "parameters":
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = "" if value is None else str(value)
    return csv_text(text, reversible=True)


def csv_content(entries: list[dict]) -> bytes:
    """The CSV file of the entries: one row each, under the header FIELDS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow(FIELDS)
    for entry in entries:
        writer.writerow([_csv_cell(name, entry[name]) for name in FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def in_key_order(definition: dict) -> dict:
    """A definition with its keys in a fixed order: PostgreSQL's jsonb does not keep the
    order they were written in, and an export must read the same whatever the database."""
    known = [key for key in parameters_module.KEYS_ORDER if key in definition]
    return {key: definition[key] for key in [*known, *sorted(set(definition) - set(known))]}


# Reading


@dataclass
class Entry:
    """One clause read from the file: its position, where it starts, and its raw fields."""

    number: int
    fields: dict
    line: int | None = None
    # Set when the CSV row itself is malformed: its cells cannot be trusted.
    row_error: str = ""

    def label(self) -> str:
        code = self.fields.get("code") if isinstance(self.fields, dict) else None
        details = [code.strip()] if isinstance(code, str) and code.strip() else []
        if self.line is not None:
            details.append(_("ligne %(line)d") % {"line": self.line})
        if details:
            return _("Entrée %(number)d (%(details)s)") % {
                "number": self.number,
                "details": ", ".join(details),
            }
        return _("Entrée %(number)d") % {"number": self.number}

    def error(self, field: str | None, message: str) -> str:
        if field is None:
            return _("%(entry)s : %(message)s") % {"entry": self.label(), "message": message}
        return _("%(entry)s, champ « %(field)s » : %(message)s") % {
            "entry": self.label(),
            "field": field,
            "message": message,
        }


def check_upload(*, file_name: str, size: int) -> None:
    """Refuse a file of the wrong type or too large, before reading it."""
    if PurePath(file_name).suffix.lower() not in EXTENSIONS:
        raise ValidationError(
            _(
                "« %(name)s » n'est ni un fichier JSON (.json) ni un fichier CSV (.csv) : "
                "importez un fichier exporté depuis une bibliothèque de clauses."
            )
            % {"name": file_name}
        )
    if size > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("Le fichier fait %(size)s : la taille maximale est de %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_IMPORT_BYTES)}
        )


def _decode(content: bytes) -> str:
    try:
        # utf-8-sig drops the byte order mark Excel writes, and reads plain UTF-8 as well.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "Le fichier n'est pas encodé en UTF-8 (octet %(position)d illisible) : "
                "enregistrez-le au format « CSV UTF-8 » ou « JSON UTF-8 »."
            )
            % {"position": error.start + 1}
        ) from None


def _read_json(text: str) -> list[Entry]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Le fichier JSON est mal formé : ligne %(line)d, colonne %(column)d.")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        # Python's json module recurses once per level of nesting.
        raise ValidationError(
            _("Le fichier JSON imbrique trop de listes ou d'objets : ce n'est pas un export.")
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(
            _(
                "Ce fichier JSON n'est pas une bibliothèque de clauses : son champ « format » "
                "doit valoir « %(format)s »."
            )
            % {"format": FORMAT}
        )
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(
            _(
                "Version de format « %(version)s » non prise en charge : cette application lit "
                "la version %(supported)d."
            )
            % {"version": version, "supported": FORMAT_VERSION}
        )
    clauses = document.get("clauses")
    if not isinstance(clauses, list):
        raise ValidationError(_("Le champ « clauses » du fichier doit être une liste."))
    return [Entry(number=number, fields=fields) for number, fields in enumerate(clauses, 1)]


def _read_csv(content: bytes) -> list[Entry]:
    """The entries of a CSV, read by core.tabular (rows numbered as a spreadsheet numbers
    them, bounded memory and number of lines); a malformed line refuses the file."""
    try:
        table = tabular.read_table(content, "clauses.csv", delimiters=(CSV_DELIMITER,))
        if not table.header:
            raise ValidationError(_("Le fichier CSV est vide."))
        header = table.header
        _check_csv_header(header)
        entries = []
        for row in table.rows:
            values = [csv_text_read(cell) for cell in row.values]
            fields = dict(zip(header, values, strict=False))
            entry = Entry(number=len(entries) + 1, fields=fields, line=row.line)
            if len(values) != len(header):
                entry.fields = {"code": fields.get("code", "")}
                entry.row_error = _(
                    "la ligne a %(cells)d cellules au lieu des %(columns)d de l'en-tête."
                ) % {"cells": len(row.values), "columns": len(header)}
            entries.append(entry)
    except tabular.TableRejected as rejected:
        raise ValidationError(
            [
                _("Le fichier CSV est mal formé à la ligne %(line)d : %(error)s.")
                % {"line": error.line, "error": error.message.rstrip(".")}
                for error in rejected.errors
            ]
        ) from None
    return entries


def _check_csv_header(header: list[str]) -> None:
    if len(header) == 1 and "," in header[0]:
        raise ValidationError(
            _(
                "Les colonnes du fichier CSV doivent être séparées par des points-virgules (;), "
                "pas par des virgules."
            )
        )
    errors = []
    missing = [name for name in IMPORTED_FIELDS if name not in header]
    if missing:
        errors.append(
            _("Colonnes manquantes dans l'en-tête du fichier CSV : %(names)s.")
            % {"names": ", ".join(missing)}
        )
    unknown = [name for name in header if name not in FIELDS]
    if unknown:
        errors.append(
            _("Colonnes inconnues dans l'en-tête du fichier CSV : %(names)s.")
            % {"names": ", ".join(f"« {name} »" for name in unknown)}
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        errors.append(
            _("Colonnes répétées dans l'en-tête du fichier CSV : %(names)s.")
            % {"names": ", ".join(repeated)}
        )
    if errors:
        raise ValidationError(errors)


def _csv_value(name: str, cell: str):
    """A CSV cell as the value JSON would give: a list, parameter definitions or a text."""
    if name in LIST_FIELDS:
        return [item.strip() for item in cell.split("|") if item.strip()]
    if name == "parameters":
        if not cell.strip():
            return []
        try:
            return json.loads(cell)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("ce n'est pas une liste JSON valide (caractère %(position)d).")
                % {"position": error.pos + 1}
            ) from None
    return cell


def shape_entry(entry: Entry, *, from_csv: bool) -> tuple[dict, list[str], set[str]]:
    """The entry's values ready for the model, its errors, and the fields they concern."""
    values, errors, faulty = {}, [], set()

    def fail(field, message):
        errors.append(entry.error(field, message))
        faulty.add(field)

    if not isinstance(entry.fields, dict):
        fail(None, _("chaque clause doit être un objet JSON."))
        return values, errors, faulty
    if entry.row_error:
        fail(None, entry.row_error)
        return values, errors, faulty
    for name in entry.fields:
        if name not in FIELDS:
            fail(name, _("champ inconnu."))
    for name in IMPORTED_FIELDS:
        raw = entry.fields.get(name)
        if from_csv and raw is not None:
            try:
                raw = _csv_value(name, raw)
            except ValidationError as error:
                fail(name, error.messages[0])
                continue
        if raw is None or raw == "":
            if name in REQUIRED_FIELDS:
                fail(name, _("ce champ est obligatoire."))
                continue
            raw = [] if name in (*LIST_FIELDS, "parameters") else ""
        if name in TEXT_FIELDS:
            if not isinstance(raw, str):
                fail(name, _("la valeur doit être un texte."))
                continue
            values[name] = raw.strip() if name in TRIMMED_FIELDS else raw
        elif name == "parameters":
            if not isinstance(raw, list):
                fail(name, _("les paramètres doivent former une liste."))
                continue
            values[name] = raw
        else:
            if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
                fail(name, _("la valeur doit être une liste de textes."))
                continue
            values[name] = [item.strip() for item in raw]
    for name in CHOICE_FIELDS:
        if name in faulty or name not in values:
            continue
        field = Clause._meta.get_field(name)
        allowed = [value for value, _label in field.choices]
        if values[name] not in allowed and not (field.blank and values[name] == ""):
            fail(
                name,
                _("« %(value)s » n'est pas une valeur permise ; valeurs permises : %(allowed)s.")
                % {"value": values[name], "allowed": ", ".join(allowed)},
            )
    return values, errors, faulty


def read_entries(file_name: str, content: bytes) -> tuple[list[Entry], bool]:
    check_upload(file_name=file_name, size=len(content))
    text = _decode(content)
    from_csv = PurePath(file_name).suffix.lower() == ".csv"
    entries = _read_csv(content) if from_csv else _read_json(text)
    if not entries:
        raise ValidationError(_("Le fichier ne contient aucune clause."))
    return entries, from_csv
