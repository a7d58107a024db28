"""The official open-data files the product needs, where each one is published, and the SHA-256
it must have: the product installs them itself (`manage.py fetch_open_data_schemas`) into
`OPEN_DATA_SCHEMAS_DIR` (`VAR_DIR/schemas` by default) and never reads them from outside.

Every address names a version that does not move (a tag, or the commit of a file that has no
tag); the hash proves the file is the one the exports were written against. A file is written
beside its target and moved into place only once its hash is right, so a failed or interrupted
run leaves the files that were there before, never a half-written one.

`OPEN_DATA_SCHEMAS_MIRROR` (a base URL) replaces every address by `<mirror>/<path>`: for a
machine that reaches the Internet only through a mirror of its own, and for the tests."""

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

FETCH_COMMAND = "python manage.py fetch_open_data_schemas"
TIMEOUT_SECONDS = 30
# A schema is a few hundred kilobytes: anything much larger is not the file we asked for.
MAX_BYTES = 10 * 1024 * 1024

OCDS_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5"
OCDS_CODELISTS = (
    "https://raw.githubusercontent.com/open-contracting/standard/1__1__5/schema/codelists"
)
LOTS_TAG = "v1.1.5"
LOTS_BASE = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/" + LOTS_TAG
)
# Not confirmed: ../shared/data/SOURCES.md names the repository of the copies the hashes are
# pinned to but no tag (it names v1.1.5 for the lots extension), and the extension's changelog
# is dated (2023-04-12), not versioned. The pinned hashes hold whatever the address: a wrong tag
# fails `fetch_open_data_schemas` with a clear error, never installs another file.
SUSTAINABILITY_TAG = "v1.0.0"
SUSTAINABILITY_BASE = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_sustainability_extension/" + SUSTAINABILITY_TAG
)
# The DECP repository has no tag for format 2.0.3: the commit that published the file.
DECP_BASE = (
    "https://raw.githubusercontent.com/139bercy/format-commande-publique/"
    "626dc3617c14fd8ddb9811b8bef9bff859942f68"
)
DECP_EXAMPLES_BASE = (
    "https://raw.githubusercontent.com/139bercy/format-commande-publique/"
    "c9234a93dc330df878d817aeeb8db132585c58a4/exemples/json"
)
AGEC_BASE = (
    "https://raw.githubusercontent.com/datagouv/"
    "schema-declaration-biens-reemploi-reutilisation-recycle/v0.1.0"
)

# The extension URLs an OCDS package declares (`extensions`): versioned, never `master`.
LOTS_EXTENSION_URL = f"{LOTS_BASE}/extension.json"
SUSTAINABILITY_EXTENSION_URL = f"{SUSTAINABILITY_BASE}/extension.json"


@dataclass(frozen=True)
class OfficialFile:
    path: str  # where it is stored, relative to OPEN_DATA_SCHEMAS_DIR
    url: str
    sha256: str
    # Only the tests read it (an official example the DECP writer is compared with).
    for_tests: bool = False

    def source(self) -> str:
        mirror = getattr(settings, "OPEN_DATA_SCHEMAS_MIRROR", "")
        return f"{mirror.rstrip('/')}/{self.path}" if mirror else self.url


OCDS_CODELIST_HASHES = {
    "awardCriteria": "6776393922bfc6adc3fcbb6fa033761c6587ba36d9a57783c0a6219c8a2ca14d",
    "awardStatus": "5818077c8cd6e8678fa4d64e0b49be70144eb36bae4b500d257e15da92e9171a",
    "contractStatus": "44cf2919c4912819af130d8805dab840186e35710848cec0d76aeb5c09a60791",
    "currency": "c9c53f5367d44f4893610e01ccd03c513d41b094824263f2f0d25eb8133cdef5",
    "documentType": "2d409b9a3b16cb2bb118c1d7f07b966c56c4870ef22316f2a4ab3dd2cb46740a",
    "extendedProcurementCategory": (
        "eb8964719383ac40a3d16a4ac0376ee6bf317645d9e5e615b070978b4e0eeedf"
    ),
    "initiationType": "1fdb672ae765cfa93413240028cbce32a836d95450e9e03cbe7cdd5fc85dfeba",
    "itemClassificationScheme": "8692802129e9768002909fa418c2b7999ba5f4545145df850be8974557ef71ad",
    "method": "8a956d41ead70abe583c6d0121729ec8a0ffb4f1c9aa18017d587ff794d8a589",
    "milestoneStatus": "f94f77b2e02f232e0167e0c6d554b72bfd7b8f1bbd0aaa92b8c26be395634ac7",
    "milestoneType": "29facf51886a1b2dba870583cbedde2a2d5ce70ca1ad2050f26057ee92fed94d",
    "partyRole": "a620f9b75533d55212cf28c6fd65ebaa92b688f173e85baee66c2f7b33aaef72",
    "procurementCategory": "4a9690b192de0c07a67c97114c0f3005c25a029af1a9cdb277e50fbacdddb295",
    "relatedProcess": "771f7a562576e1d23c306add087de2f481de590a8afba301bb9219f3f1a2f3b6",
    "relatedProcessScheme": "48fc471501f47d38c20b3876dc18182eec42139f93cca125aff68e3ab2608e2c",
    "releaseTag": "93715540f04370186106503672ad8f3336e1afb08d98be94237652fd081e2aec",
    "submissionMethod": "602446eab2b27ae780f2294df8d5f8c7f60ded7bbd2b3c41eb3b3d016eb2bb04",
    "tenderStatus": "5737af013aad1d11fa21c48adede7e528b7fe4e56b5d64f220dce360a24728f0",
    "unitClassificationScheme": "5865b72764974981bf0a647fe3381066f0b73aa5ece9972a0db0ece8b009d9d6",
}

