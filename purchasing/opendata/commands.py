"""What `export_decp` and `export_ocds` share: reading the year, and
writing a checked file into place (beside the target, then moved: no half-written file)."""

import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import CommandError

from .output import ExportFile


def year_argument(value: str) -> int:
    if not (value.isdigit() and 2000 <= int(value) <= 2100):
        raise ValueError(value)
    return int(value)


year_argument.__name__ = "année"


def refusal(result: ExportFile, heading: str) -> CommandError:
    lines = [heading, *(f"- {line}" for line in result.messages())]
    return CommandError("\n".join(lines), returncode=1)


def move_into_place(result: ExportFile, output: Path) -> None:
    directory = output.resolve().parent
    try:
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as stream:
            shutil.copyfileobj(result.handle, stream)
        os.replace(stream.name, output)
    except OSError as error:
        raise CommandError(f"Impossible d'écrire {output} : {error}") from error
    finally:
        result.handle.close()
