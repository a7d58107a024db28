"""The import pages: upload → preview with every error or the first lines → confirm; the list
of imports; an import's page; reversal after a confirmation page. Only finance officers of the
organisation get in; nothing is written before the confirmation."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from accounts.models import Department
from budgets import imports
from budgets.models import Budget, ImportBatch, ImportKind, ImportStatus, Purchase
from budgets.tests.data import login_url, text_of
from budgets.tests.factories import csv_bytes, make_purchases, purchase_row

pytestmark = pytest.mark.django_db

LIST = reverse("budgets:import-list")
UPLOAD = reverse("budgets:import-upload")
# Session, user, permissions (2), the count and the page of imports with who sent them; the
# other apps' menu.
LIST_QUERIES = 7


class JobsClient(Client):
    """Each request's jobs run once it commits, as they do in process without Redis (the test's
    transaction would otherwise hold them back)."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return JobsClient()


def detail_url(batch) -> str:
    return reverse("budgets:import-detail", kwargs={"public_id": batch.public_id})


def confirm_url(batch) -> str:
    return reverse("budgets:import-confirm", kwargs={"public_id": batch.public_id})


def reverse_url(batch) -> str:
    return reverse("budgets:import-reverse", kwargs={"public_id": batch.public_id})


def purchases_file(rows: list[dict], name: str = "achats.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes([purchase_row(**row) for row in rows]), "text/csv")


def upload(client, file, kind=ImportKind.PURCHASES):
    return client.post(UPLOAD, {"kind": kind, "file": file})


GOOD_ROWS = [
    {"reference": "A-1", "department": "LYC", "amount_excl_vat": "120,50"},
    {"reference": "A-2", "department": "DSI", "eco_labels": "eu-ecolabel", "date": "31/12/2025"},
    {"reference": "A-3", "department": "LYC", "family": "paper", "recycled_content": "100"},
]


@pytest.fixture
def previewed(client, fanny, lyc, dsi):
    """A clean purchases file sent by fanny: in preview."""
    client.force_login(fanny)
    upload(client, purchases_file(GOOD_ROWS))
    return ImportBatch.objects.get()


@pytest.fixture
def imported(client, previewed):
    client.post(confirm_url(previewed))
    previewed.refresh_from_db()
    return previewed


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, previewed):
    client.logout()
    template = reverse("budgets:import-template", kwargs={"kind": "purchases"})
    for url in (LIST, UPLOAD, detail_url(previewed), reverse_url(previewed), template):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == login_url(url)
    response = client.post(confirm_url(previewed))
    assert response.status_code == 302
    assert previewed.purchases.count() == 0


def test_only_finance_officers_get_in(client, henri, colette, clement, bob, previewed):
    for person in (henri, colette, clement, bob):
        client.force_login(person)
        for url in (LIST, UPLOAD, detail_url(previewed), reverse_url(previewed)):
            assert client.get(url).status_code == 403
        assert upload(client, purchases_file(GOOD_ROWS)).status_code == 403
        assert client.post(confirm_url(previewed)).status_code == 403
    assert ImportBatch.objects.count() == 1
    assert not Purchase.objects.exists()


def test_an_import_of_another_organisation_is_not_found(client, oscar, imported):
    client.force_login(oscar)

    assert client.get(detail_url(imported)).status_code == 404
    assert client.get(reverse_url(imported)).status_code == 404
    assert client.post(reverse_url(imported)).status_code == 404
    assert client.post(confirm_url(imported)).status_code == 404
    assert client.get(LIST).context["page"].paginator.count == 0
    assert Purchase.objects.count() == 3


def test_each_page_answers_only_its_methods(client, previewed):
    assert client.post(LIST).status_code == 405
    assert client.post(detail_url(previewed)).status_code == 405
    assert client.get(confirm_url(previewed)).status_code == 405
    assert client.put(UPLOAD).status_code == 405
    assert client.delete(reverse_url(previewed)).status_code == 405


# --- Upload and preview ------------------------------------------------------------------------


def test_a_clean_file_is_previewed_and_nothing_is_written(client, fanny, previewed):
    response = client.get(detail_url(previewed))

    assert previewed.status == ImportStatus.PREVIEW
    assert not Purchase.objects.exists()
    context = response.context
    assert context["preview"][0] == (
        2,
        [
            "A-1",
            "2025-03-14",
            "LYC",
            "office-supplies",
            "Bureau Vert Hauts-de-France",
            "Ramettes et classeurs",
            "120,50",
            "",
            "",
            "non",
        ],
    )
    assert [line for line, _values in context["preview"]] == [2, 3, 4]
    text = text_of(response)
    assert "Le fichier ne contient aucune erreur." in text
    assert "Lignes à ajouter" in text
    assert "Les 3 premières lignes du fichier" in text
    assert "Confirmer l'import" in text
    assert confirm_url(previewed) in text
    assert "Fanny Finances" in text


