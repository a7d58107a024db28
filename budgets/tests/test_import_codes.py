"""The accepted codes of the import files: the reference page, the XLSX template with its
drop-down lists and its sheet of codes, and the closest valid codes named by the message of an
unknown code."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from budgets import imports
from budgets.models import ImportKind
from budgets.tests.data import login_url, text_of
from budgets.tests.factories import csv_bytes, purchase_row
from clauses.models import EcoLabel, PurchaseFamily

pytestmark = pytest.mark.django_db

CODES = reverse("budgets:import-codes")
# Session, user, permissions (2), departments, families, eco-labels; the other apps' menu.
CODES_QUERIES = 9


def template_url(kind: str) -> str:
    return reverse("budgets:import-template-xlsx", kwargs={"kind": kind})


def line_errors(organisation, rows: list[dict]) -> list[str]:
    check = imports.check_file(
        organisation=organisation,
        kind=ImportKind.PURCHASES,
        content=csv_bytes([purchase_row(**row) for row in rows]),
        file_name="achats.csv",
    )
    return [str(error) for error in check.errors]


# Close matches ----------------------------------------------------------------------------------


def test_an_unknown_family_names_the_closest_families(organisation, lyc):
    assert line_errors(organisation, [{"department": "LYC", "family": "papr"}]) == [
        "line 2, column family: Famille d'achat inconnue : « papr ». "
        "Code accepté le plus proche : « paper »."
    ]


def test_a_misspelt_eco_label_names_the_right_one(organisation, lyc):
    assert line_errors(organisation, [{"department": "LYC", "eco_labels": "eu-ecolable"}]) == [
        "line 2, column eco_labels: Écolabel inconnu : « eu-ecolable ». "
        "Code accepté le plus proche : « eu-ecolabel »."
    ]


def test_several_unknown_labels_are_named_together_with_their_close_codes(organisation, lyc):
    assert line_errors(
        organisation, [{"department": "LYC", "eco_labels": "fsc|eu-ecolabl|nordic-swam"}]
    ) == [
        "line 2, column eco_labels: Écolabels inconnus : « eu-ecolabl », « nordic-swam ». "
        "Codes acceptés les plus proches : « eu-ecolabel », « nordic-swan »."
    ]


def test_a_department_close_to_two_codes_names_both_the_closest_first(organisation, lyc, dsi):
    from accounts.tests.factories import DepartmentFactory

    DepartmentFactory(organisation=organisation, code="LYCE", name="Lycées de l'Est")
    assert line_errors(organisation, [{"department": "lyck"}]) == [
        "line 2, column department: Direction inconnue dans votre organisation : « LYCK ». "
        "Codes acceptés les plus proches : « LYC », « LYCE »."
    ]


def test_a_code_far_from_every_code_is_named_alone(organisation, lyc):
    assert line_errors(organisation, [{"department": "LYC", "family": "chaussettes"}]) == [
        "line 2, column family: Famille d'achat inconnue : « chaussettes »."
    ]


def test_a_department_of_another_organisation_is_not_suggested(organisation, lyc, oscar):
    # Tourcoing has ACH; Roubaix has only LYC: « ACX » is close to nothing of Roubaix.
    assert line_errors(organisation, [{"department": "ACX"}]) == [
        "line 2, column department: Direction inconnue dans votre organisation : « ACX »."
    ]


def test_the_same_unknown_code_on_many_lines_gets_the_same_message_on_each(organisation, lyc):
    errors = line_errors(
        organisation,
        [{"reference": f"R-{n}", "department": "LYC", "family": "papr"} for n in range(3)],
    )
    assert errors == [
        f"line {line}, column family: Famille d'achat inconnue : « papr ». "
        "Code accepté le plus proche : « paper »."
        for line in (2, 3, 4)
    ]


# The page of codes ------------------------------------------------------------------------------


def test_the_codes_page_lists_every_accepted_code_with_its_label(
    client, fanny, lyc, dsi, oscar, django_assert_max_num_queries
):
    client.force_login(fanny)
    with django_assert_max_num_queries(CODES_QUERIES):
        response = client.get(CODES)
    assert response.status_code == 200
    text = text_of(response)
    assert "<code>LYC</code></td><td>Direction des lycées</td>" in text
    assert "<code>DSI</code></td><td>Direction du numérique</td>" in text
    assert "<code>ACH</code>" not in text  # Tourcoing's department.
    for family in PurchaseFamily.objects.all():
        assert f"<code>{family.code}</code></td><td>{family.name}</td>" in text
    for label in EcoLabel.objects.all():
        assert f"<code>{label.code}</code></td><td>{label.name}</td>" in text
    assert "<code>oui</code></td><td>Produit de réemploi</td>" in text


def test_the_codes_page_costs_the_same_queries_with_many_codes(
    client, fanny, django_assert_max_num_queries
):
    from accounts.tests.factories import DepartmentFactory

    for number in range(30):
        DepartmentFactory(organisation=fanny.organisation, code=f"D{number}", name=f"Dir {number}")
        EcoLabel.objects.create(
            code=f"label-{number}", name=f"Label {number}", proves="eco_responsible"
        )
    client.force_login(fanny)
    with django_assert_max_num_queries(CODES_QUERIES):
        assert client.get(CODES).status_code == 200


def test_a_department_name_with_markup_is_shown_as_text(client, fanny):
    from accounts.tests.factories import DepartmentFactory

    DepartmentFactory(organisation=fanny.organisation, code="XSS", name="<b>gras</b>")
    client.force_login(fanny)
    content = client.get(CODES).content.decode()
    assert "&lt;b&gt;gras&lt;/b&gt;" in content
    assert "<b>gras</b>" not in content


def test_the_upload_page_links_the_codes_and_both_templates(client, fanny):
    client.force_login(fanny)
    content = client.get(reverse("budgets:import-upload")).content.decode()
    assert f'href="{CODES}"' in content
    for kind in ImportKind.values:
        assert f'href="{template_url(kind)}"' in content
        assert f'href="{reverse("budgets:import-template", kwargs={"kind": kind})}"' in content


def test_only_finance_officers_read_the_codes_and_templates(client, bob, oscar):
    for url in (CODES, template_url("purchases"), template_url("budgets")):
        client.logout()
        assert client.get(url)["Location"] == login_url(url)
        client.force_login(bob)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code in (403, 405)


def test_an_unknown_kind_of_template_is_not_found(client, fanny):
    client.force_login(fanny)
    assert client.get(template_url("contrats")).status_code == 404


# The XLSX template ------------------------------------------------------------------------------


def open_template(client, kind: str):
    response = client.get(template_url(kind))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="modele-{kind}.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_purchases_template_has_the_header_drop_down_lists_and_a_sheet_of_codes(
    client, fanny, lyc, dsi
):
    client.force_login(fanny)
    workbook = open_template(client, "purchases")
    sheet, codes = workbook.worksheets
    assert (sheet.title, codes.title) == ("Achats", "Codes")
    assert [cell.value for cell in sheet[1]] == list(imports.PURCHASE_COLUMNS)
    assert sheet["C1"].comment.text == "Le code de la direction, en majuscules ou en minuscules."
    assert sheet["H1"].comment.text.startswith("Vide, un code d'écolabel, ou plusieurs séparés")
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    families = PurchaseFamily.objects.count()
    labels = EcoLabel.objects.count()
    assert lists == {
        "C2:C5001": "'Codes'!$A$2:$A$3",
        "D2:D5001": f"'Codes'!$D$2:$D${families + 1}",
        "H2:H5001": f"'Codes'!$G$2:$G${labels + 1}",
        "J2:J5001": "'Codes'!$J$2:$J$3",
    }
    rows = list(codes.iter_rows(values_only=True))
    assert rows[0][:2] == ("department", "Directions de votre organisation")
    assert [row[:2] for row in rows[1:3]] == [
        ("DSI", "Direction du numérique"),
        ("LYC", "Direction des lycées"),
    ]
    assert {row[3] for row in rows[1:] if row[3]} == set(
        PurchaseFamily.objects.values_list("code", flat=True)
    )
    assert [row[9] for row in rows[1:3]] == ["oui", "non"]


def test_the_budgets_template_lists_departments_and_families_only(client, fanny, lyc):
    client.force_login(fanny)
    sheet, codes = open_template(client, "budgets").worksheets
    assert sheet.title == "Budgets"
    assert [cell.value for cell in sheet[1]] == list(imports.BUDGET_COLUMNS)
    assert sorted(str(v.sqref) for v in sheet.data_validations.dataValidation) == [
        "A2:A5001",
        "C2:C5001",
    ]
    assert [cell.value for cell in codes[1]] == [
        "department",
        "Directions de votre organisation",
        None,
        "family",
        "Familles d'achat",
    ]


def test_a_department_named_like_a_formula_stays_a_text_in_the_template(client, fanny):
    from accounts.tests.factories import DepartmentFactory

    DepartmentFactory(organisation=fanny.organisation, code="A", name='=HYPERLINK("x")')
    client.force_login(fanny)
    codes = open_template(client, "purchases")["Codes"]
    assert codes["B2"].value == '=HYPERLINK("x")'
    assert codes["B2"].data_type == "s"


def test_a_filled_template_is_accepted_by_the_import(client, fanny, lyc):
    client.force_login(fanny)
    workbook = open_template(client, "purchases")
    sheet = workbook["Achats"]
    row = ["T-1", "2026-03-02", "LYC", "paper", "Papeterie", "Ramettes", 120.5]
    sheet.append([*row, "eu-ecolabel", 100, "non"])
    output = io.BytesIO()
    workbook.save(output)
    check = imports.check_file(
        organisation=fanny.organisation,
        kind=ImportKind.PURCHASES,
        content=output.getvalue(),
        file_name="modele-purchases.xlsx",
    )
    assert list(check.errors) == []
    assert [line.reference for line in check.to_create] == ["T-1"]


def test_the_message_of_an_unknown_code_is_translated_in_english(organisation, lyc):
    with translation.override("en"):
        assert line_errors(
            organisation, [{"department": "LYC", "eco_labels": "fsc|eu-ecolable"}]
        ) == [
            "line 2, column eco_labels: Unknown eco-label: “eu-ecolable”. "
            "Closest accepted code: “eu-ecolabel”."
        ]
