"""The AGEC declaration page and its CSV file, for finance officers; and the menu entries of the
budgets pages, each shown to those who may open it."""

import csv
import io

import pytest
from django.urls import reverse

from budgets.agec import AGEC_FIELDS
from budgets.selectors.common import current_year
from budgets.tests.data import login_url, text_of
from budgets.tests.factories import make_purchases

pytestmark = pytest.mark.django_db

PAGE = reverse("budgets:agec")
EXPORT = reverse("budgets:agec-export")


@pytest.fixture
def purchases_2025(fanny, lyc, dsi):
    """Paper: 300 € recycled, 100 € not; office supplies: 200 € from reuse; cleaning products
    (no AGEC category): 50 €; and a 2024 line."""
    make_purchases(
        fanny.organisation,
        [
            {
                "department": "LYC",
                "family": "paper",
                "amount_excl_vat": "300",
                "recycled_content": "100",
            },
            {"department": "DSI", "family": "paper", "amount_excl_vat": "100"},
            {"department": "LYC", "amount_excl_vat": "200", "reuse": "oui"},
            {"department": "LYC", "family": "cleaning-products", "amount_excl_vat": "50"},
            {"department": "LYC", "amount_excl_vat": "999", "date": "2024-06-01"},
        ],
        actor=fanny,
    )


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    for url in (PAGE, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == login_url(url)


def test_only_finance_officers_read_and_download_the_declaration(
    client, henri, colette, clement, bob
):
    for person in (henri, colette, clement, bob):
        client.force_login(person)
        assert client.get(PAGE).status_code == 403
        assert client.get(EXPORT).status_code == 403


def test_the_pages_only_answer_get(client, fanny):
    client.force_login(fanny)

    assert client.post(PAGE).status_code == 405
    assert client.post(EXPORT).status_code == 405


def test_the_table_has_one_row_per_agec_category_with_totals(client, fanny, purchases_2025):
    client.force_login(fanny)

    response = client.get(PAGE, {"annee": "2025"})

    rows = [
        (row.category, row.total_amount, row.reuse_amount, row.recycled_amount)
        for row in response.context["rows"]
    ]
    # In the order of the official list: paper before office supplies.
    assert rows == [("Papier", 400, 0, 300), ("Fournitures de bureau", 200, 200, 0)]
    text = text_of(response)
    assert "Déclaration AGEC 2025" in text
    assert "600,00 €" in text
    assert f"{EXPORT}?annee=2025" in text


def test_another_organisation_declares_only_its_own_purchases(client, oscar, purchases_2025):
    client.force_login(oscar)

    response = client.get(PAGE, {"annee": "2025"})

    assert response.context["rows"] == []
    assert "Aucun achat d'une catégorie AGEC n'est importé pour 2025." in text_of(response)
    assert client.get(EXPORT, {"annee": "2025"}).content.decode().splitlines() == [
        ",".join(AGEC_FIELDS)
    ]


def test_the_csv_follows_the_schema_columns(client, fanny, organisation, purchases_2025):
    client.force_login(fanny)

    response = client.get(EXPORT, {"annee": "2025"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="declaration-agec-roubaix-2025.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert tuple(rows[0]) == AGEC_FIELDS
    paper = next(row for row in rows if row["type_produit_acquis"] == "Papier")
    assert (paper["annee"], paper["siret"], paper["montant_total"]) == (
        "2025",
        organisation.siret,
        "400.00",
    )
    assert paper["montant_produits_recycles"] == "300.00"


def test_the_page_opens_on_this_year(client, fanny):
    client.force_login(fanny)

    assert client.get(PAGE).context["year"] == current_year()


# --- Menu --------------------------------------------------------------------------------------


def menu_of(client, person) -> list[str]:
    client.force_login(person)
    return [item["label"] for item in client.get(reverse("core:home")).context["nav_items"]]


def test_each_person_sees_the_budgets_entries_they_may_open(
    client, fanny, henri, colette, clement, bob
):
    budgets_entries = {"Respect des règles", "Imports", "Règles d'achat"}
    assert budgets_entries & set(menu_of(client, fanny)) == budgets_entries
    assert budgets_entries & set(menu_of(client, henri)) == {"Respect des règles", "Règles d'achat"}
    assert budgets_entries & set(menu_of(client, colette)) == {
        "Respect des règles",
        "Règles d'achat",
    }
    assert budgets_entries & set(menu_of(client, clement)) == {"Règles d'achat"}
    assert budgets_entries & set(menu_of(client, bob)) == set()


def test_the_tabs_of_the_section_follow_the_rights(client, fanny, henri):
    client.force_login(fanny)
    tabs = [link.key for link in client.get(PAGE).context["section_links"]]
    assert tabs == ["compliance", "budgets", "rules", "imports", "agec"]

    client.force_login(henri)
    tabs = [link.key for link in client.get(reverse("budgets:compliance")).context["section_links"]]
    assert tabs == ["compliance", "budgets", "rules"]
