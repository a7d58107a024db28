"""How the bench times things and judges them: the median of several runs after a warm-up, the
queries of the last run captured and replayed alone (the time of the SQL the page needs), and
the limit of issue 16 each measure is held to; then the printed table and its JSON."""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Limit:
    """`absolute` ms at most; or `factor` × the baseline (the SQL alone, COPY, WeasyPrint)
    plus `margin` ms; `ceiling` ms at most as well when set."""

    absolute: float | None = None
    factor: float | None = None
    margin: float = 0.0
    ceiling: float | None = None

    def bound(self, baseline_ms: float) -> float:
        bounds = []
        if self.absolute is not None:
            bounds.append(self.absolute)
        if self.factor is not None:
            bounds.append(self.factor * baseline_ms + self.margin)
        if self.ceiling is not None:
            bounds.append(self.ceiling)
        return min(bounds)

    def text(self) -> str:
        parts = []
        if self.absolute is not None:
            parts.append(f"< {self.absolute:.0f} ms")
        if self.factor is not None:
            parts.append(
                f"≤ {self.factor:g}× base" + (f" + {self.margin:.0f}" if self.margin else "")
            )
        if self.ceiling is not None:
            parts.append(f"< {self.ceiling / 1000:.0f} s")
        return ", ".join(parts)


PAGE = Limit(absolute=300)
SMALL_PAGE = Limit(factor=2, margin=30)
EXPORT = Limit(factor=2)
IMPORT = Limit(factor=4)
REPORT = Limit(factor=1.5, ceiling=15_000)


@dataclass
class Measure:
    name: str
    median_ms: float
    queries: int | None
    baseline_ms: float  # the SQL alone, or the job's baseline
    baseline: str  # what the baseline is
    limit: str
    bound_ms: float
    rows: int | None = None

    @property
    def ratio(self) -> float:
        return self.median_ms / self.bound_ms if self.bound_ms else float("inf")

    @property
    def passed(self) -> bool:
        return self.median_ms <= self.bound_ms


def replay(statements) -> float:
    """Seconds of the captured SELECTs executed again alone, every row fetched."""
    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            total += time.perf_counter() - started
    return total


def timed(action: Callable, runs: int) -> tuple[float, int, list]:
    """(median seconds, queries of the last run, its statements) of `runs` runs after one
    warm-up run."""
    action()
    times, statements, count = [], [], 0
    for _run in range(runs):
        statements = []

        def record(execute, sql, params, many, context, statements=statements):
            if not many:
                statements.append((sql, params))
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(record):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        count = len(captured)
    return statistics.median(times), count, statements


def measure_page(name: str, action: Callable, *, runs: int, limit: Limit, rows=None) -> Measure:
    seconds, queries, statements = timed(action, runs)
    sql = statistics.median(replay(statements) for _n in range(3))
    return Measure(
        name=name,
        median_ms=seconds * 1000,
        queries=queries,
        baseline_ms=sql * 1000,
        baseline="SQL alone",
        limit=limit.text(),
        bound_ms=limit.bound(sql * 1000),
        rows=rows,
    )


def measure_job(name, action, baseline, *, runs: int, limit: Limit, what: str, rows=None):
    """A job against its baseline (both medians of `runs` runs)."""
    seconds = statistics.median(_once(action) for _n in range(runs))
    base = statistics.median(_once(baseline) for _n in range(runs))
    return Measure(
        name=name,
        median_ms=seconds * 1000,
        queries=None,
        baseline_ms=base * 1000,
        baseline=what,
        limit=limit.text(),
        bound_ms=limit.bound(base * 1000),
        rows=rows,
    )


def _once(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def table(measures: list[Measure]) -> str:
    header = (
        f"{'measure':<38} {'median':>9} {'queries':>7} {'baseline':>9} {'limit':>22} "
        f"{'ratio':>6}  result"
    )
    lines = [header, "-" * len(header)]
    for m in measures:
        queries = "" if m.queries is None else str(m.queries)
        lines.append(
            f"{m.name:<38} {m.median_ms:>7.0f}ms {queries:>7} {m.baseline_ms:>7.0f}ms "
            f"{m.limit:>22} {m.ratio:>6.2f}  {'pass' if m.passed else 'FAIL'}"
        )
    lines.append(
        "median: of the runs after a warm-up; baseline: the page's captured SQL replayed alone, "
        "or the job's baseline; ratio: median / the limit's bound (≤ 1 passes)."
    )
    return "\n".join(lines)


def save(measures: list[Measure], *, scale: str, vendor: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    path = RESULTS / f"bench-{scale}-{stamp}.json"
    data = {
        "scale": scale,
        "database": vendor,
        "measured_at": stamp,
        "measures": [
            {**asdict(m), "ratio": round(m.ratio, 3), "passed": m.passed} for m in measures
        ],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path
