"""Pushing purchase lines: the rules of the file import, all or nothing, every error with the
index of its item and its field; what is written is an import like a file's."""

import pytest
from django.utils.html import escape

from api.tests.factories import token_client
from budgets.models import ImportBatch, ImportKind, ImportStatus, Purchase
from budgets.selectors import compliance as selectors
from budgets.services import imports as budgets_services

pytestmark = pytest.mark.django_db

URL = "/api/v1/purchases/"


def item(**values) -> dict:
    line = {
        "reference": "FAC-2025-0001",
        "date": "2025-03-14",
        "department": "LYC",
        "family": "office-supplies",
        "supplier": "Bureau Vert",
        "description": "Ramettes",
        "amount_excl_vat": "250.00",
        "eco_labels": ["eu-ecolabel"],
        "recycled_content": None,
        "reuse": False,
    }
    line.update(values)
    return line


@pytest.fixture
def officer(fanny, dora, rules):
    """fanny, finance officer of Roubaix (LYC and ENV), with the seed's rules in force."""
    return fanny


def test_a_good_push_writes_the_lines_as_an_import_visible_in_budgets(officer, client):
    response = token_client(officer).post(
        URL,
        [
            item(),
            item(reference="FAC-2025-0002", amount_excl_vat="1 000,50", eco_labels=[]),
            item(reference="AV-2025-0001", amount_excl_vat=-50, date="20/03/2025", eco_labels=[]),
        ],
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["received"] == 3
    assert data["created"] == 3
    assert data["skipped"] == 0
    batch = ImportBatch.objects.get(public_id=data["batch"])
    assert batch.kind == ImportKind.PURCHASES
    assert batch.status == ImportStatus.IMPORTED
    assert batch.uploaded_by == officer
    assert batch.imported_by == officer
    assert not batch.file
    amounts = {
        p.reference: (p.amount, [label.code for label in p.eco_labels.all()])
        for p in Purchase.objects.filter(batch=batch)
    }
    assert {ref: (str(amount), labels) for ref, (amount, labels) in amounts.items()} == {
        "FAC-2025-0001": ("250.00", ["eu-ecolabel"]),
        "FAC-2025-0002": ("1000.50", []),
        "AV-2025-0001": ("-50.00", []),
    }
    # The budgets' figures count them.
    row = next(
        row
        for row in selectors.compliance_for(organisation=officer.organisation, year=2025)
        if row.department.code == "LYC" and row.rule.family.code == "office-supplies"
    )
    assert row.qualifying_amount == 250
    assert row.total_spend == 1200.50
    # The imports pages show it, and it is reversed like a file's.
    client.force_login(officer)
    assert batch.file_name.startswith("Envoi par l'API du ")
    assert escape(batch.file_name) in client.get("/budgets/imports/").content.decode()
    assert client.get(f"/budgets/imports/{batch.public_id}/").status_code == 200
    budgets_services.import_reverse(actor=officer, batch=batch)
    assert not Purchase.objects.filter(organisation=officer.organisation).exists()


def test_one_bad_item_writes_nothing_and_every_error_is_given_with_index_and_field(officer):
    response = token_client(officer).post(
        URL,
        [
            item(),
            item(reference="FAC-2", department="XYZ", amount_excl_vat="douze"),
            item(reference="FAC-3", family=None, date="2025-02-30"),
            item(reference="FAC-2025-0001", eco_labels=["licorne"], recycled_content=140),
            "pas un objet",
            item(reference="FAC-5", reuse="peut-être", supplier={"nom": "X"}),
        ],
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["index"], e["field"]) for e in errors] == [
        (1, "department"),
        (1, "amount_excl_vat"),
        (2, "date"),
        (2, "family"),
        (3, "eco_labels"),
        (3, "recycled_content"),
        (3, "reference"),
        (4, ""),
        (5, "supplier"),
        (5, "reuse"),
    ]
    messages = {(e["index"], e["field"]): e["message"] for e in errors}
    assert messages[(1, "department")] == "Direction inconnue dans votre organisation : « XYZ »."
    assert messages[(2, "family")] == "Valeur obligatoire."
    assert messages[(3, "reference")] == ("Référence en double : elle figure déjà à l'élément 0.")
    assert messages[(4, "")] == "Chaque élément doit être un objet JSON."
    assert not Purchase.objects.exists()
    assert not ImportBatch.objects.exists()


