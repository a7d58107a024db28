"""The yearly AGEC declaration: its rows, its CSV, and the CSV against the official table schema."""

import io
import json
from decimal import Decimal

import pytest

from accounts.tests.factories import DepartmentFactory, OrganisationFactory
from budgets.agec import AGEC_FIELDS, write_agec_csv
from budgets.selectors.agec import AgecRow, agec_declaration
from budgets.tests.data import (
    HEADER,
    OTHER_SIRET,
    SCHEMA_PATH,
    TOURCOING_SIRET,
    add_purchases,
    line,
    validation_errors,
)
from clauses.models import AgecCategory, PurchaseFamily
from clauses.tests.factories import PurchaseFamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def furniture():
    return PurchaseFamily.objects.get(code="furniture")


@pytest.fixture
def declared(organisation, lyc, dsi, office, paper, furniture, reuse_label):
    """Spend of 2025 in three categories, one of them shared by two families."""
    fitting = PurchaseFamilyFactory(
        code="fitting-out", name="Aménagement", agec_category=AgecCategory.FURNITURE
    )
    cleaning = PurchaseFamily.objects.get(code="cleaning-products")
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2025-01-10", "1000.00", labels=["recycled-100"]),
            line(dsi, paper, "2025-02-10", "500.00", recycled_content=30),
            line(lyc, paper, "2025-03-10", "250.50"),
            line(lyc, paper, "2025-04-10", "-50.25", recycled_content=100),
            line(lyc, office, "2025-05-10", "1234.56", labels=["eu-ecolabel"]),
            line(lyc, furniture, "2025-06-10", "2000.00", reuse=True),
            line(dsi, fitting, "2025-07-10", "800.00", labels=["reemploi"]),
            # Reused and containing recycled material: in both columns.
            line(dsi, fitting, "2025-08-10", "100.00", reuse=True, recycled_content=50),
            line(lyc, furniture, "2025-12-31", "99.99"),
            # Outside the declaration: a family without category, another year.
            line(lyc, cleaning, "2025-05-10", "700.00", reuse=True),
            line(lyc, paper, "2026-01-01", "300.00", recycled_content=100),
            line(lyc, paper, "2024-12-31", "300.00", recycled_content=100),
        ],
    )
    elsewhere = OrganisationFactory(
        name="Ville de Tourcoing", slug="tourcoing", siret=TOURCOING_SIRET
    )
    add_purchases(
        elsewhere,
        [line(DepartmentFactory(organisation=elsewhere), paper, "2025-01-10", "999.00")],
    )


def test_the_declaration_sums_each_category_s_spend_reuse_and_recycled_material(
    organisation, declared
):
    rows = agec_declaration(organisation=organisation, year=2025)

    common = {"year": 2025, "siret": organisation.siret, "organisation_name": "Ville de Roubaix"}
    assert rows == [
        AgecRow(
            **common,
            category="Papier",
            total_amount=Decimal("1700.25"),
            reuse_amount=Decimal("0.00"),
            donation_amount=Decimal("0.00"),
            recycled_amount=Decimal("1449.75"),
        ),
        AgecRow(
            **common,
            category="Fournitures de bureau",
            total_amount=Decimal("1234.56"),
            reuse_amount=Decimal("0.00"),
            donation_amount=Decimal("0.00"),
            recycled_amount=Decimal("0.00"),
        ),
        AgecRow(
            **common,
            category="Mobilier et aménagement d'intérieur",
            total_amount=Decimal("2999.99"),
            reuse_amount=Decimal("2900.00"),
            donation_amount=Decimal("0.00"),
            recycled_amount=Decimal("100.00"),
        ),
    ]


def test_a_year_without_purchases_declares_no_row(organisation, declared):
    assert agec_declaration(organisation=organisation, year=2023) == []


def test_the_csv_has_the_schema_s_columns_and_amounts_with_a_point(organisation, declared):
    stream = io.StringIO(newline="")

    write_agec_csv(agec_declaration(organisation=organisation, year=2025), stream)

    siret = organisation.siret
    assert stream.getvalue() == (
        f"{HEADER}\r\n"
        f"2025,{siret},Ville de Roubaix,Papier,1700.25,0.00,0.00,1449.75,\r\n"
        f"2025,{siret},Ville de Roubaix,Fournitures de bureau,1234.56,0.00,0.00,0.00,\r\n"
        f"2025,{siret},Ville de Roubaix,Mobilier et aménagement d'intérieur,2999.99,2900.00,"
        "0.00,100.00,\r\n"
    )


@pytest.mark.schemas
def test_the_columns_are_those_of_the_official_schema_in_its_order():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

    assert tuple(field["name"] for field in schema["fields"]) == AGEC_FIELDS


@pytest.mark.schemas
def test_the_csv_validates_against_the_official_table_schema(organisation, declared, tmp_path):
    # A name with a comma and quotes must be quoted, not split.
    organisation.name = 'Syndicat "Eaux, forêts"'
    organisation.save()
    path = tmp_path / "declaration.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_agec_csv(agec_declaration(organisation=organisation, year=2025), stream)

    assert validation_errors(path) == []
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4


@pytest.mark.schemas
@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("2025,1234,Ville,Papier,1.00,0.00,0.00,0.00,", [2, "siret", "constraint-error"]),
        (
            f"2025,{OTHER_SIRET},Ville,Crayons,1.00,0.00,0.00,0.00,",
            [2, "type_produit_acquis", "constraint-error"],
        ),
        (
            f'2025,{OTHER_SIRET},Ville,Papier,"1,00",0.00,0.00,0.00,',
            [2, "montant_total", "type-error"],
        ),
    ],
)
def test_a_file_outside_the_schema_fails_the_validation(tmp_path, row, error):
    path = tmp_path / "declaration.csv"
    path.write_text(f"{HEADER}\r\n{row}\r\n", encoding="utf-8")

    assert validation_errors(path) == [error]


@pytest.mark.schemas
def test_a_file_with_columns_out_of_order_fails_the_validation(tmp_path):
    path = tmp_path / "declaration.csv"
    swapped = HEADER.replace("annee,siret", "siret,annee")
    path.write_text(f"{swapped}\r\n{OTHER_SIRET},2025,Ville,Papier,1,0,0,0,\r\n", "utf-8")

    assert {error[2] for error in validation_errors(path)} >= {"incorrect-label"}
