"""Past one machine: a file sent for import is kept in the S3-compatible object storage (moto in
server mode, `core.tests.s3`), where the check job reads it back, as a worker on another host
would."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from budgets.models import ImportBatch, ImportStatus, Purchase
from budgets.tests.data import text_of
from budgets.tests.factories import csv_bytes, purchase_row

pytestmark = pytest.mark.django_db


def test_an_import_is_kept_in_the_bucket_checked_from_it_and_confirmed(
    s3_storage,
    client,
    fanny,
    lyc,
):
    client.force_login(fanny)
    upload = SimpleUploadedFile(
        "achats.csv", csv_bytes([purchase_row(reference="S3-1", department="LYC")])
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("budgets:import-upload"), {"kind": "purchases", "file": upload})
    batch = ImportBatch.objects.get()
    assert [item.key for item in s3_storage.objects.all()] == [batch.file.name]
    assert batch.file.name.startswith("budgets/imports/")

    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    detail = reverse("budgets:import-detail", kwargs={"public_id": batch.public_id})
    assert "S3-1" in text_of(client.get(detail))  # the preview read from the bucket

    confirm = reverse("budgets:import-confirm", kwargs={"public_id": batch.public_id})
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(confirm)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert list(Purchase.objects.values_list("reference", flat=True)) == ["S3-1"]
