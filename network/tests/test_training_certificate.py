"""The attendance certificate: a real PDF (WeasyPrint) that opens and names the person, the
session and its date; only for people present, to themselves and the session's coordinators."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from core.pdf import html_layout
from core.tests.data import (
    beyond_the_margins,
    box_of,
    hyphenation_breaks,
    letter_spaced,
    pdf_catalog,
    pdf_outline,
)
from network.services import training as services
from network.tests.data import TITLE, attended, paris, register, started_session

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def session(nora):
    """Held on Wednesday 12 March 2025, 9:00 to 17:00, in Lille."""
    return started_session(
        nora, starts_at=paris(2025, 3, 12, 9), ends_at=paris(2025, 3, 12, 17), capacity=5
    )


def test_a_person_present_gets_a_one_page_a4_certificate_naming_them_the_session_and_the_date(
    session, nora, bob
):
    [registration] = attended(session, nora, bob)

    pdf = services.certificate_pdf(actor=bob, registration=registration)

    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = pdf_text(pdf)
    assert "Attestation de formation" in text or "ATTESTATION DE FORMATION" in text
    assert "Bob Petit" in text
    assert TITLE in text
    assert "Module 2 — Clauses sociales et insertion" in text
    assert "Camille Roussel" in text
    assert "le mercredi 12 mars 2025, de 9 h 00 à 17 h 00" in text
    assert "Ville de Roubaix" in text


def test_a_session_over_several_days_gives_both_dates(nora, bob):
    session = started_session(
        nora, starts_at=paris(2025, 6, 2, 9), ends_at=paris(2025, 6, 3, 17), capacity=5
    )
    [registration] = attended(session, nora, bob)

    text = pdf_text(services.certificate_pdf(actor=nora, registration=registration))

    assert "du lundi 2 juin 2025 au mardi 3 juin 2025" in text


def test_an_online_session_says_so(nora, bob):
    session = started_session(
        nora,
        starts_at=paris(2025, 3, 12, 9),
        place="",
        online_url="https://visio.example.test/clauses",
    )
    [registration] = attended(session, nora, bob)

    assert "À distance (classe virtuelle)" in pdf_text(
        services.certificate_pdf(actor=bob, registration=registration)
    )


def test_no_certificate_for_a_person_absent_or_not_yet_marked(session, nora, bob, dora):
    absent = register(session, bob, by=nora)
    services.attendance_record(actor=nora, session=absent.session, presence={absent.pk: False})
    unmarked = register(session, dora, by=nora)

    for registration in (absent, unmarked):
        registration.refresh_from_db()
        with pytest.raises(ValidationError) as error:
            services.certificate_pdf(actor=nora, registration=registration)
        assert error.value.messages == [
            "Une attestation n'est délivrée qu'aux personnes présentes à la session."
        ]


def test_the_certificate_is_for_the_person_and_the_coordinators_only(session, nora, bob, dora):
    [registration] = attended(session, nora, bob)

    with pytest.raises(PermissionDenied):
        services.certificate_pdf(actor=dora, registration=registration)
    assert services.certificate_pdf(actor=nora, registration=registration).startswith(b"%PDF-")


@pytest.mark.parametrize("title_words", [6, 40])
def test_the_certificate_is_tagged_searchable_and_its_footer_stays_below_the_signature(
    nora, bob, title_words
):
    """A long session title pushes the signature down: the closing note and its rule stay
    below it, never across it."""
    session = started_session(
        nora,
        starts_at=paris(2025, 3, 12, 9),
        ends_at=paris(2025, 3, 12, 17),
        capacity=5,
        title=" ".join(["Commande publique responsable"] * title_words)[:200],
    )
    [registration] = attended(session, nora, bob)

    data = services.certificate_pdf(actor=bob, registration=registration)
    document = html_layout(services.certificate_html(registration=registration))

    assert pdf_catalog(data) == {"lang": "fr", "tagged": True, "structure": True}
    assert pdf_outline(data) == [(1, "Attestation de formation")]
    assert "ATTESTATION DE FORMATION" in pdf_text(data)
    assert letter_spaced(document) == []
    assert hyphenation_breaks(data) == []
    assert beyond_the_margins(document) == []
    assert len(document.pages) == 1
    signature, note = box_of(document, "signature"), box_of(document, "note")
    assert note.border_box_y() >= signature.border_box_y() + signature.border_height()
