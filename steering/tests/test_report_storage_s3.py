"""Past one machine: the quarterly report's PDF stored in an S3-compatible object storage
(moto in server mode, `core.tests.s3`), served only through the access-checked download, gone
once deleted from the storage."""

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse

from steering.models import ReportStatus
from steering.services import reports as services
from steering.tests.factories import QUARTER

pytestmark = pytest.mark.django_db


def test_the_report_goes_to_the_bucket_and_is_downloaded_only_through_the_checked_view(
    s3_storage,
    client,
    alice,
    charlie,
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, _created = services.report_request(
            actor=alice, organisation=alice.organisation, quarter=QUARTER
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    keys = [item.key for item in s3_storage.objects.all()]
    assert keys == [report.file.name]
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    download = reverse("steering:report-download", args=[report.pk])

    client.force_login(charlie)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302

    client.force_login(alice)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    default_storage.delete(report.file.name)
    assert not list(s3_storage.objects.all())
    assert client.get(download).status_code == 404
