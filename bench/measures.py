"""The measures of `manage.py bench`: for each page, export or selector, the median wall time
of a few runs, the number of queries, the time spent in SQL as Django records it, and the same
SELECTs replayed with all their rows fetched; then the report."""

import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from purchasing import selectors
from purchasing.models import Market, MarketStatus

from .data import SUBJECTS
from .rows import Cast

# A page is flagged when its time is above this multiple of its SQL (rows fetched) and
# above it by at least FLAG_MARGIN seconds: time spent in Python, most likely per row.
FLAG_RATIO = 3
FLAG_MARGIN = 0.05


@dataclass
class Measure:
    name: str
    seconds: float  # median wall time
    queries: int  # on the last run
    sql_seconds: float  # median of the recorded `execute` times
    fetched_seconds: float  # the SELECTs replayed with all their rows fetched
    rows: int | None  # contracts the page or file covers
    size: str  # bytes sent, or what the selector returned
    stable: bool  # the same number of queries on every run

    @property
    def flagged(self) -> bool:
        sql = max(self.sql_seconds, self.fetched_seconds)
        return self.seconds > FLAG_RATIO * sql and self.seconds - sql > FLAG_MARGIN


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000:.1f} kB"


class BenchMeasures:
    """The measures and their report (a mixin of the command: it writes on `self.stdout`)."""

    # --- Measures ------------------------------------------------------------------------

    def _measure_all(self, cast: Cast, large: Market, runs: int) -> list[Measure]:
        advisor, buyer = cast.advisor, cast.buyers[0]
        list_url = reverse("purchasing:list")
        export_url = reverse("purchasing:export")
        detail_url = reverse("purchasing:detail", kwargs={"pk": large.pk})
        published = MarketStatus.PUBLISHED
        subject = SUBJECTS[0].split()[-1]  # "recyclé": one contract in ten

        def count(viewer, **criteria):
            return lambda: selectors.market_list(viewer=viewer, **criteria).count()

        pages = [
            # (name, person, url, parameters, rows)
            ("list, advisor", advisor, list_url, {}, count(advisor)),
            (
                "list, advisor, status",
                advisor,
                list_url,
                {"statut": published},
                count(advisor, status=published),
            ),
            (
                "list, advisor, social=oui",
                advisor,
                list_url,
                {"social": "oui"},
                count(advisor, social=True),
            ),
            (
                "list, advisor, search",
                advisor,
                list_url,
                {"q": subject},
                count(advisor, search=subject),
            ),
            ("list, advisor, page 100", advisor, list_url, {"page": 100}, count(advisor)),
            ("list, buyer", buyer, list_url, {}, count(buyer)),
            (
                "list, buyer, status+social",
                buyer,
                list_url,
                {"statut": published, "social": "oui"},
                count(buyer, status=published, social=True),
            ),
            ("export CSV, all", advisor, export_url, {"format": "csv"}, count(advisor)),
            (
                "export XLSX, status",
                advisor,
                export_url,
                {"format": "xlsx", "statut": published},
                count(advisor, status=published),
            ),
            ("contract page, large", advisor, detail_url, {}, None),
        ]
        measures = []
        clients = {}
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        try:
            with override_settings(ALLOWED_HOSTS=hosts):
                for person in (advisor, buyer):
                    clients[person.pk] = Client()
                    clients[person.pk].force_login(person)
                for name, person, url, params, rows in pages:
                    client = clients[person.pk]
                    measures.append(
                        self._measure(
                            name,
                            lambda client=client, url=url, params=params: self._get(
                                client, url, params
                            ),
                            runs=runs,
                            rows=rows() if rows else None,
                        )
                    )
        finally:
            for client in clients.values():
                client.logout()

        def market_file():
            market = Market.objects.select_related(
                "department", "buyer", "purchase_family", "main_cpv"
            ).get(pk=large.pk)
            file = selectors.market_file(market=market)
            return f"{len(file.lots)} lots, {len(file.clauses)} clauses"

        measures.append(self._measure("selectors.market_file", market_file, runs=runs, rows=1))
        return measures

    @staticmethod
    def _get(client, url, params) -> str:
        response = client.get(url, params)
        if response.status_code != 200:
            raise CommandError(f"{url} {params} answered {response.status_code}.")
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        return _size_text(size)

    def _measure(self, name, action, *, runs, rows) -> Measure:
        times, sql_times, counts = [], [], []
        statements = []
        size = ""
        for _run in range(runs):
            statements = []

            def record(execute, sql, params, many, context, statements=statements):
                statements.append((sql, params, many))
                return execute(sql, params, many, context)

            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
                started = time.perf_counter()
                size = action()
                times.append(time.perf_counter() - started)
            counts.append(len(captured))
            sql_times.append(sum(float(query["time"]) for query in captured.captured_queries))
        return Measure(
            name=name,
            seconds=statistics.median(times),
            queries=counts[-1],
            sql_seconds=statistics.median(sql_times),
            fetched_seconds=self._replay(statements),
            rows=rows,
            size=size,
            stable=len(set(counts)) == 1,
        )

    @staticmethod
    def _replay(statements) -> float:
        """The time of the run's reads executed again with every row fetched."""
        total = 0.0
        with connection.cursor() as cursor:
            for sql, params, many in statements:
                if many or not sql.lstrip().upper().startswith("SELECT"):
                    continue
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                total += time.perf_counter() - started
        return total

    def _report(self, measures: list[Measure], contracts: int, runs: int, vendor: str) -> None:
        self.stdout.write(
            f"\n{contracts:,} contracts on {vendor}, median of {runs} run(s); times in ms. "
            "SQL: the recorded execute times; fetched: the same SELECTs replayed, rows read.\n"
        )
        header = (
            f"{'measure':<28} {'time':>8} {'queries':>7} {'SQL':>8} {'fetched':>8} "
            f"{'rows':>7} {'size':>20}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for m in measures:
            rows = f"{m.rows:,}" if m.rows is not None else ""
            queries = f"{m.queries}" + ("" if m.stable else "*")
            self.stdout.write(
                f"{m.name:<28} {m.seconds * 1000:>8.1f} {queries:>7} "
                f"{m.sql_seconds * 1000:>8.1f} {m.fetched_seconds * 1000:>8.1f} "
                f"{rows:>7} {m.size:>20}"
            )
        if any(not m.stable for m in measures):
            self.stdout.write("* the number of queries changed from one run to the next.")
        flagged = [m for m in measures if m.flagged]
        if flagged:
            self.stdout.write(
                f"\nFar above their SQL time (more than {FLAG_RATIO}× and "
                f"{FLAG_MARGIN * 1000:.0f} ms over), time spent in Python:"
            )
            for m in flagged:
                sql = max(m.sql_seconds, m.fetched_seconds)
                self.stdout.write(
                    f"  {m.name}: {m.seconds * 1000:.0f} ms for {sql * 1000:.0f} ms of SQL "
                    f"({m.seconds / sql if sql else float('inf'):.1f}×)"
                )
        else:
            self.stdout.write("\nNo measure is far above its SQL time.")