def test_the_upload_redirects_to_the_import_page(client, fanny, lyc):
    client.force_login(fanny)

    response = upload(client, purchases_file(GOOD_ROWS[:1]))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(batch)
    assert (batch.uploaded_by, batch.file_name, batch.rows_total, batch.rows_created) == (
        fanny,
        "achats.csv",
        1,
        1,
    )


def test_the_preview_shows_the_first_ten_lines_only(client, fanny, lyc):
    client.force_login(fanny)
    upload(client, purchases_file([{"department": "LYC"} for _ in range(25)]))

    response = client.get(detail_url(ImportBatch.objects.get()))

    assert [line for line, _values in response.context["preview"]] == list(range(2, 12))
    assert "Les 10 premières lignes du fichier" in text_of(response)


def test_a_file_with_errors_is_rejected_with_every_error_and_a_form_for_the_corrected_file(
    client, fanny, lyc
):
    client.force_login(fanny)
    rows = [
        {"reference": "B-1", "department": "LYC"},
        {"reference": "B-2", "department": "ZZZ"},
        {"reference": "B-3", "department": "LYC", "amount_excl_vat": "douze"},
        {"reference": "B-1", "department": "LYC", "date": "31/02/2025"},
    ]

    response = upload(client, purchases_file(rows))

    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REJECTED
    response = client.get(response.url)
    errors = [(e["line"], e["column"]) for e in response.context["errors"].object_list]
    assert errors == [
        (3, "department"),
        (4, "amount_excl_vat"),
        (5, "date"),
        (5, "reference"),
    ]
    text = text_of(response)
    assert "Le fichier est refusé : 4 erreurs. Rien n'a été enregistré." in text
    assert "Direction inconnue dans votre organisation : « ZZZ »." in text
    assert "Référence en double : elle figure déjà ligne 2." in text
    assert "« douze » n'est pas un montant" in text
    assert "Envoyer le fichier corrigé" in text
    assert 'enctype="multipart/form-data"' in text
    assert response.context["form"].initial == {"kind": ImportKind.PURCHASES}
    assert "Confirmer l'import" not in text
    assert not Purchase.objects.exists()


def test_many_errors_are_shown_over_several_pages(client, fanny, lyc):
    client.force_login(fanny)
    upload(client, purchases_file([{"department": "ZZZ"} for _ in range(250)]))
    batch = ImportBatch.objects.get()

    first = client.get(detail_url(batch))
    second = client.get(detail_url(batch), {"page": 2})

    assert len(first.context["errors"].object_list) == 200
    assert [e["line"] for e in second.context["errors"].object_list] == list(range(202, 252))
    assert "Page 1 sur 2" in text_of(first)


def test_only_the_first_errors_are_kept_and_the_page_counts_the_others(
    client, fanny, lyc, settings
):
    settings.IMPORT_MAX_ERRORS = 5
    client.force_login(fanny)
    upload(client, purchases_file([{"department": "ZZZ"} for _ in range(8)]))
    batch = ImportBatch.objects.get()

    response = client.get(detail_url(batch))

    assert (len(batch.errors), batch.errors_total) == (5, 8)
    assert [error["line"] for error in batch.errors] == [2, 3, 4, 5, 6]
    text = text_of(response)
    assert "Le fichier est refusé : 8 erreurs." in text
    assert "Les 5 premières erreurs sont listées, et 3 autres erreurs." in text


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_before_it_is_read(client, fanny):
    client.force_login(fanny)

    response = upload(client, SimpleUploadedFile("achats.pdf", b"%PDF-1.4", "application/pdf"))

    assert response.status_code == 200
    message = "Le fichier « achats.pdf » n'est pas accepté : envoyez un fichier .csv ou .xlsx."
    assert response.context["form"].errors["file"] == [message]
    assert message in text_of(response)
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_limit_is_refused(client, fanny, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1024)
    client.force_login(fanny)

    response = upload(client, SimpleUploadedFile("achats.csv", b"x" * 2048, "text/csv"))

    assert response.context["form"].errors["file"] == [
        "Le fichier fait 2,0\xa0Kio : la limite est de 1,0\xa0Kio."
    ]
    assert not ImportBatch.objects.exists()


