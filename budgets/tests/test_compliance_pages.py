"""The compliance page and the lists of purchases that count or do not count for a rule: who
reads which department, the figures, the progress bar with its threshold and its text, the
status in words, and queries that do not grow with the purchases."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.selectors.common import current_year
from budgets.tests.data import login_url, text_of
from budgets.tests.factories import make_budgets, make_purchases

pytestmark = pytest.mark.django_db

PAGE = reverse("budgets:compliance")
# Session, user, permissions (2), the departments the person reads, the organisation, the
# years to offer (first purchase, first rule), then compliance_for: rules, budgets, one grouped
# sum of the purchases; the menu of the other apps (one query today).
PAGE_QUERIES = 12
# Session, user, permissions (2), the department (2: found, then checked), the rule, the
# organisation, compliance_for (budgets, sums), the count and the page of purchases, their
# labels, the rule's family; the menu.
PURCHASES_QUERIES = 14
# A department head's right depends on their departments: read again by each check (the view,
# two menu entries, the page's tabs).
HEAD_QUERIES = 3


def purchases_url(rule, department: str = "LYC", year: int = 2025, counting: str = "oui"):
    url = reverse(
        "budgets:rule-purchases", kwargs={"year": year, "department": department, "rule": rule.pk}
    )
    return f"{url}?comptent={counting}"


def rows_of(response) -> dict[tuple[str, str], object]:
    """{(rule family code, department code): Compliance} of the page."""
    return {
        (row.rule.family.code, row.department.code): row
        for _rule, rows in response.context["rules"]
        for row in rows
    }


@pytest.fixture
def year_2025(fanny, lyc, dsi, seed_rules):
    """2025, a past year. LYC: office supplies 1,500 € eco-labelled of a 10,000 € budget
    (15 %, missed), paper 300 € recycled of 400 € (75 %, missed). DSI: 1,200 € eco-labelled of
    5,000 € (24 %, met), no paper (not applicable)."""
    make_budgets(
        fanny.organisation,
        [
            {"department": "LYC", "year": "2025", "family": "office-supplies", "amount": "10000"},
            {"department": "DSI", "year": "2025", "family": "office-supplies", "amount": "5000"},
        ],
        actor=fanny,
    )
    make_purchases(
        fanny.organisation,
        [
            {
                "reference": "LYC-1",
                "department": "LYC",
                "amount_excl_vat": "1000,00",
                "eco_labels": "eu-ecolabel|nf-environnement",
                "date": "2025-01-01",
            },
            {
                "reference": "LYC-2",
                "department": "LYC",
                "amount_excl_vat": "500,00",
                "eco_labels": "eu-ecolabel",
                "date": "2025-12-31",
            },
            {"reference": "LYC-3", "department": "LYC", "amount_excl_vat": "1000,00"},
            {
                "reference": "LYC-P1",
                "department": "LYC",
                "family": "paper",
                "amount_excl_vat": "300,00",
                "recycled_content": "100",
            },
            {
                "reference": "LYC-P2",
                "department": "LYC",
                "family": "paper",
                "amount_excl_vat": "100,00",
                "recycled_content": "50",
            },
            {
                "reference": "DSI-1",
                "department": "DSI",
                "amount_excl_vat": "1200,00",
                "eco_labels": "blue-angel",
            },
            {
                "reference": "LYC-2024",
                "department": "LYC",
                "amount_excl_vat": "9999,00",
                "eco_labels": "eu-ecolabel",
                "date": "2024-12-31",
            },
        ],
        actor=fanny,
    )
    return seed_rules


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, seed_rules):
    for url in (PAGE, purchases_url(seed_rules[0])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == login_url(url)


def test_people_without_compliance_rights_are_refused(client, bob, clement, seed_rules):
    for person in (bob, clement):
        client.force_login(person)
        assert client.get(PAGE).status_code == 403
        assert client.get(purchases_url(seed_rules[0])).status_code == 403


def test_the_pages_only_answer_get(client, colette, seed_rules):
    client.force_login(colette)

    assert client.post(PAGE).status_code == 405
    assert client.post(purchases_url(seed_rules[0])).status_code == 405


def test_a_department_head_reads_only_their_department(client, henri, year_2025):
    client.force_login(henri)

    response = client.get(PAGE, {"annee": "2025"})

    assert response.status_code == 200
    assert set(rows_of(response)) == {("office-supplies", "LYC"), ("paper", "LYC")}
    assert response.context["show_department_filter"] is False
    assert 'name="direction"' not in response.content.decode()
    assert client.get(PAGE, {"annee": "2025", "direction": "LYC"}).status_code == 200
    assert client.get(PAGE, {"annee": "2025", "direction": "DSI"}).status_code == 403
    assert client.get(purchases_url(year_2025[0], "LYC")).status_code == 200
    assert client.get(purchases_url(year_2025[0], "DSI")).status_code == 403


def test_the_head_named_on_a_department_reads_it_too(client, organisation, dsi, year_2025):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    head = UserFactory(organisation=organisation, department=None, roles=[Role.DEPARTMENT_HEAD])
    dsi.head = head
    dsi.save()
    client.force_login(head)

    response = client.get(PAGE, {"annee": "2025"})

    assert {code for _family, code in rows_of(response)} == {"DSI"}


def test_the_committee_reads_every_department_and_chooses_one(client, colette, year_2025):
    client.force_login(colette)

    response = client.get(PAGE, {"annee": "2025"})

    assert set(rows_of(response)) == {
        ("office-supplies", "DSI"),
        ("office-supplies", "LYC"),
        ("paper", "DSI"),
        ("paper", "LYC"),
    }
    assert response.context["show_department_filter"] is True
    text = text_of(response)
    assert '<option value="" selected>Toutes les directions</option>' in text
    assert '<option value="DSI">DSI — Direction du numérique</option>' in text

    response = client.get(PAGE, {"annee": "2025", "direction": "DSI"})

    assert {code for _family, code in rows_of(response)} == {"DSI"}
    assert '<option value="DSI" selected>DSI — Direction du numérique</option>' in text_of(response)


def test_finance_officers_read_every_department(client, fanny, year_2025):
    client.force_login(fanny)

    response = client.get(PAGE, {"annee": "2025"})

    assert len(rows_of(response)) == 4


def test_a_department_or_rule_of_another_organisation_is_not_found(client, oscar, year_2025):
    client.force_login(oscar)

    assert client.get(PAGE, {"direction": "LYC"}).status_code == 404
    assert client.get(purchases_url(year_2025[0], "LYC")).status_code == 404
    assert client.get(purchases_url(year_2025[0], "ACH")).status_code == 404
    response = client.get(PAGE, {"annee": "2025"})
    assert response.context["rules"] == []
    assert "Aucune règle d'achat n'est en vigueur en 2025." in text_of(response)


def test_an_unknown_department_is_not_found(client, colette, year_2025):
    client.force_login(colette)

    assert client.get(PAGE, {"direction": "XYZ"}).status_code == 404


# --- Figures -----------------------------------------------------------------------------------


def test_each_rule_shows_target_amount_ratio_forecast_and_status(client, colette, year_2025):
    client.force_login(colette)

    response = client.get(PAGE, {"annee": "2025"})

    rows = rows_of(response)
    office_lyc = rows[("office-supplies", "LYC")]
    assert (
        office_lyc.base_amount,
        office_lyc.target_amount,
        office_lyc.qualifying_amount,
        office_lyc.ratio,
        office_lyc.status,
    ) == (Decimal("10000.00"), Decimal("2000.00"), Decimal("1500.00"), Decimal("15.00"), "missed")
    assert rows[("office-supplies", "DSI")].status == "met"
    assert rows[("paper", "LYC")].ratio == Decimal("75.00")
    assert rows[("paper", "DSI")].status == "not_applicable"
    text = text_of(response)
    assert "Respect des règles d'achat en 2025" in text
    for shown in ("10 000,00 €", "2 000,00 €", "1 500,00 €", "15,00 %", "24,00 %", "75,00 %"):
        assert shown in text
    for status in ("Manqué", "Atteint", "Sans objet"):
        assert f">{status}</span>" in text
    assert "le trait vertical marque le seuil à atteindre" in text
    # 2025 is over: its statuses are final and nothing is forecast.
    assert "Année terminée : les statuts sont définitifs." in text
    assert "Prévision fin d'année" not in text


def test_the_progress_bar_is_drawn_with_its_threshold_and_a_text_alternative(
    client, henri, year_2025
):
    client.force_login(henri)

    content = client.get(PAGE, {"annee": "2025"}).content.decode()

    bars = re.findall(r"<svg [^>]*chart-progress.*?</svg>", content, re.S)
    assert len(bars) == 2
    office, paper = bars
    assert 'role="img"' in office
    assert "<title>15,00 % atteints pour un seuil de 20 %</title>" in office
    # The bar is 320 wide: 15 % of it filled, the threshold's line at 20 % of it.
    assert 'class="chart-value" x="0" y="4" width="48.0"' in office
    assert 'x1="64.0"' in office
    assert "<title>75,00 % atteints pour un seuil de 100 %</title>" in paper
    assert 'x1="320.0"' in paper
    # No inline style anywhere: the Content Security Policy forbids it.
    assert "style=" not in content


def test_the_page_opens_on_this_year(client, colette, lyc, seed_rules):
    client.force_login(colette)

    response = client.get(PAGE)

    this_year = current_year()
    assert response.context["year"] == this_year
    text = text_of(response)
    assert f'<option value="{this_year}" selected>{this_year}</option>' in text
    assert "Situation au " in text
    assert "Prévision fin d'année" in text


def test_a_year_that_is_not_a_year_falls_back_on_this_year(client, colette, seed_rules):
    client.force_login(colette)

    assert client.get(PAGE, {"annee": "deux mille"}).context["year"] == current_year()


# --- The purchases that count and do not count -------------------------------------------------


def test_the_purchases_that_count_are_listed_with_their_labels(client, henri, year_2025):
    client.force_login(henri)

    response = client.get(purchases_url(year_2025[0], counting="oui"))

    assert [p.reference for p in response.context["page"].object_list] == ["LYC-1", "LYC-2"]
    text = text_of(response)
    assert "Achats qui comptent pour la règle" in text
    assert "Écolabel européen" in text
    assert "NF Environnement" in text
    assert "2 achats" in text
    assert "1 500,00 €" in text


def test_the_purchases_that_do_not_count_are_listed(client, henri, year_2025):
    client.force_login(henri)

    response = client.get(purchases_url(year_2025[1], counting="non"))

    assert [p.reference for p in response.context["page"].object_list] == ["LYC-P2"]
    assert "Achats qui ne comptent pas pour la règle" in text_of(response)


def test_the_compliance_page_links_to_both_lists(client, henri, year_2025):
    client.force_login(henri)

    text = text_of(client.get(PAGE, {"annee": "2025"}))

    assert purchases_url(year_2025[0], counting="oui") in text
    assert purchases_url(year_2025[0], counting="non") in text


def test_the_purchases_are_paginated(client, fanny, henri, seed_rules):
    make_purchases(
        fanny.organisation,
        [
            {"reference": f"P-{n:03d}", "department": "LYC", "eco_labels": "eu-ecolabel"}
            for n in range(60)
        ],
        actor=fanny,
    )
    client.force_login(henri)

    first = client.get(purchases_url(seed_rules[0]))
    second = client.get(purchases_url(seed_rules[0]) + "&page=2")

    assert len(first.context["page"].object_list) == 50
    assert [p.reference for p in second.context["page"].object_list] == [
        f"P-{n:03d}" for n in range(50, 60)
    ]
    assert "?comptent=oui&page=2" in text_of(first)


# --- Queries -----------------------------------------------------------------------------------


def add_purchases(fanny, start: int, count: int) -> None:
    """`count` lines of 2025 spread over both departments, office supplies and paper,
    eco-labelled (one label or two), recycled or not: imported in one file."""
    kinds = [
        {"eco_labels": "eu-ecolabel"},
        {"eco_labels": "eu-ecolabel|nf-environnement"},
        {"family": "paper", "recycled_content": "100"},
        {"family": "paper"},
        {},
    ]
    make_purchases(
        fanny.organisation,
        [
            {
                "department": ("LYC", "DSI")[n % 2],
                "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "amount_excl_vat": "10,00",
                **kinds[n % len(kinds)],
            }
            for n in range(start, start + count)
        ],
        actor=fanny,
    )


def test_the_pages_take_the_same_queries_with_10_and_with_10000_purchases(
    client, fanny, colette, henri, seed_rules, django_assert_max_num_queries
):
    make_budgets(
        fanny.organisation,
        [
            {"department": code, "year": "2025", "family": "office-supplies", "amount": "50000"}
            for code in ("LYC", "DSI")
        ],
        actor=fanny,
    )
    pages = [
        (colette, f"{PAGE}?annee=2025", PAGE_QUERIES),
        (henri, f"{PAGE}?annee=2025", PAGE_QUERIES + HEAD_QUERIES),
        (colette, purchases_url(seed_rules[0]), PURCHASES_QUERIES),
        (henri, purchases_url(seed_rules[0]), PURCHASES_QUERIES + HEAD_QUERIES),
    ]

    def measure() -> list[int]:
        counts = []
        for person, url, most in pages:
            client.force_login(person)
            with django_assert_max_num_queries(most) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(queries))
        return counts

    add_purchases(fanny, 0, 10)
    # The first request of the process fills caches (the other apps' menu entries).
    measure()
    with_10 = measure()
    add_purchases(fanny, 10, 9_990)
    with_10000 = measure()

    assert with_10 == with_10000
    response = client.get(purchases_url(seed_rules[0]))
    # LYC's eco-labelled office supplies: lines 0 and 6 of every ten (even, kind 0 or 1).
    assert response.context["page"].paginator.count == 2_000
