"""`manage.py bench`: it reports every measure with its query count, the counts do not grow
with the number of contracts, and it leaves no row behind (history and login traces included)."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Organisation
from purchasing.models import Market

pytestmark = pytest.mark.django_db

MEASURES = (
    "list, advisor",
    "list, advisor, status",
    "list, advisor, social=oui",
    "list, advisor, search",
    "list, advisor, page 100",
    "list, buyer",
    "list, buyer, status+social",
    "export CSV, all",
    "export XLSX, status",
    "contract page, large",
    "selectors.market_file",
)


def row_counts() -> dict[str, int]:
    """Rows of every table, history, sessions and login logs included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def bench(contracts: int, **options) -> str:
    out = io.StringIO()
    call_command("bench", contracts=contracts, runs=1, stdout=out, **options)
    return out.getvalue()


def query_counts(report: str) -> dict[str, int]:
    """Each measure's number of queries: the column after its time."""
    counts = {}
    for line in report.splitlines():
        for name in MEASURES:
            rest = line.removeprefix(name)
            if rest != line and rest.startswith("  "):
                time, queries = rest.split()[:2]
                float(time)
                counts[name] = int(queries)
    return counts


def test_reports_every_measure_with_constant_query_counts_and_leaves_nothing():
    before = row_counts()

    small = query_counts(bench(30))
    after_small = row_counts()
    large = query_counts(bench(60))

    assert set(small) == set(MEASURES)
    assert all(count > 0 for count in small.values())
    assert small == large
    assert after_small == before
    assert row_counts() == before
    assert Market.objects.count() == before["purchasing.Market"]


def test_keep_then_clean():
    before = row_counts()

    report = bench(30, keep=True)

    assert "bench --clean" in report
    organisation = Organisation.objects.get(slug="bench")
    assert Market.objects.filter(organisation=organisation).count() == 30
    with pytest.raises(CommandError, match="already exists"):
        bench(30)

    bench(0, clean=True)

    assert row_counts() == before


def test_refused_with_production_settings(settings):
    settings.IS_PRODUCTION = True
    before = row_counts()

    with pytest.raises(CommandError, match="production"):
        bench(30)

    assert row_counts() == before
