from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import demo


class Command(BaseCommand):
    help = "Load the demo organisations and accounts (safe to run again)."

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
        people = demo.load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Accounts (password: {demo.DEMO_PASSWORD}):")
        )
        width = max(len(person.email) for person in people)
        for person in people:
            roles = ", ".join(str(role.label) for role in person.roles)
            where = person.organisation.name
            if person.department:
                where += f" / {person.department.code}"
            self.stdout.write(f"  {person.email.ljust(width)}  {roles} — {where}")
