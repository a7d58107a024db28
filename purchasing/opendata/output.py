"""What both writers hand back: a checked file, or the reasons there is none.

A file is written to a temporary file as the contracts are read (one chunk in memory at a
time), each record validated against its schema as it is written. Whoever asked gets the file
only when every contract could be described and every record validated; otherwise the list of
contracts and fields to complete (`problems`) or of schema faults (`errors`)."""

import json
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


class Gap:
    """The fields a contract may lack, with their French label (the field to complete)."""

    BUYER_SIRET = "buyer_siret"
    CPV = "cpv"
    NATURE = "nature"
    PROCEDURE = "procedure"
    DURATION = "duration"
    PLACE = "place"
    SUPPLIER_SIRET = "supplier_siret"

    LABELS = {
        BUYER_SIRET: _("le SIRET de l'acheteur (organisation ou coordonnateur du groupement)"),
        CPV: _("le code CPV principal"),
        NATURE: _("la nature du marché"),
        PROCEDURE: _("la procédure de passation"),
        DURATION: _("la durée en mois"),
        PLACE: _("le code postal du lieu d'exécution"),
        SUPPLIER_SIRET: _("le SIRET du titulaire du lot %(number)s"),
    }


@dataclass(frozen=True)
class Missing:
    code: str
    lot_id: int | None = None
    lot_number: int | None = None
    organisation_id: int | None = None

    @property
    def label(self) -> str:
        label = Gap.LABELS[self.code]
        if self.lot_number is not None:
            return str(label) % {"number": self.lot_number}
        return str(label)


@dataclass
class Problem:
    """A contract the file cannot describe, and what to complete."""

    market_id: int
    reference: str
    title: str
    status: str
    missing: list[Missing]


@dataclass(frozen=True)
class NewRecord:
    """A DECP record as its first publication stores it (`DecpRecord`)."""

    market_id: int
    organisation_id: int
    lot_number: int
    record_id: str
    first_published_on: object  # datetime.date
    is_new: bool = True


@dataclass
class ExportFile:
    handle: object | None  # a binary temporary file at its start, None when refused
    count: int = 0
    problems: list[Problem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    new_records: list[NewRecord] = field(default_factory=list)
    written_ids: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.handle is not None

    def messages(self) -> list[str]:
        """Every reason for a refusal, one line each (for the commands)."""
        lines = [
            f"{problem.reference} « {problem.title} » : "
            + ", ".join(missing.label for missing in problem.missing)
            for problem in self.problems
        ]
        return lines + list(self.errors)


def json_number(value: Decimal | int) -> int | float:
    """A Decimal amount as a JSON number: an integer when whole, otherwise the float whose
    shortest text is the same decimal (amounts have at most 14 significant digits)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def temporary_file():
    # Handed to the caller (a FileResponse closes it, so deleting it, once sent).
    return tempfile.TemporaryFile(suffix=".json")


def refuse(handle, result: ExportFile) -> ExportFile:
    handle.close()
    result.handle = None
    return result
