from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import loaders


class Command(BaseCommand):
    help = "Load the demo organisations, accounts and reference data (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with production settings (demo accounts share one known password).",
        )

    def handle(self, *args, force=False, **options):
        if settings.IS_PRODUCTION and not force:
            raise CommandError(
                "Refusing to load demo accounts with production settings: they all share a "
                "published password. Use --force if this really is a demonstration server."
            )
        with transaction.atomic():
            for loader in loaders():
                for line in loader.load():
                    self.stdout.write(line)
