"""`manage.py bench [--contracts N] [--keep]`: the contract pages measured at scale.

DESIGN.md §6 asks that lists and exports answer in a small multiple of the time of the SQL they
need, with query counts that do not grow with the data. This command checks it on the database
it is pointed at (SQLite or PostgreSQL):

1. it creates an organisation of its own (slug « bench »), two departments, an advisor, two
   buyers and a clause administrator, two approved library clauses (through the clause
   services), and borrows a purchase family and a CPV code (creating them when the database
   has none);
2. it writes N contracts with their lots, award criteria, applied clauses, assessments and
   awards, plus one large contract (many lots, clauses, follow-ups, events and comments).
   **These rows are written with `bulk_create`, bypassing `purchasing.services` on purpose**:
   the services validate and write one contract at a time, with a history row each, which
   would take hours for 100,000 contracts. The rows are shaped like the services' (a valid
   status, lots numbered from 1, weights that sum to 100) but are not checked by them, and
   they have no history;
3. it measures the list pages (with and without filters, as the advisor and as a buyer, far
   pages), the CSV and XLSX exports, the contract page and `selectors.market_file` of the large
   contract: for each, the median wall time of a few runs, the number of queries, the time
   spent in SQL as Django records it (the `execute` calls), and the time of the same SELECTs
   replayed with all their rows fetched (on SQLite and with server-side cursors, reading the
   rows happens after `execute`, so the recorded time alone undercounts long reads);
4. it deletes everything it created, unless `--keep` (then `--clean` deletes it later).

Other organisations' rows are never read for writing, changed or deleted. The command refuses
to run with production settings: it is for a development or staging database. The rows are
written and deleted by `bench.rows`, the measures taken by `bench.measures`."""

import contextlib
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import Organisation
from bench.measures import BenchMeasures
from bench.rows import SLUG, BenchRows

DEFAULT_CONTRACTS = 20_000
DEFAULT_RUNS = 3


@contextlib.contextmanager
def _quiet(name: str):
    """Silence a chatty logger (axes logs each login) while the bench runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BenchRows, BenchMeasures, BaseCommand):
    help = (
        "Create N contracts in an organisation of its own, measure the contract list, its "
        "exports and the contract page (time, queries, SQL time), then delete them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--contracts",
            type=int,
            default=DEFAULT_CONTRACTS,
            help=f"Contracts to create (default {DEFAULT_CONTRACTS}).",
        )
        parser.add_argument(
            "--runs",
            type=int,
            default=DEFAULT_RUNS,
            help=f"Runs of each measure; the median is shown (default {DEFAULT_RUNS}).",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Leave the bench organisation and its contracts in place, to look at them.",
        )
        parser.add_argument(
            "--clean",
            action="store_true",
            help="Delete the bench organisation left by --keep or an interrupted run, and stop.",
        )

    def handle(self, *args, contracts, runs, keep, clean, **options):
        if settings.IS_PRODUCTION:
            raise CommandError(
                "Refusing to run with production settings: the bench writes and deletes "
                "thousands of rows. Run it against a development or staging database."
            )
        existing = Organisation.objects.filter(slug=SLUG).first()
        if clean:
            if existing is None:
                self.stdout.write("No bench organisation to delete.")
            else:
                self._delete(existing)
            return
        if contracts < 1 or runs < 1:
            raise CommandError("--contracts and --runs must be at least 1.")
        if existing is not None:
            raise CommandError(
                f"An organisation « {SLUG} » already exists (left by --keep or by an "
                "interrupted run). Delete it first with `manage.py bench --clean`."
            )
        vendor = connection.vendor
        self.stdout.write(f"Bench on {vendor}: creating {contracts:,} contracts…")
        with _quiet("axes"):
            cast = self._create_cast()
            try:
                started = time.perf_counter()
                large = self._create_contracts(cast, contracts)
                self._analyze()
                self.stdout.write(f"Created in {time.perf_counter() - started:.1f} s.")
                measures = self._measure_all(cast, large, runs)
                self._report(measures, contracts, runs, vendor)
            finally:
                if keep:
                    self.stdout.write(
                        f"Kept the organisation « {SLUG} »; `manage.py bench --clean` deletes it."
                    )
                else:
                    self._delete(cast.organisation)
