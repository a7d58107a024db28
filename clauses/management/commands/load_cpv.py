from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clauses.cpv import CpvFileError, cpv_labels_parse
from clauses.services.reference import cpv_codes_load


class Command(BaseCommand):
    help = (
        "Load the CPV codes and their English labels from a JSON file mapping each code "
        '("03000000-1") to its label. Safe to run again; nothing is written if the file is faulty.'
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The JSON file, such as cpv-en.json.")

    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            labels = cpv_labels_parse(text)
        except CpvFileError as error:
            raise CommandError(f"{path}: {error}") from error
        result = cpv_codes_load(labels=labels)
        self.stdout.write(
            self.style.SUCCESS(
                f"CPV codes: {result.added} added, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
