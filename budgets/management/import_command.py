"""What `import_budgets` and `import_purchases` share: the command-line contract of a file
import. Every error is printed as `line N, column C: message` on standard error and the command
exits with status 1, writing nothing; on success it prints the counts and exits with 0.
`--dry-run` checks the file and prints what importing it would do, writing nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Organisation
from budgets.models import ImportKind, ImportStatus
from budgets.services.imports import import_confirm, import_preview
from core.tabular import RowError


class _Rollback(Exception):
    """Leaves the transaction of a dry run or of a refused file without writing anything."""


class ImportCommand(BaseCommand):
    kind: ImportKind

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .csv or .xlsx file.")
        parser.add_argument(
            "--organisation", required=True, metavar="SLUG", help="The organisation's slug."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and print what importing it would do; write nothing.",
        )

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, **options):
        owner = Organisation.objects.filter(slug=organisation).first()
        if owner is None:
            raise CommandError(f"Unknown organisation: {organisation!r}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        batch = None
        try:
            with transaction.atomic():
                batch = import_preview(
                    actor=None,
                    organisation=owner,
                    kind=self.kind,
                    content=content,
                    file_name=file.name,
                )
                if batch.status == ImportStatus.REJECTED or dry_run:
                    raise _Rollback
                batch = import_confirm(actor=None, batch=batch)
        except _Rollback:
            self._delete_file(batch)
        except ValidationError as error:
            # Confirmation refused (the stored file could not be read back).
            self._delete_file(batch)
            raise CommandError(" ".join(error.messages)) from error
        if batch.status == ImportStatus.REJECTED:
            for error in batch.errors:
                self.stderr.write(str(RowError(**error)))
            omitted = batch.errors_total - len(batch.errors)
            if omitted:
                self.stderr.write(f"… and {omitted} more error(s).")
            raise CommandError(
                f"{batch.errors_total} error(s) in {file.name}: nothing was imported."
            )
        self.stdout.write(self._counts(batch, file.name, dry_run=dry_run))

    @staticmethod
    def _delete_file(batch) -> None:
        # The stored file does not roll back with the transaction.
        if batch is not None and batch.file:
            batch.file.delete(save=False)

    def _counts(self, batch, name: str, *, dry_run: bool) -> str:
        parts = [f"{batch.rows_total} lines read", f"{batch.rows_created} added"]
        if self.kind == ImportKind.BUDGETS:
            parts.append(f"{batch.rows_updated} updated")
        parts.append(f"{batch.rows_skipped} already there (skipped)")
        counts = ", ".join(parts)
        if dry_run:
            return f"Dry run of {name}: {counts}. Nothing was written."
        return self.style.SUCCESS(f"Imported {name}: {counts}.")
