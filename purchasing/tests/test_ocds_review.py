"""The demo's OCDS package as the OCDS Data Review Tool reads it (`libcoveocds`), offline: the
standard, its codelists and the two extensions it declares are served from the installed
official files; any other address fails the test."""

import io
import json
import zipfile

import pytest
import requests
import urllib3
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from accounts import demo as accounts_demo
from accounts.models import Organisation
from clauses import demo as clauses_demo
from purchasing import demo as purchasing_demo
from purchasing.opendata import ocds, schemas, validation
from purchasing.selectors import opendata as selectors

pytestmark = [pytest.mark.django_db, pytest.mark.schemas]

# The lots extension's metadata (not one of the files the product needs): only what the review
# reads to apply its release schema.
LOTS_METADATA = {
    "name": {"en": "Lots"},
    "description": {"en": "Lots of a tender."},
    "documentationUrl": {"en": "https://extensions.open-contracting.org/en/extensions/lots/"},
    "schemas": ["release-schema.json"],
    "compatibility": ["1.1"],
}


def archive(folder: str, files: dict[str, bytes]) -> bytes:
    """A ZIP as GitHub serves a tag's archive: one top folder holding the files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(f"{folder}/", b"")
        for name, content in files.items():
            zipped.writestr(f"{folder}/{name}", content)
    return buffer.getvalue()


def local_files() -> dict[str, bytes]:
    """Each address the review asks for → the installed files (an extension is read from the
    archive of its tag)."""
    directory = validation.schemas_dir()
    lots = {
        "extension.json": json.dumps(LOTS_METADATA).encode(),
        "release-schema.json": (directory / validation.LOTS_PATCH).read_bytes(),
    }
    sustainability_dir = directory / "ocds" / "sustainability-extension"
    sustainability = {
        "extension.json": (sustainability_dir / "extension.json").read_bytes(),
        "release-schema.json": (sustainability_dir / "release-schema.json").read_bytes(),
        **{
            f"codelists/{name}": (sustainability_dir / name).read_bytes()
            for name in ("sustainabilityGoal.csv", "sustainabilityStrategy.csv")
        },
    }
    served = {}
    for base, files, repository in (
        (schemas.LOTS_BASE, lots, "ocds_lots_extension"),
        (schemas.SUSTAINABILITY_BASE, sustainability, "ocds_sustainability_extension"),
    ):
        tag = base.rsplit("/", 1)[1]
        for name, content in files.items():
            served[f"{base}/{name}"] = content
        served[f"https://github.com/open-contracting-extensions/{repository}/archive/{tag}.zip"] = (
            archive(f"{repository}-{tag.lstrip('v')}", files)
        )
    return served


def standard_zip() -> bytes:
    """The standard at tag 1__1__5 as the review reads it (its `schema/` folder)."""
    directory = validation.schemas_dir() / "ocds" / "1.1.5"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("standard-1__1__5/", b"")
        # Registered by the review for record packages, which refer to it; a release package
        # never does, so the product does not install it.
        zipped.writestr(
            "standard-1__1__5/schema/versioned-release-validation-schema.json",
            json.dumps({"$schema": "http://json-schema.org/draft-04/schema#"}),
        )
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in {".json", ".csv"}:
                zipped.write(path, f"standard-1__1__5/schema/{path.relative_to(directory)}")
    return buffer.getvalue()


@pytest.fixture
def offline(monkeypatch):
    """Every HTTP request answered from the installed files; any other one fails."""
    served = local_files()
    asked = []

    def send(self, request, **kwargs):
        asked.append(request.url)
        if request.url not in served:
            raise requests.ConnectionError(f"offline test: {request.url}")
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        response.raw = urllib3.response.HTTPResponse(
            body=io.BytesIO(served[request.url]),
            status=200,
            preload_content=False,
            request_url=request.url,
        )
        response.encoding = "utf-8"
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return asked


@pytest.fixture
def demo_package(tmp_path):
    accounts_demo.load_and_describe()
    clauses_demo.load_and_describe()
    purchasing_demo.load_and_describe()
    organisation = Organisation.objects.get(slug="npdc")
    result = ocds.write(
        selectors.chunks(selectors.ocds_markets(organisation=organisation)),
        organisation=organisation,
        uri="https://achats.example.fr/marches/donnees-ouvertes/ocds/",
    )
    assert result.ok, result.messages()
    return json.load(result.handle)


def test_the_demo_package_passes_the_data_review_without_error_or_warning(
    demo_package, offline, tmp_path
):
    config = LibCoveOCDSConfig({"context": "api", "standard_zip": standard_zip()})
    review = ocds_json_output(str(tmp_path), json_data=demo_package, lib_cove_ocds_config=config)

    assert review["validation_errors"] == []
    assert review["additional_checks"] == {}
    assert review["extensions"]["invalid_extension"] == {}
    assert review["extensions"]["is_extended_schema"] is True
    assert [entry["url"] for entry in review["extensions"]["extensions"]] == ocds.EXTENSIONS
    assert all(not entry["failed_codelists"] for entry in review["extensions"]["extensions"])
    assert review["additional_closed_codelist_values"] == {}
    assert review["deprecated_fields"] == []
    assert all("master" not in url for url in offline)
    summary = {
        "releases": review["count"],
        "unique_ocids": review["unique_ocids_count"],
        "validation_errors": len(review["validation_errors"]),
        "additional_checks": len(review["additional_checks"]),
        "additional_closed_codelist_values": len(review["additional_closed_codelist_values"]),
        "additional_open_codelist_values": sorted(review["additional_open_codelist_values"]),
        "additional_fields": sorted(review["additional_fields"]),
        "extensions": [entry["url"] for entry in review["extensions"]["extensions"]],
    }
    print("libcoveocds summary:", json.dumps(summary, indent=2))
    assert summary["releases"] == summary["unique_ocids"] == len(demo_package["releases"]) > 0


def test_each_release_is_dated_by_the_event_it_reports(demo_package):
    for release in demo_package["releases"]:
        if "award" in release["tag"]:
            latest = max(award["date"] for award in release["awards"])
            assert release["date"] == latest
        elif release["tag"] == ["tender"]:
            assert release["date"] == release["tender"]["tenderPeriod"]["startDate"]
        if "tenderPeriod" in release["tender"]:
            assert "endDate" in release["tender"]["tenderPeriod"]
    assert demo_package["extensions"] == [
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/"
        "v1.1.5/extension.json",
        schemas.SUSTAINABILITY_EXTENSION_URL,
    ]