def test_a_file_must_be_chosen(client, fanny):
    client.force_login(fanny)

    response = client.post(UPLOAD, {"kind": ImportKind.PURCHASES})

    assert response.context["form"].errors["file"] == ["Choisissez le fichier à importer."]


def test_an_unreadable_file_is_rejected_with_its_reason(client, fanny):
    client.force_login(fanny)

    response = upload(client, SimpleUploadedFile("achats.csv", b"", "text/csv"))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Le fichier envoyé est vide."]
    response = upload(client, SimpleUploadedFile("achats.csv", b"reference;date\nA;B\n"))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REJECTED
    text = text_of(client.get(response.url))
    assert "Colonne manquante" in text


def test_a_spreadsheet_is_previewed_as_typed(client, fanny, lyc):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(imports.PURCHASE_COLUMNS))
    day = datetime.datetime(2025, 6, 3)
    sheet.append(["X-1", day, "LYC", "paper", "Papeterie", "Ramettes", 250.5, "", 100, "oui"])
    content = io.BytesIO()
    workbook.save(content)
    client.force_login(fanny)

    response = upload(client, SimpleUploadedFile("achats.xlsx", content.getvalue()))

    preview = client.get(response.url).context["preview"]
    values = ["X-1", "2025-06-03", "LYC", "paper", "Papeterie", "Ramettes", "250.5", "", "100"]
    assert preview == [(2, [*values, "oui"])]


# --- Confirm -----------------------------------------------------------------------------------


def test_confirming_imports_every_line(client, fanny, previewed):
    response = client.post(confirm_url(previewed))

    assert response.status_code == 302
    assert response.url == detail_url(previewed)
    previewed.refresh_from_db()
    assert previewed.status == ImportStatus.IMPORTED
    assert previewed.imported_by == fanny
    assert sorted(Purchase.objects.values_list("reference", flat=True)) == ["A-1", "A-2", "A-3"]
    text = text_of(client.get(response.url))
    assert "Import terminé : 3 lignes ajoutées." in text
    assert "Lignes ajoutées" in text
    assert "Importé par" in text
    assert "Annuler cet import" in text


def test_the_same_file_again_adds_only_its_new_lines(client, imported):
    rows = [*GOOD_ROWS, {"reference": "A-4", "department": "LYC"}]
    upload(client, purchases_file(rows, name="achats-bis.csv"))
    again = ImportBatch.objects.exclude(pk=imported.pk).get()

    response = client.get(detail_url(again))

    assert (again.rows_created, again.rows_skipped) == (1, 3)
    assert re.search(r'id="lignes-ajoutees">1<', response.content.decode())
    assert re.search(r'id="lignes-ignorees">3<', response.content.decode())
    response = client.post(confirm_url(again), follow=True)
    assert "Import terminé : 1 ligne ajoutée, 3 lignes déjà importées (ignorées)." in text_of(
        response
    )
    assert Purchase.objects.count() == 4
    assert Purchase.objects.get(reference="A-4").batch == again


def test_confirming_twice_is_refused_with_a_message(client, imported):
    response = client.post(confirm_url(imported), follow=True)

    assert "Cet import a déjà été confirmé." in text_of(response)
    assert Purchase.objects.count() == 3


