"""`manage.py fetch_open_data_schemas [--missing-only] [--offline-ok]`."""

from django.core.management.base import BaseCommand, CommandError

from purchasing.opendata import schemas


class Command(BaseCommand):
    help = (
        "Download the official open-data files the exports are checked against (DECP 2.0.3, "
        "OCDS 1.1.5 and its codelists, the lots and sustainability extensions, the AGEC table "
        "schema) from their published addresses, check each against its pinned SHA-256 and "
        "store them in OPEN_DATA_SCHEMAS_DIR. Nothing is written unless every file is right."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-only", action="store_true", help="Fetch only the files not installed yet."
        )
        parser.add_argument(
            "--offline-ok",
            action="store_true",
            help="When a file cannot be fetched, say so in one line and exit 0 (make run/test).",
        )

    def handle(self, *args, missing_only, offline_ok, **options):
        directory = schemas.schemas_dir()
        if missing_only and not schemas.missing_files(directory):
            return
        try:
            installed = schemas.fetch(only_missing=missing_only, directory=directory)
        except schemas.FetchError as error:
            line = f"Schémas officiels non installés / open-data schemas not installed: {error}"
            if offline_ok:
                self.stderr.write(line)
                return
            raise CommandError(line, returncode=1) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(installed)} fichier(s) officiel(s) installé(s) dans {directory}."
            )
        )
