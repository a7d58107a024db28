"""Offline validation of the open-data files against the official schemas.

The schemas live in `settings.OPEN_DATA_SCHEMAS_DIR` (`VAR_DIR/schemas` by default), unchanged,
installed by `manage.py fetch_open_data_schemas` (`schemas.FILES`):
`decp/schema_decp_v2.0.3.json` (JSON Schema draft-07), `ocds/1.1.5/` (release package and
release schemas, draft-04), the lots extension at its tag v1.1.5 and the sustainability extension
(JSON merge patches of the release schema, and the latter's two codelists). Validation never
fetches anything: the URLs the schemas refer to each other by are mapped to these files."""

import csv
import datetime
import functools
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft4Validator, Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

from . import schemas

DECP_SCHEMA = Path("decp") / "schema_decp_v2.0.3.json"
OCDS_PACKAGE_SCHEMA = Path("ocds") / "1.1.5" / "release-package-schema.json"
OCDS_RELEASE_SCHEMA = Path("ocds") / "1.1.5" / "release-schema.json"
LOTS_PATCH = Path("ocds") / "lots-extension-v1.1.5" / "release-schema.json"
SUSTAINABILITY_PATCH = Path("ocds") / "sustainability-extension" / "release-schema.json"
SUSTAINABILITY_GOALS = Path("ocds") / "sustainability-extension" / "sustainabilityGoal.csv"
SUSTAINABILITY_STRATEGIES = Path("ocds") / "sustainability-extension" / "sustainabilityStrategy.csv"
# How many messages of one invalid document are kept.
MAX_ERRORS = 20


class SchemasUnavailable(Exception):
    """The schemas are not where the setting says: no file can be checked, so none is made."""


def schemas_dir() -> Path:
    return Path(settings.OPEN_DATA_SCHEMAS_DIR)


def missing_schema_files() -> list[Path]:
    """The files the exports need and this installation lacks (full paths)."""
    directory = schemas_dir()
    return [
        directory / entry.path for entry in schemas.missing_files(directory) if not entry.for_tests
    ]


def ensure_schemas() -> None:
    missing = missing_schema_files()
    if missing:
        raise SchemasUnavailable(schemas.missing_message(missing))


def _load(name: Path) -> dict:
    ensure_schemas()
    with (schemas_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch: objects merge key by key, `null` removes a key, anything
    else replaces. Returns a new value; neither argument is changed."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


# --- Formats: the schemas' "date-time" and "uri", checked without extra libraries ----------

format_checker = FormatChecker(formats=())


@format_checker.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        return False
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    # RFC 3339 asks for the offset.
    return parsed.tzinfo is not None


@format_checker.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"urn", "mailto"})


# --- Validators, built once per schemas directory ---------------------------------------------


@functools.cache
def _decp_validators(directory: Path) -> tuple[Draft7Validator, Draft7Validator]:
    schema = _load(DECP_SCHEMA)
    resource = Resource.from_contents(schema, default_specification=DRAFT7)
    registry = Registry().with_resource(schema["$id"], resource)
    whole = Draft7Validator(schema, registry=registry, format_checker=format_checker)
    one = Draft7Validator(
        {"$ref": f"{schema['$id']}#/definitions/marche"},
        registry=registry,
        format_checker=format_checker,
    )
    return whole, one


def decp_validator() -> Draft7Validator:
    """The validator of a whole DECP file."""
    return _decp_validators(schemas_dir())[0]


def decp_marche_validator() -> Draft7Validator:
    """The validator of one entry of `marches.marche`."""
    return _decp_validators(schemas_dir())[1]


def patched_release_schema() -> dict:
    """The OCDS 1.1.5 release schema with the lots and sustainability extensions merged in."""
    patched = merge_patch(_load(OCDS_RELEASE_SCHEMA), _load(LOTS_PATCH))
    return merge_patch(patched, _load(SUSTAINABILITY_PATCH))


@functools.cache
def _ocds_validators(directory: Path) -> tuple[Draft4Validator, Draft4Validator]:
    package = _load(OCDS_PACKAGE_SCHEMA)
    release = patched_release_schema()
    registry = Registry().with_resources(
        [
            (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
            (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
        ]
    )
    return (
        Draft4Validator(package, registry=registry, format_checker=format_checker),
        Draft4Validator(release, registry=registry, format_checker=format_checker),
    )


def ocds_package_validator() -> Draft4Validator:
    """The validator of a release package whose releases follow the patched release schema."""
    return _ocds_validators(schemas_dir())[0]


def ocds_release_validator() -> Draft4Validator:
    return _ocds_validators(schemas_dir())[1]


def _codes(name: Path) -> tuple[str, ...]:
    ensure_schemas()
    with (schemas_dir() / name).open(encoding="utf-8", newline="") as handle:
        return tuple(row["Code"] for row in csv.DictReader(handle))


@functools.cache
def _codelists(directory: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _codes(SUSTAINABILITY_GOALS), _codes(SUSTAINABILITY_STRATEGIES)


def sustainability_goals() -> tuple[str, ...]:
    return _codelists(schemas_dir())[0]


def sustainability_strategies() -> tuple[str, ...]:
    """In the codelist's order, which the exports follow."""
    return _codelists(schemas_dir())[1]


# --- Messages ---------------------------------------------------------------------------------


def errors(validator, instance) -> list[str]:
    """The faults of `instance`, each as "path: message", in a stable order."""
    found = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(racine)'}: {error.message}"
        for error in found[:MAX_ERRORS]
    ]


def sustainability_errors(release: dict) -> list[str]:
    """Goals and strategies outside the extension's codelists (open codelists the schema does
    not check, but the exports promise them)."""
    goals, strategies = set(sustainability_goals()), set(sustainability_strategies())
    found = []
    entries = list(release.get("tender", {}).get("sustainability", []))
    for lot in release.get("tender", {}).get("lots", []):
        entries.extend(lot.get("sustainability", []))
    for entry in entries:
        if entry.get("goal") not in goals:
            found.append(f"tender/sustainability: goal {entry.get('goal')!r} not in the codelist")
        for strategy in entry.get("strategies", []):
            if strategy not in strategies:
                found.append(f"tender/sustainability: strategy {strategy!r} not in the codelist")
    return found