def test_a_department_removed_since_the_preview_rejects_the_import(client, fanny, lyc, dsi):
    client.force_login(fanny)
    upload(client, purchases_file(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    Department.objects.filter(pk=dsi.pk).delete()

    response = client.post(confirm_url(batch), follow=True)

    text = text_of(response)
    assert "Le fichier ne passe plus les vérifications (1 erreur) : rien n'a été importé." in text
    assert "Direction inconnue dans votre organisation : « DSI »." in text
    assert "Envoyer le fichier corrigé" in text
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED
    assert not Purchase.objects.exists()


def test_a_budgets_file_goes_through_the_same_pages(client, fanny, lyc):
    client.force_login(fanny)
    assert client.get(UPLOAD, {"type": "budgets"}).context["form"].initial == {"kind": "budgets"}
    content = csv_bytes(
        [{"department": "LYC", "year": "2026", "family": "paper", "amount": "1 500,00"}],
        imports.BUDGET_COLUMNS,
    )

    response = upload(client, SimpleUploadedFile("budgets.csv", content), ImportKind.BUDGETS)
    batch = ImportBatch.objects.get()
    assert batch.kind == ImportKind.BUDGETS
    assert client.get(response.url).context["preview"] == [
        (2, ["LYC", "2026", "paper", "1 500,00"])
    ]
    client.post(confirm_url(batch))

    budget = Budget.objects.get()
    assert (budget.department, budget.year, budget.amount) == (lyc, 2026, Decimal("1500.00"))
    text = text_of(client.get(detail_url(batch)))
    assert "Budgets modifiés" in text
    assert "Annuler cet import" not in text


# --- Reverse -----------------------------------------------------------------------------------


def test_reversing_asks_for_confirmation_then_deletes_the_lines(client, fanny, imported):
    page = client.get(reverse_url(imported))

    assert "L'import « achats.csv » a ajouté 3 achats." in text_of(page)
    assert Purchase.objects.count() == 3

    response = client.post(reverse_url(imported))

    assert response.status_code == 302
    assert response.url == detail_url(imported)
    imported.refresh_from_db()
    assert (imported.status, imported.reversed_by) == (ImportStatus.REVERSED, fanny)
    assert not Purchase.objects.exists()
    text = text_of(client.get(response.url))
    assert "Import annulé : 3 achats supprimés." in text
    assert "Import annulé le" in text
    assert "par Fanny Finances" in text


def test_a_reversed_file_can_be_imported_again(client, imported):
    client.post(reverse_url(imported))

    upload(client, purchases_file(GOOD_ROWS))
    again = ImportBatch.objects.exclude(pk=imported.pk).get()
    client.post(confirm_url(again))

    assert Purchase.objects.count() == 3
    assert client.post(confirm_url(imported), follow=True).status_code == 200
    imported.refresh_from_db()
    assert imported.status == ImportStatus.REVERSED


def test_an_import_that_is_not_a_confirmed_purchases_import_cannot_be_reversed(client, previewed):
    page = client.get(reverse_url(previewed))

    assert "Cet import ne peut pas être annulé : il est « Aperçu à confirmer »." in text_of(page)
    response = client.post(reverse_url(previewed))
    assert response.status_code == 200
    assert "Seul un import confirmé peut être annulé." in text_of(response)
    previewed.refresh_from_db()
    assert previewed.status == ImportStatus.PREVIEW


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_who_when_what_and_the_counts(client, fanny, imported):
    make_purchases(fanny.organisation, [{"department": "LYC"}])
    upload(client, purchases_file([{"department": "ZZZ"}, {"department": "YYY"}], "faux.csv"))

    response = client.get(LIST)

    batches = list(response.context["page"].object_list)
    assert [(b.file_name, b.uploaded_by, b.errors_total) for b in batches] == [
        ("faux.csv", fanny, 2),
        ("export.csv", None, 0),
        ("achats.csv", fanny, 0),
    ]
    text = text_of(response)
    assert "achats.csv" in text
    assert "Ligne de commande" in text
    assert "Fanny Finances" in text
    assert "Importé" in text
    assert detail_url(imported) in text


def test_the_list_is_paginated_with_the_same_queries(
    client, fanny, lyc, django_assert_max_num_queries
):
    client.force_login(fanny)
    # The first request fills caches (the other apps' menu entries).
    client.get(LIST)
    make_purchases(fanny.organisation, [{"department": "LYC"}], actor=fanny)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        client.get(LIST)
    for _ in range(30):
        make_purchases(fanny.organisation, [{"department": "LYC"}], actor=fanny)

    with django_assert_max_num_queries(LIST_QUERIES) as many:
        response = client.get(LIST)

    assert len(many) == len(few)
    assert len(response.context["page"].object_list) == 25
    assert len(client.get(LIST, {"page": 2}).context["page"].object_list) == 6


def test_an_empty_model_file_is_offered_for_each_kind(client, fanny):
    client.force_login(fanny)

    response = client.get(reverse("budgets:import-template", kwargs={"kind": "budgets"}))

    assert response.content == b"department;year;family;amount\r\n"
    assert response["Content-Disposition"] == 'attachment; filename="modele-budgets.csv"'
    assert client.get(reverse("budgets:import-template", kwargs={"kind": "x"})).status_code == 404


def test_the_list_filters_the_imports_still_to_confirm(client, fanny, imported, lyc):
    upload(client, purchases_file([purchase_row(department="LYC", reference="FAC-X-1")]))
    waiting = ImportBatch.objects.get(status=ImportStatus.PREVIEW)

    response = client.get(LIST, {"statut": "preview"})

    assert [batch.pk for batch in response.context["page"].object_list] == [waiting.pk]
    assert 'aria-current="page">Aperçu à confirmer</a>' in text_of(response)
    everything = client.get(LIST, {"statut": "nimporte"}).context["page"].object_list
    assert {batch.pk for batch in everything} == {waiting.pk, imported.pk}
