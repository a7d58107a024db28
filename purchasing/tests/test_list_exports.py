"""A long contract list exported in the background (core's job mechanism): the offer page, the
job that writes the file as the person reads the list (their filters, their contracts), the
export's page with its progress and its polled state, the download served only to the person
who asked, a retry after a failure. Short lists are still answered at once
(test_list_pages.py)."""

import csv
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse

from core.models import Job, JobStatus
from purchasing.models import LIST_EXPORT_JOB, ListExport
from purchasing.tests.factories import make_market

pytestmark = pytest.mark.django_db

EXPORT = reverse("purchasing:export")
REQUEST = reverse("purchasing:export-request")
# Session, user, permissions, the export with its job; the other apps' menu.
STATUS_QUERIES = 6


@pytest.fixture(autouse=True)
def short_limit(settings, tmp_path):
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 2
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def three(bob, dora):
    make_market(dora, title="Sacs de dora")
    return [make_market(bob, title=f"Fournitures {n}") for n in range(3)]


def url(name, export):
    return reverse(f"purchasing:{name}", kwargs={"public_id": export.public_id})


def ask(client, file_format="csv", filters="", *, run_jobs=True):
    with TestCase.captureOnCommitCallbacks(execute=run_jobs):
        response = client.post(REQUEST, {"format": file_format, "filtres": filters})
    return response, ListExport.objects.latest("created_at")


def test_a_long_list_is_offered_as_a_file_prepared_in_the_background(client, bob, three):
    client.force_login(bob)

    response = client.get(EXPORT, {"format": "xlsx", "q": "Fournitures"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "La liste compte 3 marchés" in text
    assert 'name="filtres" value="q=Fournitures"' in text
    assert not ListExport.objects.exists()  # a GET asks for nothing


def test_the_job_writes_the_file_of_the_persons_filtered_list(client, bob, three):
    client.force_login(bob)

    response, export = ask(client, "csv", "q=Fournitures+1")

    assert response.status_code == 302 and response.url == url("export-detail", export)
    export.refresh_from_db()
    assert export.job.kind == LIST_EXPORT_JOB and export.job.status == JobStatus.READY
    assert export.rows == 1 and default_storage.exists(export.file.name)
    page = client.get(response.url).content.decode()
    assert "Le fichier est prêt : 1 marché." in page
    download = client.get(url("export-download", export))
    assert download["Cache-Control"] == "private, no-store"
    content = b"".join(download.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["Fournitures 1"]


def test_an_xlsx_export_holds_only_what_the_person_reads(client, bob, three):
    client.force_login(bob)

    _response, export = ask(client, "xlsx")

    export.refresh_from_db()
    sheet = openpyxl.load_workbook(export.file.open("rb")).active
    titles = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == ["Fournitures 0", "Fournitures 1", "Fournitures 2"]  # not dora's


def test_the_page_shows_the_progress_while_it_waits(
    client, bob, three, django_assert_max_num_queries
):
    client.force_login(bob)
    _response, export = ask(client, run_jobs=False)

    page = client.get(url("export-detail", export)).content.decode()
    assert "Préparation du fichier" in page and "Actualiser" in page
    assert "js/job-progress.js" in page
    with django_assert_max_num_queries(STATUS_QUERIES):
        state = client.get(url("export-status", export)).json()
    assert state["active"] and state["state"] == "pending"
    assert client.get(url("export-download", export)).status_code == 404


def test_another_person_gets_404_and_anonymous_the_login(client, bob, alice, charlie, three):
    client.force_login(bob)
    _response, export = ask(client)
    for person in (alice, charlie):  # a colleague too: the file holds bob's reading
        client.force_login(person)
        for name in ("export-detail", "export-status", "export-download"):
            assert client.get(url(name, export)).status_code == 404
        assert client.post(url("export-retry", export)).status_code == 404
    client.logout()
    assert client.get(url("export-download", export)).status_code == 302
    assert client.get(REQUEST).status_code in (302, 405)


def test_an_unknown_format_is_refused(client, bob, three):
    client.force_login(bob)
    assert client.post(REQUEST, {"format": "pdf"}).status_code == 404
    assert not ListExport.objects.exists()


def test_a_failed_export_says_why_and_is_prepared_again(client, bob, three):
    client.force_login(bob)
    _response, export = ask(client, run_jobs=False)
    Job.objects.filter(pk=export.job_id).update(
        status=JobStatus.FAILED, error="Le travail s'est arrêté sur une erreur inattendue."
    )
    page = client.get(url("export-detail", export)).content.decode()
    assert "Le travail s&#x27;est arrêté sur une erreur inattendue." in page
    assert "Relancer la préparation" in page

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url("export-retry", export))

    export.refresh_from_db()
    assert export.job.status == JobStatus.READY and export.rows == 3
