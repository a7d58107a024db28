"""`manage.py bench`: the generator writes a consistent data set at a tiny scale, the whole
bench runs end to end at that scale (its timings are not asserted), the query counts of the
pages it measures do not grow with the data, and it deletes what it wrote.

The bench writes with COPY: these tests run on PostgreSQL (CI sets DATABASE_URL); on SQLite
they are skipped, except under CI=true where a skipped test fails the run."""

import io
import json
import os
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Min, Sum
from django.utils.timezone import localdate

from accounts.models import Organisation
from budgets.models import Purchase
from core.quarters import Quarter
from purchasing.models import AppliedClause, Award, AwardCriterion, Lot, Market
from steering.selectors.dashboard import dashboard

from .. import measures, pages
from ..cleanup import delete_bench
from ..generator import Generator, bench_organisations
from ..scales import SCALES, Scale

ON_POSTGRESQL = connection.vendor == "postgresql"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ON_POSTGRESQL and os.environ.get("CI", "").lower() != "true",
        reason="the bench writes with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL "
        "database to run it",
    ),
]
TINY = SCALES["tiny"]


@pytest.fixture
def tiny():
    Generator(TINY).run()
    return bench_organisations()


def test_the_tiny_data_set_is_consistent(tiny):
    with connection.cursor() as cursor:
        # Every key valid now, not only at a commit that a test never reaches.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    markets = Market.objects.filter(organisation__in=tiny)
    assert tiny.count() == TINY.organisations
    assert markets.count() == TINY.contracts
    assert Purchase.objects.filter(organisation__in=tiny).count() == TINY.purchases
    lots = Lot.objects.filter(market__in=markets)
    assert 1.2 < lots.count() / TINY.contracts < 1.6
    assert set(lots.values_list("number", flat=True)) == {1, 2, 3}
    weights = AwardCriterion.objects.filter(lot__in=lots).values("lot").annotate(s=Sum("weight"))
    assert {row["s"] for row in weights} == {100}
    assert lots.annotate(n=Count("criteria")).filter(n=0).count() == 0
    awards = Award.objects.filter(lot__in=lots).select_related("lot__market")
    assert awards.exists()
    assert all(a.notified_on > a.lot.market.published_on for a in awards)
    # A spread of what the pages filter and count on.
    assert len(Counter(markets.values_list("status", flat=True))) == 9
    assert len({m.launch_date.year for m in markets}) >= 4
    assert markets.values("department").distinct().count() == TINY.departments * len(tiny)
    kinds = AppliedClause.objects.filter(market__in=markets).values_list(
        "clause_version__kind", flat=True
    )
    assert len(set(kinds)) == 5
    assert Purchase.objects.filter(organisation__in=tiny).values("family").distinct().count() > 5
    # The rules are computable: the dashboard of the council reads them.
    figures = dashboard(organisation=tiny.first(), quarter=Quarter.last_complete(localdate()))
    assert figures is not None


def test_the_whole_bench_runs_end_to_end_and_cleans_up(tmp_path, monkeypatch):
    monkeypatch.setattr(measures, "RESULTS", tmp_path)
    before = Organisation.objects.count()
    out = io.StringIO()

    call_command("bench", scale="tiny", runs=1, stdout=out)

    report = out.getvalue()
    (result,) = tmp_path.glob("bench-tiny-*.json")
    data = json.loads(result.read_text())
    names = [measure["name"] for measure in data["measures"]]
    for expected in (
        "dashboard /pilotage/ (organisation)",
        "contract list, page 601",
        "compliance, all departments",
        "budget grid",
        "purchases list",
        "import of 200 purchase lines",
    ):
        assert expected in names
        assert expected in report
    assert any(name.startswith("export XLSX") for name in names)
    assert any(name.startswith("quarterly report") for name in names)
    assert all(m["median_ms"] > 0 and m["bound_ms"] > 0 for m in data["measures"])
    assert Organisation.objects.count() == before + TINY.organisations

    # Reused on the next run; --clean deletes every row it wrote.
    call_command("bench", scale="tiny", runs=1, only="pages", stdout=io.StringIO())
    assert Organisation.objects.count() == before + TINY.organisations
    call_command("bench", clean=True, stdout=io.StringIO())
    assert Organisation.objects.count() == before
    assert not Market.objects.filter(reference__startswith="B01-").exists()


def test_another_scale_in_place_is_refused(tiny):
    with pytest.raises(CommandError, match="--regenerate"):
        call_command("bench", scale="small", runs=1, stdout=io.StringIO())


def _queries(organisation) -> dict[str, int]:
    return {
        measure.name: measure.queries
        for measure in pages.measure_pages(organisation, runs=1)
        if not measure.name.startswith("export")
    }


def test_page_query_counts_do_not_grow_with_the_data():
    small = Scale("q1", 1, 30, 120, 3_000, import_lines=10, export_contracts=10)
    large = Scale("q2", 1, 30, 700, 12_000, import_lines=10, export_contracts=10)
    Generator(small).run()
    counts_small = _queries(bench_organisations().first())
    delete_bench(bench_organisations())
    Generator(large).run()
    counts_large = _queries(bench_organisations().first())

    assert counts_small == counts_large
    assert Market.objects.aggregate(first=Min("pk"))["first"] is not None