FILES = (
    OfficialFile(
        "decp/schema_decp_v2.0.3.json",
        f"{DECP_BASE}/schema_decp_v2.0.3.json",
        "3210e4cbe965be416f4ba3d8ab3983c64be48a800dc8d594b730341f3de8765a",
    ),
    OfficialFile(
        "decp/marches_avec_modifications.json",
        f"{DECP_EXAMPLES_BASE}/marches_avec_modifications.json",
        "cbb421a363b0254be0797d83ada12db2634edb9e923e853e300ed6952d6695d7",
        for_tests=True,
    ),
    OfficialFile(
        "ocds/1.1.5/release-package-schema.json",
        f"{OCDS_SCHEMA}/release-package-schema.json",
        "06577cec73cc16eca0cac331a7ea9ee9cd684b21c55f5f0711f7442623153698",
    ),
    OfficialFile(
        "ocds/1.1.5/release-schema.json",
        f"{OCDS_SCHEMA}/release-schema.json",
        "fac192e1ccfb061f5164bdb2d64c29e517c0f81661996b97de40cebc55a2c1bc",
    ),
    *(
        OfficialFile(f"ocds/1.1.5/codelists/{name}.csv", f"{OCDS_CODELISTS}/{name}.csv", sha256)
        for name, sha256 in OCDS_CODELIST_HASHES.items()
    ),
    OfficialFile(
        "ocds/lots-extension-v1.1.5/release-schema.json",
        f"{LOTS_BASE}/release-schema.json",
        "d5a06935c6c1da86a7245edc5ccf365db0fc94275c292577cd898bd216333e0c",
    ),
    OfficialFile(
        "ocds/sustainability-extension/extension.json",
        f"{SUSTAINABILITY_BASE}/extension.json",
        "680b30f232cb230c36efed378071f5532b9eba04d03835e7dd9ba18c9958dbc5",
    ),
    OfficialFile(
        "ocds/sustainability-extension/release-schema.json",
        f"{SUSTAINABILITY_BASE}/release-schema.json",
        "010c858545ac9c48c189ce723a139db7160a53c7a4e21f294e2acbfd0026ce0c",
    ),
    OfficialFile(
        "ocds/sustainability-extension/sustainabilityGoal.csv",
        f"{SUSTAINABILITY_BASE}/codelists/sustainabilityGoal.csv",
        "3364d92483811f67d4985b75b6ae1cf85861c742848dfabd6ee62fe92665a4a9",
    ),
    OfficialFile(
        "ocds/sustainability-extension/sustainabilityStrategy.csv",
        f"{SUSTAINABILITY_BASE}/codelists/sustainabilityStrategy.csv",
        "cccf2b11ad7a46af5598b34a335eaa4a7dd8156779a7505c86b0553293ca380c",
    ),
    OfficialFile(
        "agec/schema.json",
        f"{AGEC_BASE}/schema.json",
        "33846cccd6c40e34cda12fe72cd38b3fd1bff50efc8adafcaec58615eb4315d2",
    ),
)


class FetchError(Exception):
    """A file could not be installed: unreachable, too large, or not the pinned one."""


def schemas_dir() -> Path:
    return Path(settings.OPEN_DATA_SCHEMAS_DIR)


def missing_files(directory: Path | None = None) -> list[OfficialFile]:
    directory = directory or schemas_dir()
    return [entry for entry in FILES if not (directory / entry.path).is_file()]


# How many missing files one message names (the others are counted).
NAMED_IN_MESSAGE = 3


def missing_message(paths) -> str:
    """One line naming the missing files and the command that installs them."""
    paths = [str(path) for path in paths]
    names = ", ".join(paths[:NAMED_IN_MESSAGE])
    if len(paths) > NAMED_IN_MESSAGE:
        names += f" et {len(paths) - NAMED_IN_MESSAGE} autre(s)"
    return (
        f"Schémas officiels manquants dans {schemas_dir()} : {names}. "
        f"Installez-les avec « {FETCH_COMMAND} »."
    )


def _download(url: str) -> bytes:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError(f"{url} : adresse non HTTP / not an HTTP address")
    request = urllib.request.Request(url, headers={"User-Agent": "achats-responsables"})  # noqa: S310 (HTTP only, above)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            content = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"{url} injoignable / unreachable ({reason})") from error
    if len(content) > MAX_BYTES:
        raise FetchError(f"{url} : fichier trop volumineux / file too large")
    return content


def _write(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as stream:
        stream.write(content)
    try:
        os.replace(stream.name, target)
    except OSError:
        os.unlink(stream.name)
        raise


def fetch(*, only_missing: bool = False, directory: Path | None = None) -> list[OfficialFile]:
    """Download, check and store the official files; the files installed.

    Every file is downloaded and checked before any is written, so a run that fails (a file
    unreachable or with another hash) changes nothing. Raises `FetchError`."""
    directory = directory or schemas_dir()
    wanted = missing_files(directory) if only_missing else list(FILES)
    contents = []
    for entry in wanted:
        url = entry.source()
        content = _download(url)
        digest = hashlib.sha256(content).hexdigest()
        if digest != entry.sha256:
            raise FetchError(
                f"{url} : empreinte SHA-256 inattendue / unexpected SHA-256 {digest} "
                f"(attendue / expected {entry.sha256})"
            )
        contents.append((entry, content))
    try:
        for entry, content in contents:
            _write(directory / entry.path, content)
    except OSError as error:
        raise FetchError(f"Impossible d'écrire dans {directory} : {error}") from error
    return wanted
