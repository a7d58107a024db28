"""A backup restores: the demo is backed up with scripts/backup, restored with scripts/restore
into a new PostgreSQL database and a new media folder, and the application started on the copy
serves the same contract page, the same compliance figures and the same evidence file. Needs
PostgreSQL (pg_dump); CI runs it there."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL"),
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): pg_dump and pg_restore",
    ),
]

ROOT = Path(settings.BASE_DIR)

# Run by the application on one database and media folder: what a reader is served.
PROBE = """
import hashlib, json, re
from django.test import Client
from django.urls import reverse
from accounts.models import Organisation, User
from budgets.selectors.compliance import compliance_for
from network.models import Finding
from purchasing.models import Market

npdc = Organisation.objects.get(slug="npdc")
market = Market.objects.filter(organisation=npdc).order_by("reference").first()
client = Client()
client.force_login(market.buyer)
page = client.get(reverse("purchasing:detail", kwargs={"pk": market.pk}))
content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
finding = Finding.objects.exclude(evidence="").order_by("pk").first()
client.force_login(User.objects.get(email="conseillere@npdc.test"))
on_finding = {"public_id": finding.audit.public_id, "pk": finding.pk}
download = client.get(reverse("network:finding-evidence", kwargs=on_finding))
print(json.dumps({
    "contract": [market.reference, page.status_code, hashlib.sha256(content.encode()).hexdigest()],
    "compliance": [repr(c) for c in compliance_for(organisation=npdc, year=2026)],
    "evidence": [
        download.status_code,
        download["Content-Disposition"],
        hashlib.sha256(b"".join(download.streaming_content)).hexdigest(),
    ],
}))
"""


def database_url(name: str) -> str:
    parameters = connection.settings_dict
    password = f":{parameters['PASSWORD']}" if parameters["PASSWORD"] else ""
    port = parameters["PORT"] or 5432
    return f"postgres://{parameters['USER']}{password}@{parameters['HOST']}:{port}/{name}"


def served(url: str, var_dir: Path, worker: str) -> dict:
    """What the application on that database and media folder serves (in its own process)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "VAR_DIR": str(var_dir),
        "PYTEST_XDIST_WORKER": worker,
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def script(name: str, folder: Path, *, url: str, media: Path) -> str:
    environment = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    result = subprocess.run(
        [str(ROOT / "scripts" / name), str(folder)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def restored_database():
    """A new, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_backup_restored_into_a_new_database_serves_the_same_things(tmp_path, restored_database):
    call_command("seed_demo", stdout=StringIO())
    original_url = database_url(connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    before = served(original_url, Path(settings.VAR_DIR), worker)

    folder = Path(script("backup", tmp_path / "sauvegardes", url=original_url, media=media))
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    restored_media = tmp_path / "var" / "test-media" / "restored"
    script("restore", folder, url=restored_database, media=restored_media)
    after = served(restored_database, tmp_path / "var", "restored")

    assert before["contract"][1] == 200
    assert before["evidence"][0] == 200
    assert before["compliance"]
    assert after == before


def test_a_damaged_backup_is_refused_before_anything_is_replaced(tmp_path, restored_database):
    folder = Path(
        script(
            "backup",
            tmp_path,
            url=database_url(connection.settings_dict["NAME"]),
            media=tmp_path / "m",
        )
    )
    with (folder / "media.tar.gz").open("ab") as archive:
        archive.write(b"?")
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "file.pdf").write_bytes(b"%PDF")

    with pytest.raises(subprocess.CalledProcessError) as refused:
        script("restore", folder, url=restored_database, media=kept)

    assert "checksums differ" in refused.value.stderr
    assert (kept / "file.pdf").read_bytes() == b"%PDF"
