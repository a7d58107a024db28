"""Reading the official correspondence between postcodes and French communes: La Poste's
« base officielle des codes postaux » (data.gouv.fr, Licence Ouverte), a CSV with the commune's
INSEE code, its name and its postcode on each line. Both of its published layouts are read:
the historical one (`#Code_commune_INSEE;Nom_de_la_commune;Code_postal;…`, semicolons) and the
current one (`code_commune_insee,nom_de_la_commune,code_postal,…`, commas). A line repeated
(the same commune under the same postcode, for another delivery name) counts once."""

import csv
import io
import re
from dataclasses import dataclass

INSEE_CODE = re.compile(r"^([0-9]{2}|2A|2B)[0-9]{3}$")
POSTCODE = re.compile(r"^[0-9]{5}$")
NAME_MAX_LENGTH = 100
COLUMNS = {
    "code_commune_insee": "insee_code",
    "nom_de_la_commune": "name",
    "nom_commune": "name",
    "code_postal": "postcode",
}


class CommuneFileError(ValueError):
    """The file cannot be loaded; the message names the line at fault."""


@dataclass(frozen=True)
class CommuneRow:
    insee_code: str
    postcode: str
    name: str


def _header(names: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(names):
        key = COLUMNS.get(name.strip().lstrip("#\ufeff").strip().lower())
        if key is not None:
            found.setdefault(key, index)
    missing = {"insee_code", "name", "postcode"} - set(found)
    if missing:
        raise CommuneFileError(
            "Line 1: the columns code_commune_insee, nom_de_la_commune and code_postal are "
            f"expected (missing: {', '.join(sorted(missing))})."
        )
    return found


def communes_parse(text: str) -> list[CommuneRow]:
    """The file's rows, or CommuneFileError on the first fault."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        columns = _header(next(reader))
    except StopIteration:
        raise CommuneFileError("The file is empty.") from None
    rows: dict[tuple[str, str], CommuneRow] = {}
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        try:
            insee_code, name, postcode = (
                values[columns[key]].strip() for key in ("insee_code", "name", "postcode")
            )
        except IndexError:
            raise CommuneFileError(f"Line {line}: too few columns.") from None
        if not INSEE_CODE.fullmatch(insee_code):
            raise CommuneFileError(f'Line {line}: "{insee_code}" is not an INSEE commune code.')
        if not POSTCODE.fullmatch(postcode):
            raise CommuneFileError(f'Line {line}: "{postcode}" is not a postcode.')
        if not name or len(name) > NAME_MAX_LENGTH:
            raise CommuneFileError(f"Line {line}: the commune's name is empty or too long.")
        rows.setdefault((insee_code, postcode), CommuneRow(insee_code, postcode, name))
    if not rows:
        raise CommuneFileError("The file holds no commune.")
    return list(rows.values())
