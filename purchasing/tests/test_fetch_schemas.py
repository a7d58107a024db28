"""`fetch_open_data_schemas` against a local HTTP server standing for the official addresses
(`OPEN_DATA_SCHEMAS_MIRROR`): the right files are installed, a wrong or unreachable one installs
nothing."""

import functools
import hashlib
import http.server
import shutil
import socket
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from purchasing.opendata import schemas


@pytest.fixture
def serve():
    """Serve a folder over HTTP on a free port; the base URL."""
    servers = []

    def start(folder):
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def official_copy(settings, tmp_path):
    """A copy of the installed official files (what the official addresses serve)."""
    copy = tmp_path / "published"
    shutil.copytree(settings.OPEN_DATA_SCHEMAS_DIR, copy)
    return copy


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_pins_are_sha256_digests_of_distinct_files():
    assert len({entry.path for entry in schemas.FILES}) == len(schemas.FILES)
    assert all(len(entry.sha256) == 64 for entry in schemas.FILES)
    assert not any("/master/" in entry.url for entry in schemas.FILES)


@pytest.mark.schemas
def test_the_installed_files_have_their_pinned_hashes(settings):
    for entry in schemas.FILES:
        content = (settings.OPEN_DATA_SCHEMAS_DIR / entry.path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry.sha256, entry.path


@pytest.mark.schemas
def test_it_installs_every_file_byte_for_byte(settings, serve, official_copy, tmp_path):
    settings.OPEN_DATA_SCHEMAS_MIRROR = serve(official_copy)
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path / "schemas"
    out = StringIO()
    call_command("fetch_open_data_schemas", stdout=out)
    assert out.getvalue() == (
        f"{len(schemas.FILES)} fichier(s) officiel(s) installé(s) dans {tmp_path / 'schemas'}.\n"
    )
    for entry in schemas.FILES:
        installed = (tmp_path / "schemas" / entry.path).read_bytes()
        assert installed == (official_copy / entry.path).read_bytes()
    assert not list((tmp_path / "schemas").rglob("*.tmp"))


@pytest.mark.schemas
def test_missing_only_fetches_what_is_missing(settings, serve, official_copy, tmp_path):
    target = tmp_path / "schemas"
    shutil.copytree(official_copy, target)
    (target / "agec" / "schema.json").unlink()
    settings.OPEN_DATA_SCHEMAS_MIRROR = serve(official_copy)
    settings.OPEN_DATA_SCHEMAS_DIR = target
    out = StringIO()
    call_command("fetch_open_data_schemas", "--missing-only", stdout=out)
    assert out.getvalue() == f"1 fichier(s) officiel(s) installé(s) dans {target}.\n"
    assert (target / "agec" / "schema.json").is_file()


@pytest.mark.schemas
def test_a_file_with_another_hash_installs_nothing(settings, serve, official_copy, tmp_path):
    altered = official_copy / "ocds" / "1.1.5" / "release-schema.json"
    altered.write_bytes(altered.read_bytes() + b"\n")
    digest = hashlib.sha256(altered.read_bytes()).hexdigest()
    base = serve(official_copy)
    settings.OPEN_DATA_SCHEMAS_MIRROR = base
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path / "schemas"
    with pytest.raises(CommandError) as refused:
        call_command("fetch_open_data_schemas")
    assert str(refused.value) == (
        "Schémas officiels non installés / open-data schemas not installed: "
        f"{base}/ocds/1.1.5/release-schema.json : empreinte SHA-256 inattendue / unexpected "
        f"SHA-256 {digest} (attendue / expected "
        "fac192e1ccfb061f5164bdb2d64c29e517c0f81661996b97de40cebc55a2c1bc)"
    )
    assert refused.value.returncode == 1
    assert not (tmp_path / "schemas").exists()


def test_an_unreachable_address_installs_nothing(settings, tmp_path):
    settings.OPEN_DATA_SCHEMAS_MIRROR = f"http://127.0.0.1:{closed_port()}"
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path / "schemas"
    with pytest.raises(CommandError) as refused:
        call_command("fetch_open_data_schemas")
    message = str(refused.value)
    assert message.startswith(
        "Schémas officiels non installés / open-data schemas not installed: "
        f"{settings.OPEN_DATA_SCHEMAS_MIRROR}/decp/schema_decp_v2.0.3.json injoignable / "
        "unreachable ("
    )
    assert "\n" not in message
    assert not (tmp_path / "schemas").exists()


def test_offline_ok_says_so_in_one_line_and_goes_on(settings, tmp_path):
    settings.OPEN_DATA_SCHEMAS_MIRROR = f"http://127.0.0.1:{closed_port()}"
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path / "schemas"
    err = StringIO()
    call_command("fetch_open_data_schemas", "--missing-only", "--offline-ok", stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Schémas officiels non installés / open-data schemas not installed:")
    assert not (tmp_path / "schemas").exists()


def test_the_message_names_the_missing_files_and_the_command(settings, tmp_path):
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path
    paths = [entry.path for entry in schemas.missing_files()]
    assert schemas.missing_message(paths) == (
        f"Schémas officiels manquants dans {tmp_path} : decp/schema_decp_v2.0.3.json, "
        "decp/marches_avec_modifications.json, ocds/1.1.5/release-package-schema.json et "
        f"{len(paths) - 3} autre(s). Installez-les avec « python manage.py "
        "fetch_open_data_schemas »."
    )
