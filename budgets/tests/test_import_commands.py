"""`import_purchases` and `import_budgets`: the command-line contract. Errors are printed as
`line N, column C: message`, the command exits with 1 and writes nothing (no import, no kept
file); on success it prints the counts and exits with 0; `--dry-run` writes nothing."""

import datetime
import io
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db import connections
from openpyxl import Workbook

from budgets.imports import BUDGET_COLUMNS, PURCHASE_COLUMNS
from budgets.models import Budget, ImportBatch, ImportStatus, Purchase
from budgets.tests.factories import csv_bytes, purchase_row

pytestmark = pytest.mark.django_db


def write(tmp_path, content: bytes, name="achats.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def run(command, *args):
    """Run as from a shell: (exit status, standard output, standard error)."""
    stdout, stderr = StringIO(), StringIO()
    instance = load_command_class("budgets", command)
    instance.stdout._out, instance.stderr._out = stdout, stderr
    status = 0
    # run_from_argv closes the database connections when done, which would end the test's
    # transaction on PostgreSQL.
    with mock.patch.object(connections, "close_all"):
        try:
            instance.run_from_argv(["manage.py", command, *map(str, args)])
        except SystemExit as exit:
            status = exit.code
    return status, stdout.getvalue(), stderr.getvalue()


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_a_good_purchases_file_is_imported_and_its_counts_printed(tmp_path, organisation, lyc):
    rows = [purchase_row(department="LYC", eco_labels="fsc") for _ in range(3)]
    path = write(tmp_path, csv_bytes(rows))

    status, out, err = run("import_purchases", path, "--organisation", "roubaix")

    assert (status, err) == (0, "")
    assert out == "Imported achats.csv: 3 lines read, 3 added, 0 already there (skipped).\n"
    assert Purchase.objects.count() == 3
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.uploaded_by, batch.imported_by) == (
        ImportStatus.IMPORTED,
        None,
        None,
    )


def test_importing_the_same_file_again_prints_that_every_line_was_there(
    tmp_path, organisation, lyc
):
    path = write(tmp_path, csv_bytes([purchase_row(department="LYC") for _ in range(2)]))
    run("import_purchases", path, "--organisation", "roubaix")

    status, out, _ = run("import_purchases", path, "--organisation", "roubaix")

    assert status == 0
    assert out == "Imported achats.csv: 2 lines read, 0 added, 2 already there (skipped).\n"
    assert Purchase.objects.count() == 2


def test_a_bad_file_prints_every_error_exits_with_1_and_writes_nothing(
    tmp_path, organisation, lyc, media_root
):
    rows = [
        purchase_row(reference="F-1", department="LYC"),
        purchase_row(reference="F-2", department="XYZ", amount_excl_vat="12,345"),
        purchase_row(reference="F-1", department="LYC", eco_labels="vert"),
    ]
    path = write(tmp_path, csv_bytes(rows))

    status, out, err = run("import_purchases", path, "--organisation", "roubaix")

    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "line 3, column department: Direction inconnue dans votre organisation : « XYZ ».",
        "line 3, column amount_excl_vat: « 12,345 » a plus de deux décimales.",
        "line 4, column eco_labels: Écolabel inconnu : « vert ».",
        "line 4, column reference: Référence en double : elle figure déjà ligne 2.",
        "CommandError: 4 error(s) in achats.csv: nothing was imported.",
    ]
    assert not Purchase.objects.exists()
    assert not ImportBatch.objects.exists()
    assert stored_files(media_root) == []


def test_call_command_raises_the_command_error_after_printing_the_errors(
    tmp_path, organisation, lyc
):
    path = write(tmp_path, b"")
    errors = StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("import_purchases", str(path), organisation="roubaix", stderr=errors)

    assert str(failed.value) == "1 error(s) in achats.csv: nothing was imported."
    assert errors.getvalue() == (
        "line 1, column reference: Le fichier est vide : la première ligne doit nommer les "
        f"colonnes {';'.join(PURCHASE_COLUMNS)}.\n"
    )


def test_a_file_in_latin_1_is_refused_with_its_line_and_column(tmp_path, organisation, lyc):
    rows = [purchase_row(department="LYC", supplier="Société Générale de Papeterie")]
    path = write(tmp_path, csv_bytes(rows, encoding="latin-1"))

    status, _, err = run("import_purchases", path, "--organisation", "roubaix")

    assert status == 1
    assert err.splitlines()[0] == (
        "line 2, column supplier: Le fichier n'est pas encodé en UTF-8 (octet 0xE9) : "
        "enregistrez-le en « CSV UTF-8 » depuis votre tableur."
    )
    assert not ImportBatch.objects.exists()


