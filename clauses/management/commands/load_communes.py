from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clauses.communes import CommuneFileError, communes_parse
from clauses.services.reference import communes_load


class Command(BaseCommand):
    help = (
        "Load the French communes and their INSEE codes by postcode from La Poste's « base "
        "officielle des codes postaux » (CSV, either of its published layouts). Safe to run "
        "again; nothing is written if the file is faulty."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file, such as laposte_hexasmal.csv.")

    def handle(self, *args, path, **options):
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # the historical file was published in Windows-1252
        try:
            rows = communes_parse(text)
        except CommuneFileError as error:
            raise CommandError(f"{path}: {error}") from error
        result = communes_load(rows=rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Communes: {result.added} added, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
