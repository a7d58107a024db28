"""Hostile evidence files through the follow-up page: a zip bomb renamed .docx or .xlsx, a web
page renamed .pdf, a PDF over the limit are refused on the field with a French message,
nothing is stored and nobody sees an error page; markup in a file's name is not stored and the
pages show the name as text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.files import zip_bomb
from purchasing.models import ExecutionFollowUp, FollowUpStatus, MarketStatus
from purchasing.tests.factories import advance, make_ready_market

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 attestation d'heures d'insertion"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def executing(bob, alice, library):
    return advance(
        make_ready_market(bob, library), MarketStatus.IN_EXECUTION, buyer=bob, advisor=alice
    )


def post_evidence(client, market, upload):
    applied = market.clauses.first()
    address = reverse("purchasing:follow-up", kwargs={"pk": market.pk, "applied_pk": applied.pk})
    return client.post(
        address,
        {
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "indicator": "Heures",
            "status": FollowUpStatus.MET,
            "evidence": upload,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "attestation.docx",
            zip_bomb(60),
            "Le fichier DOCX se décompresse en 60 Mo",
        ),
        (
            "heures.xlsx",
            zip_bomb(60),
            "Le fichier XLSX se décompresse en 60 Mo",
        ),
        (
            "attestation.pdf",
            b"<html><script>alert(1)</script></html>",
            "Le fichier ne correspond pas à son extension PDF : enregistrez-le dans ce format, "
            "ou dans un autre des formats acceptés.",
        ),
        (
            "enorme.pdf",
            b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024),
            "Justificatif trop lourd : 10 Mo au plus.",
        ),
    ],
)
def test_a_hostile_evidence_is_refused_on_its_field(
    client, bob, executing, media_root, name, content, message
):
    client.force_login(bob)
    response = post_evidence(client, executing, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    [error] = response.context["form"].errors["evidence"]
    assert error.startswith(message)
    assert not ExecutionFollowUp.objects.exists()
    assert list(media_root.rglob("*.*")) == []


def test_markup_in_the_name_of_an_evidence_is_not_stored_and_shows_as_text(
    client, bob, executing, media_root
):
    client.force_login(bob)
    name = '<img src=x onerror=alert(1)>".pdf'
    response = post_evidence(client, executing, SimpleUploadedFile(name, PDF))
    assert response.status_code == 302
    stored = ExecutionFollowUp.objects.get().evidence.name
    assert not set(stored) & set('<>"= ')
    page = client.get(reverse("purchasing:detail", kwargs={"pk": executing.pk})).content.decode()
    assert "<img src=x" not in page