def test_a_dry_run_prints_what_would_be_done_and_writes_nothing(
    tmp_path, organisation, lyc, media_root
):
    path = write(tmp_path, csv_bytes([purchase_row(department="LYC") for _ in range(4)]))

    status, out, err = run("import_purchases", path, "--organisation", "roubaix", "--dry-run")

    assert (status, err) == (0, "")
    assert out == (
        "Dry run of achats.csv: 4 lines read, 4 added, 0 already there (skipped). "
        "Nothing was written.\n"
    )
    assert not Purchase.objects.exists()
    assert not ImportBatch.objects.exists()
    assert stored_files(media_root) == []


def test_a_dry_run_of_a_bad_file_fails_the_same_way(tmp_path, organisation, lyc):
    path = write(tmp_path, csv_bytes([purchase_row(department="LYC", date="32/01/2025")]))

    status, out, err = run("import_purchases", path, "--organisation", "roubaix", "--dry-run")

    assert (status, out) == (1, "")
    assert err.splitlines()[0] == (
        "line 2, column date: « 32/01/2025 » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA."
    )


def test_an_xlsx_file_is_imported_by_the_command(tmp_path, organisation, lyc):
    workbook = Workbook()
    workbook.active.append(list(PURCHASE_COLUMNS))
    workbook.active.append(
        ["X-1", datetime.date(2025, 6, 30), "LYC", "paper", "Lys", "Ramettes", 250.4, "", 100, 0]
    )
    output = io.BytesIO()
    workbook.save(output)
    path = write(tmp_path, output.getvalue(), "achats.xlsx")

    status, out, _ = run("import_purchases", path, "--organisation", "roubaix")

    assert status == 0
    assert out == "Imported achats.xlsx: 1 lines read, 1 added, 0 already there (skipped).\n"
    assert Purchase.objects.get().amount == Decimal("250.40")


def test_the_budgets_command_prints_created_updated_and_unchanged_counts(
    tmp_path, organisation, lyc, dsi
):
    first = write(
        tmp_path,
        csv_bytes(
            [
                {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"},
                {"department": "DSI", "year": 2025, "family": "paper", "amount": "2000"},
            ],
            BUDGET_COLUMNS,
        ),
        "budgets-2025.csv",
    )
    run("import_budgets", first, "--organisation", "roubaix")
    second = write(
        tmp_path,
        csv_bytes(
            [
                {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"},
                {"department": "DSI", "year": 2025, "family": "paper", "amount": "2100,50"},
                {"department": "DSI", "year": 2026, "family": "paper", "amount": "2200"},
            ],
            BUDGET_COLUMNS,
            delimiter=",",
        ),
        "budgets-2026.csv",
    )

    status, out, err = run("import_budgets", second, "--organisation", "roubaix")

    assert (status, err) == (0, "")
    assert out == (
        "Imported budgets-2026.csv: 3 lines read, 1 added, 1 updated, 1 already there (skipped).\n"
    )
    assert Budget.objects.get(department=dsi, year=2025).amount == Decimal("2100.50")


def test_a_bad_budgets_file_exits_with_1_and_changes_no_budget(tmp_path, organisation, lyc):
    path = write(
        tmp_path,
        b"department;year;family;amount\nLYC;2025;paper;1000\nLYC;2025;paper;-5\n",
        "budgets.csv",
    )

    status, out, err = run("import_budgets", path, "--organisation", "roubaix")

    assert (status, out) == (1, "")
    assert err.splitlines()[0] == "line 3, column amount: Un budget ne peut pas être négatif."
    assert not Budget.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_missing_column_names_it(tmp_path, organisation, lyc):
    path = write(tmp_path, b"department;year;amount\nLYC;2025;1000\n", "budgets.csv")

    status, _, err = run("import_budgets", path, "--organisation", "roubaix")

    assert status == 1
    assert err.splitlines()[0] == (
        "line 1, column family: Colonne manquante : la première ligne doit nommer les colonnes "
        "department;year;family;amount."
    )


def test_an_unknown_organisation_or_file_is_refused(tmp_path, organisation):
    path = write(tmp_path, b"x")

    assert run("import_purchases", path, "--organisation", "nowhere")[1:] == (
        "",
        "CommandError: Unknown organisation: 'nowhere'.\n",
    )
    status, _, err = run("import_purchases", tmp_path / "none.csv", "--organisation", "roubaix")
    assert status == 1
    assert err == f"CommandError: Cannot read {tmp_path / 'none.csv'}: No such file or directory.\n"


def test_the_organisation_is_required(tmp_path, capsys):
    status, _, _ = run("import_purchases", write(tmp_path, b"x"))

    assert status == 2
    assert "the following arguments are required: --organisation" in capsys.readouterr().err
