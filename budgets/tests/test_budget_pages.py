"""The budgets of a year (departments × purchase families) and the form that sets one: who reads
which departments, who writes, the service's checks shown on the form, queries that do not grow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import Budget
from budgets.selectors.common import current_year
from budgets.services.budgets import budget_set
from budgets.tests.data import login_url, text_of
from clauses.models import PurchaseFamily

pytestmark = pytest.mark.django_db

LIST = reverse("budgets:budget-list")
SET = reverse("budgets:budget-set")
# Session, user, permissions (2), the departments read, the budgets with their family, the
# years that have budgets; the other apps' menu (one query at most today).
LIST_QUERIES = 8


def year_url(year: int) -> str:
    return reverse("budgets:budget-year", kwargs={"year": year})


def family(code: str) -> PurchaseFamily:
    return PurchaseFamily.objects.get(code=code)


@pytest.fixture
def budgets(fanny, lyc, dsi):
    for department, code, amount in (
        (lyc, "office-supplies", "12000.00"),
        (lyc, "paper", "3000.50"),
        (dsi, "office-supplies", "8000.00"),
    ):
        budget_set(
            actor=fanny,
            department=department,
            year=2025,
            family=family(code),
            amount=Decimal(amount),
        )


# --- Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, year_url(2025), SET])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url(url)


def test_people_without_budget_rights_are_refused(client, bob, clement):
    for person in (bob, clement):
        client.force_login(person)
        assert client.get(year_url(2025)).status_code == 403
        assert client.get(SET).status_code == 403


def test_only_a_finance_officer_sets_budgets(client, henri, colette, lyc):
    for person in (henri, colette):
        client.force_login(person)
        assert client.get(SET).status_code == 403
        response = client.post(
            SET, {"department": "LYC", "year": 2025, "family": "paper", "amount": "10"}
        )
        assert response.status_code == 403
    assert not Budget.objects.exists()


def test_the_budget_list_only_answers_get(client, fanny):
    client.force_login(fanny)

    assert client.post(year_url(2025)).status_code == 405
    assert client.put(SET).status_code == 405


def test_a_year_out_of_range_is_not_found(client, fanny):
    client.force_login(fanny)

    assert client.get(year_url(1999)).status_code == 404


# --- The grid ----------------------------------------------------------------------------------


def test_the_finance_officer_reads_every_department_with_totals(client, fanny, budgets):
    client.force_login(fanny)

    response = client.get(year_url(2025))

    assert response.status_code == 200
    grid = response.context["grid"]
    assert [row.department.code for row in grid.rows] == ["DSI", "LYC"]
    assert [f.name for f in grid.families] == ["Fournitures de bureau", "Papier"]
    assert [[cell.amount for cell in row.cells] for row in grid.rows] == [
        [Decimal("8000.00"), None],
        [Decimal("12000.00"), Decimal("3000.50")],
    ]
    assert grid.family_totals == [Decimal("20000.00"), Decimal("3000.50")]
    assert grid.total == Decimal("23000.50")
    text = text_of(response)
    assert "15 000,50 €" in text
    assert "23 000,50 €" in text
    assert "Fixer un budget" in text
    assert f"{SET}?direction=LYC&famille=paper&annee=2025" in text


def test_a_department_head_reads_only_their_department_and_cannot_edit(client, henri, budgets):
    client.force_login(henri)

    response = client.get(year_url(2025))

    assert [row.department.code for row in response.context["grid"].rows] == ["LYC"]
    assert response.context["grid"].total == Decimal("15000.50")
    text = text_of(response)
    assert "Fixer un budget" not in text
    assert SET not in text


def test_the_committee_reads_every_department(client, colette, budgets):
    client.force_login(colette)

    response = client.get(year_url(2025))

    assert [row.department.code for row in response.context["grid"].rows] == ["DSI", "LYC"]


def test_another_organisation_sees_none_of_the_budgets(client, oscar, budgets):
    client.force_login(oscar)

    response = client.get(year_url(2025))

    assert response.status_code == 200
    assert [row.department.code for row in response.context["grid"].rows] == ["ACH"]
    assert "Aucun budget n'est fixé pour 2025." in text_of(response)


def test_the_list_opens_on_this_year_and_offers_the_years_with_budgets(client, fanny, budgets):
    client.force_login(fanny)

    response = client.get(LIST)

    this_year = current_year()
    assert response.context["year"] == this_year
    assert response.context["years"] == sorted({2025, this_year, this_year + 1}, reverse=True)
    assert year_url(2025) in text_of(response)


def test_the_grid_takes_the_same_queries_whatever_the_number_of_budgets(
    client, fanny, organisation, budgets, django_assert_max_num_queries
):
    from accounts.tests.factories import DepartmentFactory

    client.force_login(fanny)
    # The first request fills caches (the other apps' menu entries).
    client.get(year_url(2025))
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        client.get(year_url(2025))
    for n in range(30):
        department = DepartmentFactory(organisation=organisation, code=f"D{n:02d}")
        for code in ("paper", "office-supplies", "furniture"):
            budget_set(actor=fanny, department=department, year=2025, family=family(code), amount=1)

    with django_assert_max_num_queries(LIST_QUERIES) as many:
        response = client.get(year_url(2025))

    assert len(many) == len(few)
    assert len(response.context["grid"].rows) == 32


# --- Setting a budget --------------------------------------------------------------------------


def test_the_finance_officer_sets_a_budget_typed_the_french_way(client, fanny, lyc):
    client.force_login(fanny)

    response = client.post(
        SET, {"department": "LYC", "year": "2026", "family": "paper", "amount": "12 500,50"}
    )

    assert response.status_code == 302
    assert response.url == year_url(2026)
    budget = Budget.objects.get()
    assert (budget.department, budget.year, budget.family.code, budget.amount) == (
        lyc,
        2026,
        "paper",
        Decimal("12500.50"),
    )
    assert budget.history.get().history_user == fanny
    followed = client.get(response.url)
    assert "Budget enregistré : LYC, Papier, 2026 : 12 500,50 €." in text_of(followed)


def test_the_form_opens_on_the_cell_chosen_with_its_amount_and_changes_it(
    client, fanny, lyc, budgets
):
    client.force_login(fanny)

    response = client.get(SET, {"direction": "LYC", "famille": "paper", "annee": "2025"})

    form = response.context["form"]
    assert form.initial == {
        "year": 2025,
        "department": "LYC",
        "family": "paper",
        "amount": Decimal("3000.50"),
    }
    assert 'value="3 000,50"' in text_of(response).replace("\u202f", " ")

    client.post(SET, {"department": "LYC", "year": "2025", "family": "paper", "amount": "4000"})

    budget = Budget.objects.get(department=lyc, year=2025, family__code="paper")
    assert budget.amount == Decimal("4000.00")
    assert [record.amount for record in budget.history.order_by("history_date")] == [
        Decimal("3000.50"),
        Decimal("4000.00"),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "Le montant ne peut pas être négatif."),
        ({"amount": "douze"}, "amount", "Saisissez un nombre, par exemple 12 345,67."),
        ({"amount": ""}, "amount", "Ce champ est obligatoire."),
        ({"year": "1850"}, "year", "L'année doit être comprise entre 2000 et 2100."),
        ({"department": "ACH"}, "department", "Choisissez une direction de la liste."),
        ({"family": "inconnue"}, "family", "Choisissez une famille d'achat de la liste."),
    ],
)
def test_a_wrong_value_is_refused_on_its_field(client, fanny, lyc, oscar, data, field, message):
    client.force_login(fanny)
    values = {"department": "LYC", "year": "2026", "family": "paper", "amount": "100"}

    response = client.post(SET, {**values, **data})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in text_of(response)
    assert not Budget.objects.exists()
