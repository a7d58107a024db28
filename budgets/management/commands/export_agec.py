"""`manage.py export_agec --organisation SLUG --year YYYY --output FILE`."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.management.options import organisation_named
from budgets.agec import write_agec_csv
from budgets.management.options import year_argument
from budgets.selectors.agec import agec_declaration


class Command(BaseCommand):
    help = (
        "Write the organisation's yearly AGEC declaration (spend, reuse and recycled material "
        "per product category) as a CSV file of the official table schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--year", required=True, type=year_argument)
        parser.add_argument("--output", required=True, type=Path, help="The CSV file to write.")

    def handle(self, *args, organisation, year, output, **options):
        rows = agec_declaration(organisation=organisation_named(organisation), year=year)
        # Written beside the target and moved into place: a failure leaves no half file.
        directory = output.resolve().parent
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", newline="", dir=directory, delete=False, suffix=".tmp"
            ) as stream:
                write_agec_csv(rows, stream)
            os.replace(stream.name, output)
        except OSError as error:
            raise CommandError(f"Impossible d'écrire {output} : {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Déclaration AGEC {year} : {len(rows)} catégorie(s), {output}.")
        )
