"""The chosen clauses of a contract exported for the tender documents (ODT and DOCX): opened
with the libraries that wrote them, they hold each clause's text with the contract's values,
grouped by lot, with its legal references; markup typed in a clause stays text. Whoever reads
the contract page gets them; another organisation gets 404, a member without the right 403."""

import io
import zipfile

import docx
import pytest
from django.urls import reverse
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load

from clauses.tests.factories import make_approved_clause
from purchasing import services
from purchasing.documents import DOCX_TYPE, ODT_TYPE
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
# Session, user, permissions (2), the contract, can_read, its lots, its clauses, the
# organisation's name.
DOCUMENT_QUERIES = 9
PAYLOAD = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def document_url(market, file_format: str) -> str:
    return reverse(
        "purchasing:clauses-document", kwargs={"pk": market.pk, "file_format": file_format}
    )


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text.replace(NBSP, " ") for p in docx.Document(io.BytesIO(content)).paragraphs]


def odt_paragraphs(content: bytes) -> list[str]:
    document = load(io.BytesIO(content))
    # Headings and paragraphs in the order of the document.
    return [
        teletype.extractText(element).replace(NBSP, " ")
        for element in document.text.childNodes
        if element.qname in ((TEXTNS, "h"), (TEXTNS, "p"))
    ]


READERS = {"odt": odt_paragraphs, "docx": docx_paragraphs}


@pytest.fixture
def ready(bob, library):
    market = make_ready_market(bob, library)
    services.applied_clause_add(
        actor=bob,
        market=market,
        clause=library["reserved"],
        lot=market.lots.get(number=2),
        values={},
    )
    return market


EXPECTED = [
    "Clauses du marché {reference}",
    "Produits d'entretien écolabellisés pour les lycées — Ville de Roubaix",
    "Clauses applicables à l'ensemble du marché",
    "Insertion par l'activité économique",
    "insertion-heures, version 1 — nature : Condition d'exécution ; catégorie : Insertion sociale",
    "Le titulaire réserve 5 % des heures (50 % de main-d'œuvre, 30 €/h de l'heure), soit 833 "
    "heures, à des personnes en insertion.",
    "Valeurs retenues :",
    "Taux d'insertion : 5 %",
    "Part de main-d'œuvre : 50 %",
    "Coût horaire : 30 €/h",
    "Heures d'insertion : 833 heures",
    "Références juridiques :",
    "Code de la commande publique, art. L2112-2",
    "Lot 1 — Produits d'entretien",
    "Produits d'entretien écolabellisés",
    "produits-ecolabel, version 1 — nature : Condition d'exécution ; catégorie : Environnementale",
    "Au moins 80 % des produits livrés portent l'Ecolabel européen ou équivalent.",
    "Valeurs retenues :",
    "Part écolabellisée : 80 %",
    "Références juridiques :",
    "Code de la commande publique, art. L2112-2",
    "Lot 2 — Petit matériel",
    "Marché réservé aux EA et ESAT",
    "marche-reserve-ea-esat, version 1 — nature : Marché réservé ; catégorie : Insertion sociale",
    "Le marché est réservé aux entreprises adaptées et aux ESAT.",
    "Références juridiques :",
    "Code de la commande publique, art. L2112-2",
]


@pytest.mark.parametrize("file_format", ["odt", "docx"])
def test_the_extract_holds_each_clause_with_its_values_by_lot(
    client, bob, ready, file_format, django_assert_max_num_queries
):
    client.force_login(bob)
    with django_assert_max_num_queries(DOCUMENT_QUERIES):
        response = client.get(document_url(ready, file_format))
    assert response.status_code == 200
    assert response["Content-Type"] == {"odt": ODT_TYPE, "docx": DOCX_TYPE}[file_format]
    assert response["Content-Disposition"] == (
        f'attachment; filename="clauses-{ready.reference.lower()}.{file_format}"'
    )
    paragraphs = [
        p.replace("–\u00a0", "– ").removeprefix("– ")
        for p in READERS[file_format](response.content)
    ]
    expected = [line.format(reference=ready.reference) for line in EXPECTED]
    assert [p for p in paragraphs if p] == expected


@pytest.fixture
def referenced(bob, clause_admin, library):
    """A draft with one clause that has legal references and markup in every text."""
    clause = make_approved_clause(
        actor=clause_admin,
        code="balises",
        title=f"Titre {PAYLOAD}",
        body="Texte {share} " + PAYLOAD + "\nDeuxième\x0b paragraphe & suite",
        parameters=[{"name": "share", "label": f"Part {PAYLOAD}", "type": "percent"}],
        legal_references="Code de la commande publique, art. L2112-2\nArt. R2111-10 <b>",
    )
    market = make_market(bob, title=f"Marché {PAYLOAD}")
    services.applied_clause_add(actor=bob, market=market, clause=clause, values={"share": "30"})
    return market


@pytest.mark.parametrize("file_format", ["odt", "docx"])
def test_legal_references_and_markup_come_out_as_text(client, bob, referenced, file_format):
    client.force_login(bob)
    content = client.get(document_url(referenced, file_format)).content
    paragraphs = READERS[file_format](content)
    assert f"Marché {PAYLOAD} — Ville de Roubaix" in paragraphs
    assert f"Titre {PAYLOAD}" in paragraphs
    assert f"Texte 30 % {PAYLOAD}" in paragraphs
    assert "Deuxième paragraphe & suite" in paragraphs
    assert f"Part {PAYLOAD} : 30 %" in "\n".join(paragraphs)
    assert "Références juridiques :" in paragraphs
    joined = "\n".join(paragraphs)
    assert "Code de la commande publique, art. L2112-2" in joined
    assert "Art. R2111-10 <b>" in joined
    # Escaped in the XML of the file: no element was injected.
    inner = "content.xml" if file_format == "odt" else "word/document.xml"
    xml = zipfile.ZipFile(io.BytesIO(content)).read(inner).decode()
    assert "<script>" not in xml and "<img" not in xml
    assert "&lt;script&gt;" in xml


@pytest.mark.parametrize("file_format", ["odt", "docx"])
def test_a_contract_without_clauses_says_so(client, bob, file_format):
    market = make_market(bob)
    client.force_login(bob)
    paragraphs = READERS[file_format](client.get(document_url(market, file_format)).content)
    assert "Aucune clause n'est choisie pour ce marché." in paragraphs


def test_the_contract_page_links_both_extracts(client, bob, ready):
    client.force_login(bob)
    content = client.get(reverse("purchasing:detail", kwargs={"pk": ready.pk})).content.decode()
    assert f'href="{document_url(ready, "odt")}"' in content
    assert f'href="{document_url(ready, "docx")}"' in content


def test_readers_of_the_contract_get_it_others_do_not(
    client, bob, alice, head, committee, dora, charlie, ready
):
    for person, status in ((alice, 200), (head, 200), (committee, 200), (dora, 403)):
        client.force_login(person)
        assert client.get(document_url(ready, "docx")).status_code == status, person
    client.force_login(charlie)
    assert client.get(document_url(ready, "odt")).status_code == 404
    client.logout()
    assert client.get(document_url(ready, "odt")).status_code == 302


def test_an_unknown_format_is_not_found(client, bob, ready):
    client.force_login(bob)
    assert client.get(document_url(ready, "pdf")).status_code == 404
    assert client.post(document_url(ready, "odt")).status_code == 405
