"""Text typed by people is text in the PDFs too (WeasyPrint renders HTML): a hostile session
title comes out of the attendance certificate as the characters typed, not as markup."""

import io
import re

import pytest
from pypdf import PdfReader

from network.services import training as services
from network.tests.data import attended, paris, started_session

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_a_hostile_session_title_is_printed_as_typed_on_the_certificate(nora, bob):
    session = started_session(
        nora,
        title=f"Clauses {PAYLOAD}",
        starts_at=paris(2025, 3, 12, 9),
        ends_at=paris(2025, 3, 12, 17),
        capacity=5,
    )
    [registration] = attended(session, nora, bob)

    pdf = services.certificate_pdf(actor=bob, registration=registration)

    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert f"Clauses {PAYLOAD}" in text
