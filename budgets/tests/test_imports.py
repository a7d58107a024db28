"""Purchase files: read in every accepted shape, every bad value reported with its line and
column and nothing written, the same file twice adds nothing, a reversal restores the previous
state."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from budgets.imports import PURCHASE_COLUMNS
from budgets.models import ImportBatch, ImportKind, ImportStatus, Purchase
from budgets.services import imports as services
from budgets.tests.data import purchase_state
from budgets.tests.factories import csv_bytes, import_file, make_purchases, purchase_row
from core.tabular import RowError

pytestmark = pytest.mark.django_db

HEADER = ";".join(PURCHASE_COLUMNS)


def preview(organisation, content: bytes, file_name="achats.csv", actor=None) -> ImportBatch:
    return services.import_preview(
        actor=actor,
        organisation=organisation,
        kind=ImportKind.PURCHASES,
        content=content,
        file_name=file_name,
    )


def errors_of(batch) -> list[str]:
    return [str(RowError(**error)) for error in batch.errors]


def assert_nothing_written(batch):
    assert batch.status == ImportStatus.REJECTED
    assert not Purchase.objects.exists()
    assert not Purchase.eco_labels.through.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.import_confirm(actor=None, batch=batch)
    assert refused.value.messages == [
        "Cet import a des erreurs : corrigez le fichier et envoyez-le de nouveau."
    ]
    assert not Purchase.objects.exists()


# A clean file ---------------------------------------------------------------------------------


def test_a_clean_file_is_previewed_with_its_counts_and_nothing_but_the_import_is_written(
    organisation, lyc, fanny
):
    content = csv_bytes(
        [purchase_row(department="LYC"), purchase_row(department="DSI", family="paper")]
    )

    batch = preview(organisation, content, actor=fanny)

    assert batch.status == ImportStatus.PREVIEW
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped) == (2, 2, 0)
    assert batch.errors == []
    assert batch.uploaded_by == fanny
    assert batch.file_name == "achats.csv"
    assert batch.file.read() == content
    assert not Purchase.objects.exists()
    assert batch.history.get().history_user == fanny


def test_confirming_writes_every_value_of_the_lines_with_who_and_when(organisation, lyc, fanny):
    content = (
        f"{HEADER}\r\n"
        "F-1;14/03/2025;LYC;office-supplies;Bureau Vert;Cahiers Écolabel;1 234,56;"
        "eu-ecolabel|FSC;;oui\r\n"
        "F-2;2025-12-31;lyc;Paper;Papeteries de la Lys;Ramettes recyclées;-80,00;;100;non\r\n"
        "F-3;01/01/2026;LYC;paper;;;0.5;;45 %;\r\n"
    ).encode()
    batch = preview(organisation, content, actor=fanny)

    batch = services.import_confirm(actor=fanny, batch=batch)

    assert batch.status == ImportStatus.IMPORTED
    assert batch.imported_by == fanny and batch.imported_at is not None
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped) == (3, 3, 0)
    assert purchase_state(organisation) == [
        (
            "F-1",
            datetime.date(2025, 3, 14),
            "LYC",
            "office-supplies",
            Decimal("1234.56"),
            ("eu-ecolabel", "fsc"),
            None,
            True,
            batch.pk,
        ),
        (
            "F-2",
            datetime.date(2025, 12, 31),
            "LYC",
            "paper",
            Decimal("-80.00"),
            (),
            100,
            False,
            batch.pk,
        ),
        (
            "F-3",
            datetime.date(2026, 1, 1),
            "LYC",
            "paper",
            Decimal("0.50"),
            (),
            45,
            False,
            batch.pk,
        ),
    ]
    first = Purchase.objects.get(reference="F-1")
    assert (first.supplier, first.description) == ("Bureau Vert", "Cahiers Écolabel")
    assert first.organisation == organisation


# Every bad value ------------------------------------------------------------------------------

BAD_VALUES = [
    ("department", "XYZ", "Direction inconnue dans votre organisation : « XYZ »."),
    ("family", "chaussettes", "Famille d'achat inconnue : « chaussettes »."),
    ("family", "", "Valeur obligatoire."),
    ("eco_labels", "eu-ecolabel|bio-truc", "Écolabel inconnu : « bio-truc »."),
    (
        "eco_labels",
        "vert|bleu",
        "Écolabels inconnus : « vert », « bleu ».",
    ),
    (
        "date",
        "31/02/2025",
        "« 31/02/2025 » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.",
    ),
    (
        "date",
        "2025/03/14",
        "« 2025/03/14 » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.",
    ),
    (
        "date",
        "14 mars 2025",
        "« 14 mars 2025 » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.",
    ),
    (
        "date",
        "14/03/1999",
        "La date 14/03/1999 est hors des années acceptées (2000 à 2100).",
    ),
    ("date", "", "Valeur obligatoire."),
    (
        "amount_excl_vat",
        "douze euros",
        "« douze euros » n'est pas un montant : écrivez par exemple 1234,56 (ou -80,00 pour un "
        "avoir).",
    ),
    (
        "amount_excl_vat",
        "1,2,3",
        "« 1,2,3 » n'est pas un montant : écrivez par exemple 1234,56 (ou -80,00 pour un avoir).",
    ),
    ("amount_excl_vat", "12,345", "« 12,345 » a plus de deux décimales."),
    (
        "amount_excl_vat",
        "1000000000000",
        "« 1000000000000 » dépasse le plus grand montant accepté.",
    ),
    ("amount_excl_vat", "", "Valeur obligatoire."),
    (
        "recycled_content",
        "120",
        "« 120 » n'est pas une part de 0 à 100 (nombre entier).",
    ),
    (
        "recycled_content",
        "45,5",
        "« 45,5 » n'est pas une part de 0 à 100 (nombre entier).",
    ),
    (
        "reuse",
        "peut-être",
        "« peut-être » n'est pas compris : écrivez oui ou non (ou laissez vide).",
    ),
    ("reference", "", "Valeur obligatoire."),
    ("reference", "R" * 61, "Trop long : 61 caractères pour 60 au plus."),
    ("supplier", "S" * 201, "Trop long : 201 caractères pour 200 au plus."),
    ("description", "D" * 501, "Trop long : 501 caractères pour 500 au plus."),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES)
def test_a_bad_value_is_reported_with_its_line_and_column_and_nothing_is_written(
    organisation, lyc, column, value, message
):
    content = csv_bytes(
        [purchase_row(department="LYC"), purchase_row(**{"department": "LYC", column: value})]
    )

    batch = preview(organisation, content)

    assert errors_of(batch) == [f"line 3, column {column}: {message}"]
    assert batch.rows_total == 2
    assert_nothing_written(batch)


def test_a_department_of_another_organisation_is_unknown(organisation, lyc, oscar):
    # ACH is a department of oscar's organisation.
    content = csv_bytes([purchase_row(department="ACH")])

    batch = preview(organisation, content)

    assert errors_of(batch) == [
        "line 2, column department: Direction inconnue dans votre organisation : « ACH »."
    ]


def test_every_bad_line_and_every_bad_column_is_reported_in_order(organisation, lyc):
    content = (
        f"{HEADER}\n"
        "A-1;2025-01-10;LYC;paper;;;10;;;\n"
        "\n"  # a blank line keeps its number
        "A-2;2025-13-10;XYZ;paper;;;10;;;\n"
        "A-3;2025-01-10;LYC;paper;;;dix;;;maybe\n"
        "A-1;2025-01-10;LYC;paper;;;10;;;\n"
    ).encode()

    batch = preview(organisation, content)

    assert errors_of(batch) == [
        "line 4, column date: « 2025-13-10 » n'est pas une date : écrivez AAAA-MM-JJ ou "
        "JJ/MM/AAAA.",
        "line 4, column department: Direction inconnue dans votre organisation : « XYZ ».",
        "line 5, column amount_excl_vat: « dix » n'est pas un montant : écrivez par exemple "
        "1234,56 (ou -80,00 pour un avoir).",
        "line 5, column reuse: « maybe » n'est pas compris : écrivez oui ou non (ou laissez vide).",
        "line 6, column reference: Référence en double : elle figure déjà ligne 2.",
    ]
    assert batch.rows_total == 4
    assert_nothing_written(batch)


def test_a_reference_repeated_in_the_file_is_an_error_on_its_second_line(organisation, lyc):
    rows = [purchase_row(department="LYC", reference=f"R-{n}") for n in range(3)]
    rows.append(purchase_row(department="LYC", reference="R-1", amount_excl_vat="5"))

    batch = preview(organisation, csv_bytes(rows))

    assert errors_of(batch) == [
        "line 5, column reference: Référence en double : elle figure déjà ligne 3."
    ]
    assert_nothing_written(batch)


# The file as a whole --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b";;;\n"],
    ids=["nothing", "bom-only", "blank-lines", "empty-cells"],
)
def test_an_empty_file_is_one_error_on_line_1(organisation, lyc, content):
    batch = preview(organisation, content)

    assert errors_of(batch) == [
        "line 1, column reference: Le fichier est vide : la première ligne doit nommer les "
        f"colonnes {HEADER}."
    ]
    assert_nothing_written(batch)


def test_a_file_with_only_its_header_is_refused(organisation, lyc):
    batch = preview(organisation, f"{HEADER}\r\n\r\n".encode())

    assert errors_of(batch) == [
        "line 2, column -: Le fichier ne contient aucune ligne après celle des colonnes."
    ]
    assert_nothing_written(batch)


def test_each_missing_column_is_named_on_line_1(organisation, lyc):
    columns = [c for c in PURCHASE_COLUMNS if c not in {"family", "reuse"}]
    content = csv_bytes([purchase_row(department="LYC")], columns)

    batch = preview(organisation, content)

    expected = f"Colonne manquante : la première ligne doit nommer les colonnes {HEADER}."
    assert errors_of(batch) == [
        f"line 1, column family: {expected}",
        f"line 1, column reuse: {expected}",
    ]
    assert_nothing_written(batch)


def test_a_column_given_twice_is_refused(organisation, lyc):
    content = f"{HEADER};date\r\nF-1;2025-01-01;LYC;paper;;;1;;;;2025-01-02\r\n".encode()

    batch = preview(organisation, content)

    assert errors_of(batch) == ["line 1, column date: Cette colonne apparaît deux fois."]


def test_extra_columns_and_header_case_are_accepted(organisation, lyc):
    header = ";".join(name.upper() for name in PURCHASE_COLUMNS)
    content = f"Compte;{header}\r\n6064;F-1;2025-01-01;LYC;paper;;;1;;;\r\n".encode()

    batch = import_file(organisation, content)

    assert batch.rows_created == 1
    assert Purchase.objects.get().amount == Decimal("1.00")


@pytest.mark.parametrize(
    ("bad_line", "line"),
    [
        (b'F-2;2025-01-01;LYC;paper;;"Ramettes;10;;;\r\nF-3;2025-01-01;LYC;paper;;;10;;;\r\n', 3),
        (b'F-2;2025-01-01;LYC;paper;;"Ramettes" A4;10;;;\r\n', 3),
    ],
    ids=["left-open", "text-after-closing-quote"],
)
def test_a_badly_quoted_line_is_refused_with_its_line(organisation, lyc, bad_line, line):
    content = csv_bytes([purchase_row(department="LYC")]) + bad_line

    batch = preview(organisation, content)

    assert errors_of(batch) == [
        f"line {line}, column -: Ligne illisible : un guillemet ouvert n'est pas refermé ou est "
        "suivi d'autre chose que le séparateur."
    ]
    assert_nothing_written(batch)


def test_a_file_not_in_utf8_names_the_line_and_column_of_the_first_bad_byte(organisation, lyc):
    rows = [
        purchase_row(department="LYC", description="Cahiers"),
        purchase_row(department="LYC", description="Crayons à papier"),
    ]
    content = csv_bytes(rows, encoding="latin-1")

    batch = preview(organisation, content)

    assert errors_of(batch) == [
        "line 3, column description: Le fichier n'est pas encodé en UTF-8 (octet 0xE0) : "
        "enregistrez-le en « CSV UTF-8 » depuis votre tableur."
    ]
    assert_nothing_written(batch)


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        (
            "achats.xls",
            b"\xd0\xcf\x11\xe0",
            "Le fichier « achats.xls » n'est pas accepté : envoyez un fichier .csv ou .xlsx.",
        ),
        (
            "achats.txt",
            HEADER.encode(),
            "Le fichier « achats.txt » n'est pas accepté : envoyez un fichier .csv ou .xlsx.",
        ),
        (
            "achats.xlsx",
            b"not a workbook",
            "Le classeur Excel est illisible : enregistrez-le de nouveau au format .xlsx ou "
            "envoyez un CSV.",
        ),
    ],
)
def test_a_file_of_another_type_or_unreadable_is_refused_on_line_0(
    organisation, lyc, file_name, content, message
):
    batch = preview(organisation, content, file_name=file_name)

    assert errors_of(batch) == [f"line 0, column -: {message}"]
    assert_nothing_written(batch)


def test_a_file_over_20_mib_is_refused_and_not_kept(organisation, lyc):
    content = csv_bytes([purchase_row(department="LYC")]) + b" " * (20 * 1024 * 1024)

    batch = preview(organisation, content)

    assert errors_of(batch) == [
        "line 0, column -: Le fichier fait 20,0 Mo : la limite est de 20 Mo."
    ]
    assert not batch.file
    assert_nothing_written(batch)


def test_a_path_sent_as_the_file_name_keeps_only_the_name(organisation, lyc):
    batch = preview(organisation, csv_bytes([purchase_row(department="LYC")]), r"C:\Users\f\a.csv")

    assert batch.file_name == "a.csv"


# Accepted shapes ------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("delimiter", [";", ","], ids=["semicolon", "comma"])
def test_utf8_with_or_without_bom_and_either_separator_are_read_alike(
    organisation, lyc, bom, delimiter
):
    rows = [
        purchase_row(
            reference="F-1",
            department="LYC",
            description="Cahiers, blocs; et « agendas »",
            amount_excl_vat="1 234,50",
            eco_labels="eu-ecolabel|nf-environnement",
        )
    ]

    import_file(organisation, csv_bytes(rows, delimiter=delimiter, bom=bom))

    purchase = Purchase.objects.get()
    assert purchase.description == "Cahiers, blocs; et « agendas »"
    assert purchase.amount == Decimal("1234.50")
    assert sorted(purchase.eco_labels.values_list("code", flat=True)) == [
        "eu-ecolabel",
        "nf-environnement",
    ]


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("-80", "-80.00"),
        ("-0,5", "-0.50"),
        ("12,50 €", "12.50"),
        ("12.500", "12.50"),
    ],
)
def test_amounts_take_a_decimal_comma_or_point(organisation, lyc, written, amount):
    import_file(organisation, csv_bytes([purchase_row(department="LYC", amount_excl_vat=written)]))

    assert Purchase.objects.get().amount == Decimal(amount)


@pytest.mark.parametrize("written", ["2025-03-04", "04/03/2025", "4/3/2025", "2025-3-4"], ids=str)
def test_dates_are_iso_or_french(organisation, lyc, written):
    import_file(organisation, csv_bytes([purchase_row(department="LYC", date=written)]))

    assert Purchase.objects.get().date == datetime.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("written", "reuse"),
    [
        ("oui", True),
        ("OUI", True),
        ("yes", True),
        ("1", True),
        ("non", False),
        ("no", False),
        ("0", False),
        ("", False),
    ],
)
def test_reuse_is_yes_or_no_in_french_or_english(organisation, lyc, written, reuse):
    import_file(organisation, csv_bytes([purchase_row(department="LYC", reuse=written)]))

    assert Purchase.objects.get().reuse is reuse


def test_line_breaks_inside_quoted_values_keep_the_line_count_of_records(organisation, lyc):
    rows = [
        purchase_row(department="LYC", description="Ligne 1\nsuite"),
        purchase_row(department="XYZ"),
    ]

    batch = preview(organisation, csv_bytes(rows))

    assert errors_of(batch) == [
        "line 3, column department: Direction inconnue dans votre organisation : « XYZ »."
    ]


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_an_xlsx_file_with_the_same_header_row_is_read_with_its_typed_cells(organisation, lyc):
    content = xlsx(
        [
            list(PURCHASE_COLUMNS),
            [
                1001,
                datetime.datetime(2025, 3, 4),
                "LYC",
                "paper",
                "Lys",
                "Ramettes",
                1234.5,
                "recycled-100",
                100,
                True,
            ],
            ["F-2", "05/03/2025", "lyc", "office-supplies", None, None, -80, None, None, "non"],
            [None] * 10,
            ["F-3", datetime.date(2025, 3, 6), "LYC", "paper", None, None, "12,30", "", 45.0, 0],
        ]
    )

    batch = import_file(organisation, content, file_name="Export.XLSX")

    assert (batch.rows_total, batch.rows_created) == (3, 3)
    assert [row[:8] for row in purchase_state(organisation)] == [
        (
            "1001",
            datetime.date(2025, 3, 4),
            "LYC",
            "paper",
            Decimal("1234.50"),
            ("recycled-100",),
            100,
            True,
        ),
        (
            "F-2",
            datetime.date(2025, 3, 5),
            "LYC",
            "office-supplies",
            Decimal("-80.00"),
            (),
            None,
            False,
        ),
        ("F-3", datetime.date(2025, 3, 6), "LYC", "paper", Decimal("12.30"), (), 45, False),
    ]


def test_errors_of_an_xlsx_file_carry_the_spreadsheet_row_numbers(organisation, lyc):
    content = xlsx(
        [
            list(PURCHASE_COLUMNS),
            ["F-1", datetime.date(2025, 3, 4), "LYC", "paper", None, None, 10, None, None, None],
            [None] * 10,
            ["F-2", 45000, "LYC", "paper", None, None, 12.345, None, 0.5, "peut-être"],
        ]
    )

    batch = preview(organisation, content, file_name="achats.xlsx")

    assert errors_of(batch) == [
        "line 4, column date: « 45000 » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.",
        "line 4, column amount_excl_vat: « 12.345 » a plus de deux décimales.",
        "line 4, column recycled_content: « 0.5 » n'est pas une part de 0 à 100 (nombre entier).",
        "line 4, column reuse: « peut-être » n'est pas compris : écrivez oui ou non (ou laissez "
        "vide).",
    ]
    assert_nothing_written(batch)


def test_an_xlsx_file_without_the_columns_is_refused(organisation, lyc):
    content = xlsx([["référence", "montant"], ["F-1", 10]])

    batch = preview(organisation, content, file_name="achats.xlsx")

    assert len(batch.errors) == len(PURCHASE_COLUMNS)
    assert errors_of(batch)[0].startswith("line 1, column reference: Colonne manquante")


# Importing again, reversing -------------------------------------------------------------------


def test_importing_the_same_file_again_adds_nothing(organisation, lyc):
    content = csv_bytes(
        [purchase_row(department="LYC", eco_labels="eu-ecolabel") for _ in range(5)]
    )
    import_file(organisation, content)
    before = purchase_state(organisation)

    again = preview(organisation, content)

    assert (again.rows_total, again.rows_created, again.rows_skipped) == (5, 0, 5)
    again = services.import_confirm(actor=None, batch=again)
    assert again.status == ImportStatus.IMPORTED
    assert (again.rows_created, again.rows_skipped) == (0, 5)
    assert purchase_state(organisation) == before


def test_a_known_reference_with_other_values_is_skipped_not_changed(organisation, lyc):
    make_purchases(
        organisation, [{"reference": "F-1", "department": "LYC", "amount_excl_vat": "10"}]
    )
    before = purchase_state(organisation)

    batch = make_purchases(
        organisation,
        [
            {"reference": "F-1", "department": "LYC", "amount_excl_vat": "99"},
            {"reference": "F-2", "department": "LYC"},
        ],
    )

    assert (batch.rows_created, batch.rows_skipped) == (1, 1)
    assert purchase_state(organisation)[0] == before[0]


def test_the_same_reference_in_another_organisation_is_another_line(organisation, lyc, oscar):
    make_purchases(organisation, [{"reference": "F-1", "department": "LYC"}])

    batch = make_purchases(oscar.organisation, [{"reference": "F-1", "department": "ACH"}])

    assert batch.rows_created == 1
    assert Purchase.objects.filter(reference="F-1").count() == 2


def test_reversing_an_import_restores_the_previous_state(organisation, lyc, dsi, fanny):
    make_purchases(
        organisation,
        [
            {"reference": "A-1", "department": "LYC", "eco_labels": "eu-ecolabel|fsc"},
            {"reference": "A-2", "department": "DSI", "family": "paper", "recycled_content": 100},
        ],
    )
    before = purchase_state(organisation)
    second = make_purchases(
        organisation,
        [
            {"reference": "A-1", "department": "LYC"},  # known: skipped, stays
            {"reference": "B-1", "department": "LYC", "eco_labels": "blue-angel|pefc"},
            {"reference": "B-2", "department": "DSI", "amount_excl_vat": "-20"},
        ],
        actor=fanny,
    )
    assert len(purchase_state(organisation)) == 4

    reversed_batch = services.import_reverse(actor=fanny, batch=second)

    assert purchase_state(organisation) == before
    assert Purchase.eco_labels.through.objects.count() == 2
    assert reversed_batch.status == ImportStatus.REVERSED
    assert reversed_batch.reversed_by == fanny and reversed_batch.reversed_at is not None
    assert reversed_batch.rows_created == 2
    assert reversed_batch.history.first().history_user == fanny


def test_a_reversed_import_cannot_be_confirmed_or_reversed_again_but_its_file_can_be_sent_again(
    organisation, lyc
):
    content = csv_bytes([purchase_row(department="LYC", eco_labels="fsc") for _ in range(3)])
    batch = services.import_reverse(actor=None, batch=import_file(organisation, content))

    with pytest.raises(ValidationError) as confirming:
        services.import_confirm(actor=None, batch=batch)
    with pytest.raises(ValidationError) as reversing:
        services.import_reverse(actor=None, batch=batch)

    assert confirming.value.messages == ["Cet import a été annulé : il ne peut plus être confirmé."]
    assert reversing.value.messages == ["Seul un import confirmé peut être annulé."]
    again = import_file(organisation, content)
    assert again.rows_created == 3
    assert Purchase.objects.filter(batch=again).count() == 3


def test_only_a_confirmed_import_can_be_reversed(organisation, lyc):
    batch = preview(organisation, csv_bytes([purchase_row(department="LYC")]))

    with pytest.raises(ValidationError) as refused:
        services.import_reverse(actor=None, batch=batch)

    assert refused.value.messages == ["Seul un import confirmé peut être annulé."]


def test_an_import_is_confirmed_once(organisation, lyc):
    batch = import_file(organisation, csv_bytes([purchase_row(department="LYC")]))

    with pytest.raises(ValidationError) as refused:
        services.import_confirm(actor=None, batch=batch)

    assert refused.value.messages == ["Cet import a déjà été confirmé."]
    assert Purchase.objects.count() == 1


# Confirmation re-reads the file ---------------------------------------------------------------


def test_confirming_checks_the_file_again_and_rejects_it_when_a_department_went(
    organisation, lyc, dsi
):
    content = csv_bytes([purchase_row(department="LYC"), purchase_row(department="DSI")])
    batch = preview(organisation, content)
    dsi.delete()

    with pytest.raises(ValidationError) as refused:
        services.import_confirm(actor=None, batch=batch)

    assert refused.value.messages == [
        "Le fichier ne passe plus les vérifications (1 erreur) : rien n'a été importé."
    ]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED
    assert errors_of(batch) == [
        "line 3, column department: Direction inconnue dans votre organisation : « DSI »."
    ]
    assert not Purchase.objects.exists()


def test_confirming_skips_lines_another_import_added_since_the_preview(organisation, lyc):
    content = csv_bytes([purchase_row(department="LYC", reference=f"F-{n}") for n in range(3)])
    batch = preview(organisation, content)
    make_purchases(organisation, [{"reference": "F-1", "department": "LYC"}])

    batch = services.import_confirm(actor=None, batch=batch)

    assert (batch.rows_created, batch.rows_skipped) == (2, 1)
    assert Purchase.objects.count() == 3


def test_a_failure_after_writing_the_lines_leaves_nothing_written(organisation, lyc, monkeypatch):
    content = csv_bytes([purchase_row(department="LYC", eco_labels="fsc") for _ in range(5)])
    batch = preview(organisation, content)
    write = services.purchases_write

    def write_then_fail(batch, lines):
        write(batch, lines)
        assert Purchase.eco_labels.through.objects.count() == 5
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "purchases_write", write_then_fail)

    with pytest.raises(RuntimeError):
        services.import_confirm(actor=None, batch=batch)

    assert not Purchase.objects.exists()
    assert not Purchase.eco_labels.through.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW


def test_a_lost_file_cannot_be_confirmed(organisation, lyc):
    batch = preview(organisation, csv_bytes([purchase_row(department="LYC")]))
    batch.file.storage.delete(batch.file.name)

    with pytest.raises(ValidationError) as refused:
        services.import_confirm(actor=None, batch=batch)

    assert refused.value.messages == ["Le fichier de cet import n'est plus disponible."]


# Who may import -------------------------------------------------------------------------------


def test_only_a_finance_officer_of_the_organisation_may_import(
    organisation, lyc, fanny, bob, oscar
):
    content = csv_bytes([purchase_row(department="LYC")])
    batch = preview(organisation, content, actor=fanny)

    for intruder in (bob, oscar):
        with pytest.raises(PermissionDenied):
            preview(organisation, content, actor=intruder)
        with pytest.raises(PermissionDenied):
            services.import_confirm(actor=intruder, batch=batch)
    batch = services.import_confirm(actor=fanny, batch=batch)
    for intruder in (bob, oscar):
        with pytest.raises(PermissionDenied):
            services.import_reverse(actor=intruder, batch=batch)
    assert ImportBatch.objects.count() == 1
    assert Purchase.objects.count() == 1
