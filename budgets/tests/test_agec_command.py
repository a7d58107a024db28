"""`manage.py export_agec`: the declaration file, valid against the official table schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budgets.tests.data import HEADER, add_purchases, line, validation_errors

pytestmark = pytest.mark.django_db


@pytest.mark.schemas
def test_the_command_writes_a_declaration_that_validates(organisation, lyc, paper, tmp_path):
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2025-01-10", "1234.50", labels=["recycled-100"]),
            line(lyc, paper, "2025-02-10", "765.50"),
        ],
    )
    output, path = StringIO(), tmp_path / "agec-2025.csv"

    call_command(
        "export_agec",
        "--organisation",
        "roubaix",
        "--year",
        "2025",
        "--output",
        str(path),
        stdout=output,
    )

    assert path.read_bytes().decode("utf-8") == (
        f"{HEADER}\r\n2025,{organisation.siret},Ville de Roubaix,Papier,2000.00,0.00,0.00,1234.50,"
        "\r\n"
    )
    assert validation_errors(path) == []
    assert output.getvalue() == f"Déclaration AGEC 2025 : 1 catégorie(s), {path}.\n"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.schemas
def test_a_year_without_spend_writes_the_header_alone(organisation, tmp_path):
    path = tmp_path / "agec.csv"

    call_command(
        "export_agec",
        "--organisation",
        "roubaix",
        "--year",
        "2025",
        "--output",
        str(path),
        stdout=StringIO(),
    )

    assert path.read_bytes().decode("utf-8") == f"{HEADER}\r\n"
    assert validation_errors(path) == []


def test_an_unwritable_output_is_reported_without_a_half_file(organisation, tmp_path):
    path = tmp_path / "absent" / "agec.csv"

    with pytest.raises(CommandError) as error:
        call_command(
            "export_agec", "--organisation", "roubaix", "--year", "2025", "--output", str(path)
        )

    assert str(error.value).startswith(f"Impossible d'écrire {path} : ")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_organisation_is_refused(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "export_agec", "--organisation", "nulle", "--year", "2025", "--output", "x.csv"
        )

    assert str(error.value) == "Organisation inconnue : « nulle »."