def test_known_references_are_skipped_as_in_the_file_import(officer):
    client = token_client(officer)
    assert client.post(URL, [item()], format="json").status_code == 201
    response = client.post(URL, [item(), item(reference="FAC-NEW")], format="json")
    assert response.status_code == 201
    assert response.json() | {"batch": None} == {
        "batch": None,
        "received": 2,
        "created": 1,
        "skipped": 1,
    }
    assert Purchase.objects.count() == 2


@pytest.mark.parametrize("body", [{"reference": "x"}, [], "texte"])
def test_anything_but_a_non_empty_list_is_refused(officer, body):
    response = token_client(officer).post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["index"] == 0


def test_a_push_above_the_limit_is_refused(officer, settings):
    settings.API_PUSH_MAX_ITEMS = 2
    response = token_client(officer).post(
        URL, [item(reference=f"F-{n}") for n in range(3)], format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 2, "field": "", "message": "Envoyez au plus 2 achats à la fois."}
    ]


def test_an_amount_too_large_for_any_decimal_is_an_error_not_a_crash(officer):
    response = token_client(officer).post(
        URL,
        [item(amount_excl_vat="9" * 40), item(reference="F-2", amount_excl_vat=1e300)],
        format="json",
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"amount_excl_vat"}


def test_only_finance_officers_may_push(alice, henri, bob, charlie, money):
    for person in (alice, henri, bob):
        assert token_client(person).post(URL, [item()], format="json").status_code == 403
    assert not Purchase.objects.filter(reference="FAC-2025-0001").exists()


def test_a_push_goes_to_the_pushers_organisation_only(officer, charlie):
    """ACH is a department of Tourcoing, not of fanny's organisation."""
    response = token_client(officer).post(URL, [item(department="ACH")], format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "department"


def test_a_refused_push_says_the_total_number_of_errors_beside_the_first_ones(officer, settings):
    settings.IMPORT_MAX_ERRORS = 3
    # Five bad departments, and an item that is not an object between them.
    items = [item(reference=f"F-{n}", department="XYZ") for n in range(5)]
    items.insert(2, "pas un objet")
    response = token_client(officer).post(URL, items, format="json")
    assert response.status_code == 400
    data = response.json()
    assert data["errors_total"] == 6
    assert data["summary"] == (
        "L'envoi a 6 erreurs : aucun achat n'est enregistré. Seules les 3 premières sont listées."
    )
    assert [(e["index"], e["field"]) for e in data["errors"]] == [
        (0, "department"),
        (1, "department"),
        (2, ""),
    ]
    assert not Purchase.objects.exists()


def test_a_push_with_one_error_says_so_without_more(officer):
    response = token_client(officer).post(URL, [item(department="XYZ")], format="json")
    data = response.json()
    assert (data["errors_total"], data["summary"]) == (
        1,
        "L'envoi a 1 erreur : aucun achat n'est enregistré.",
    )


def test_a_thousand_errors_and_more_are_counted_with_french_grouping(officer, settings):
    settings.IMPORT_MAX_ERRORS = 1
    items = [item(reference=f"F-{n}", department="XYZ", family="") for n in range(600)]
    data = token_client(officer).post(URL, items, format="json").json()
    assert data["errors_total"] == 1200
    assert data["summary"] == (
        "L'envoi a 1\xa0200 erreurs : aucun achat n'est enregistré. Seule la première est listée."
    )
    assert len(data["errors"]) == 1
