"""The quarterly report's PDF as readers and searches take it (core.pdf): tagged, in French,
one bookmark per section, no spaced letters nor hyphenated words, every table between the
margins."""

import pytest

from core.pdf import html_layout, html_to_pdf
from core.tests.data import (
    beyond_the_margins,
    hyphenation_breaks,
    letter_spaced,
    pdf_catalog,
    pdf_outline,
)
from steering import pdf
from steering.selectors.dashboard import dashboard
from steering.services import reports as services
from steering.tests.factories import QUARTER, pdf_text

pytestmark = pytest.mark.django_db


def test_the_report_is_tagged_in_french_bookmarked_searchable_and_within_its_margins(
    council, alice
):
    report, _created = services.report_request(actor=alice, organisation=council, quarter=QUARTER)
    html = pdf.report_html(report=report, figures=dashboard(organisation=council, quarter=QUARTER))
    document = html_layout(html)
    data = html_to_pdf(html)

    assert pdf_catalog(data) == {"lang": "fr", "tagged": True, "structure": True}
    outline = pdf_outline(data)
    assert [title for level, title in outline if level == 1] == [
        "L'essentiel du trimestre",
        "1. Les considérations environnementales et sociales des marchés",
        "2. Les règles d'achat de la collectivité",
        "3. L'insertion sociale et les marchés réservés",
        "4. La formation des acheteurs",
        "5. Le réseau des acheteurs et les groupements de commandes",
        "6. Les marchés signalés (loi Climat et Résilience, art. 35 ; art. L2112-2-1)",
        "7. Les décisions du comité",
        "Annexe — résultats par direction",
        "Sources et méthodes",
    ]
    assert (2, "Projets communs") in outline
    # Found by a search: no spaced letters, no word cut at the end of a line.
    assert "RAPPORT TRIMESTRIEL" in pdf_text(data)
    assert letter_spaced(document) == []
    assert hyphenation_breaks(data) == []
    assert beyond_the_margins(document) == []
