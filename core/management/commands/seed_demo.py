from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.demo import loaders
from core.outbox import outbox_discard_since


class Command(BaseCommand):
    help = "Load the demo organisations, accounts and reference data (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with production settings (demo accounts share one known password).",
        )
        parser.add_argument(
            "--up-to",
            metavar="APP",
            help="Load the demo data of the apps up to this one only (they load in order: "
            "accounts, clauses, purchasing…).",
        )

    def handle(self, *args, force=False, up_to=None, **options):
        if settings.IS_PRODUCTION and not force:
            raise CommandError(
                "Refusing to load demo accounts with production settings: they all share a "
                "published password. Use --force if this really is a demonstration server."
            )
        selected = loaders()
        names = [loader.name for loader in selected]
        if up_to is not None:
            if up_to not in names:
                raise CommandError(
                    f"--up-to: unknown app {up_to!r}; choose from {', '.join(names)}."
                )
            selected = selected[: names.index(up_to) + 1]
        started = timezone.now()
        with transaction.atomic():
            for loader in selected:
                for line in loader.load():
                    self.stdout.write(line)
            dropped = outbox_discard_since(started)
        if dropped:
            noun = "e-mail" if dropped == 1 else "e-mails"
            self.stdout.write(
                f"{dropped} {noun} of the demo's workflow not sent (made-up addresses)."
            )
