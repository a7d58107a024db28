"""Hostile files as audit reports, evidence of a finding and meeting minutes: a zip bomb renamed
.docx, a web page renamed .pdf, a PDF over the limit are refused with a French message on their
field and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.files import zip_bomb
from network.models import Audit, Meeting
from network.services import meetings as meeting_services
from network.services import supply_chain as services
from network.tests.data import add_finding, plan, record_audit

pytestmark = pytest.mark.django_db

BOMB = "Le fichier DOCX se décompresse en 60 Mo"
FAKE_PDF = (
    "Le fichier ne correspond pas à son extension PDF : enregistrez-le dans ce format, ou dans "
    "un autre des formats acceptés."
)
HOSTILE = [
    ("rapport.docx", lambda: zip_bomb(60), BOMB),
    ("rapport.pdf", lambda: b"<html><script>alert(1)</script></html>", FAKE_PDF),
    ("enorme.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "10 Mo au plus."),
]


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE)
def test_a_hostile_audit_report_is_refused(alice, site, media_root, name, content, message):
    upload = SimpleUploadedFile(name, content())
    [error] = refusal(lambda: record_audit(alice, site, report=upload))["report"]
    assert error.startswith(message) or error.endswith(message)
    assert not Audit.objects.exists()
    assert list(media_root.rglob("*.*")) == []


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE)
def test_a_hostile_evidence_of_a_finding_is_refused(
    audit, alice, media_root, name, content, message
):
    finding = add_finding(alice, audit)
    before = list(media_root.rglob("*.*"))
    upload = SimpleUploadedFile(name, content())
    [error] = refusal(
        lambda: services.finding_close(actor=alice, finding=finding, evidence=upload)
    )["evidence"]
    assert error.startswith(message) or error.endswith(message)
    finding.refresh_from_db()
    assert not finding.evidence
    assert list(media_root.rglob("*.*")) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [*HOSTILE[:2], ("enorme.pdf", HOSTILE[2][1], "Compte rendu trop lourd : 10 Mo au plus.")],
)
def test_hostile_minutes_are_refused(network, nora, media_root, name, content, message):
    past = plan(network, nora, in_days=-3)
    upload = SimpleUploadedFile(name, content())
    [error] = refusal(
        lambda: meeting_services.meeting_minutes_upload(actor=nora, meeting=past, minutes=upload)
    )["minutes"]
    assert error.startswith(message)
    assert not Meeting.objects.get(pk=past.pk).minutes


def test_a_zip_bomb_sent_as_minutes_through_the_page_is_said_on_its_field(client, network, nora):
    past = plan(network, nora, in_days=-3)
    client.force_login(nora)
    response = client.post(
        reverse("network:meeting-minutes-upload", kwargs={"public_id": past.public_id}),
        {"minutes": SimpleUploadedFile('<b>cr</b>".docx', zip_bomb(60))},
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["minutes"]
    assert error.startswith(BOMB)
    assert "<b>cr</b>" not in response.content.decode()
    assert not Meeting.objects.get(pk=past.pk).minutes
