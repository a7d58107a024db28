"""`manage.py bench [--scale tiny|small|full] [--regenerate] [--runs N]`: the product's
benchmark (issue 16), on PostgreSQL.

1. The data set of the scale (`bench.scales`; `BENCH_SCALE` by default) is generated once
   (`bench.generator`: organisations « bench-01 »…, people, contracts, purchase lines, written
   with COPY) and reused by the next runs; `--regenerate` deletes and writes it again, `--clean`
   deletes it (`bench.cleanup`). Other organisations' rows are never changed.
2. Each page of the issue's table is measured as its real user on the council (the largest
   organisation): median of `--runs` runs after a warm-up, query count, the captured SQL
   replayed alone; the import against a COPY of the same rows, the quarterly report against
   bare WeasyPrint on its final HTML, the exports against their SQL (`bench.pages`).
3. One table is printed (measure, median, limit, ratio, pass/fail) and written as JSON under
   bench/results/ (`bench.measures`).

It refuses production settings and databases other than PostgreSQL."""

import contextlib
import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import measures, pages
from bench.cleanup import delete_bench
from bench.generator import Generator, bench_organisations
from bench.scales import SCALES
from purchasing.models import Market

DEFAULT_RUNS = 5


@contextlib.contextmanager
def _quiet(*names: str):
    """Silence chatty loggers (axes logs each login) while the bench runs."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Generate (once) the bench's data set, measure the pages and jobs against their limits."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default=None)
        parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
        parser.add_argument("--job-runs", type=int, default=None)
        parser.add_argument("--regenerate", action="store_true")
        parser.add_argument("--clean", action="store_true", help="Delete the data set and stop.")
        parser.add_argument(
            "--generate-only", action="store_true", help="Generate the data set and stop."
        )
        parser.add_argument(
            "--only", default="", help="Comma-separated parts: pages,exports,import,report"
        )
        parser.add_argument(
            "--match",
            default="",
            help="Measure only the pages and exports whose name contains this text.",
        )

    def handle(
        self, *args, scale, runs, job_runs, regenerate, clean, generate_only, only, match, **_
    ):
        if settings.IS_PRODUCTION:
            raise CommandError("Refusing to run with production settings.")
        if connection.vendor != "postgresql":
            raise CommandError(
                "The bench needs PostgreSQL (it writes with COPY and measures the product's "
                "database): set DATABASE_URL=postgres://… and run it again."
            )
        scale = SCALES[scale or os.environ.get("BENCH_SCALE") or "small"]
        if runs < 1:
            raise CommandError("--runs must be at least 1.")
        job_runs = job_runs or (3 if scale.name == "full" else runs)
        existing = bench_organisations()
        if clean or regenerate:
            if existing.exists():
                started = time.perf_counter()
                rows = delete_bench(existing)
                self.stdout.write(
                    f"Deleted the bench data set ({rows:,} rows) in "
                    f"{time.perf_counter() - started:.0f} s."
                )
            if clean:
                return
        with _quiet("axes", "django.request"):
            if not existing.exists():
                self.stdout.write(f"Generating the {scale.name} data set…")
                started = time.perf_counter()
                Generator(scale, stdout=self.stdout).run()
                self.stdout.write(f"Generated in {time.perf_counter() - started:.0f} s.")
            elif Market.objects.filter(organisation__in=existing).count() != scale.contracts:
                raise CommandError(
                    f"The bench data set in place is not of the {scale.name} scale: run with "
                    "--regenerate."
                )
            if generate_only:
                return
            council = existing.first()
            parts = set(filter(None, only.split(","))) or {"pages", "exports", "import", "report"}
            pages._progress.out = self.stdout.write
            results = []
            if parts & {"pages", "exports"}:
                results += pages.measure_pages(
                    council,
                    runs=runs,
                    pages="pages" in parts,
                    exports="exports" in parts,
                    match=match,
                )
            if "import" in parts:
                results.append(pages.measure_import(council, scale, runs=job_runs))
                pages._progress(results[-1])
            if "report" in parts:
                results.append(pages.measure_report(council, runs=job_runs))
                pages._progress(results[-1])
        self.stdout.write(
            f"\nBench {scale.name} on PostgreSQL: {scale.contracts:,} contracts, "
            f"{scale.purchases:,} purchase lines; {runs} runs per page, {job_runs} per job.\n"
        )
        self.stdout.write(measures.table(results))
        path = measures.save(results, scale=scale.name, vendor=connection.vendor)
        self.stdout.write(f"\nWritten to {path}.")
