"""compliance_for reads with the same number of queries for 10 and for 10,000 purchases."""

import datetime
from decimal import Decimal

import pytest

from budgets.selectors.compliance import compliance_for
from budgets.tests.data import add_purchases, line, set_budget

pytestmark = pytest.mark.django_db

# Departments, rules, budgets, and one grouped sum of the purchases.
COMPLIANCE_QUERIES = 4


@pytest.mark.parametrize("count", [10, 10_000])
def test_compliance_takes_four_queries_whatever_the_number_of_purchases(
    organisation,
    fanny,
    lyc,
    dsi,
    office,
    paper,
    office_rule,
    paper_rule,
    count,
    django_assert_num_queries,
):
    for department in (lyc, dsi):
        set_budget(fanny, department, office, 2025, "100000.00")
    kinds = [
        {"labels": ["eu-ecolabel"]},
        {"labels": ["eu-ecolabel", "nf-environnement"]},
        {"recycled_content": 100},
        {"labels": ["recycled-100"]},
        {},
    ]
    add_purchases(
        organisation,
        [
            line(
                (lyc, dsi)[n % 2],
                (office, paper)[n % 3 % 2],
                (datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365)).isoformat(),
                "10.00",
                **kinds[n % len(kinds)],
            )
            for n in range(count)
        ],
    )

    with django_assert_num_queries(COMPLIANCE_QUERIES):
        rows = compliance_for(
            organisation=organisation, year=2025, as_of=datetime.date(2026, 1, 15)
        )

    assert len(rows) == 4
    assert sum(c.total_spend for c in rows) == Decimal("10.00") * count
