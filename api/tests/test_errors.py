"""Every answer under /api/ is JSON with a 4xx when the request is wrong: a body nested too
deep, too large or not JSON, an unknown id or address, a method the endpoint does not take."""

import pytest
from rest_framework.test import APIClient

from api.parsers import nesting_depth_exceeds
from api.tests.factories import token_client
from budgets.models import ImportBatch

pytestmark = pytest.mark.django_db

PUSH = "/api/v1/purchases/"


def post(client, body: bytes):
    return client.post(PUSH, data=body, content_type="application/json")


def test_a_body_nested_5000_levels_deep_is_refused_before_it_is_decoded(fanny):
    response = post(token_client(fanny), b"[" * 5000 + b"]" * 5000)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Le JSON envoyé imbrique plus de 32 niveaux de listes ou d'objets."
    }
    assert not ImportBatch.objects.exists()


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert not nesting_depth_exceeds(b'[{"description": "' + b"[" * 100 + b'"}]', 32)
    assert not nesting_depth_exceeds(b'["\\"[[[[[[", ' + b"[]," * 40 + b"[]]", 4)
    assert nesting_depth_exceeds(b"[" * 33 + b"]" * 33, 32)


def test_a_body_over_the_limit_is_refused_in_json(fanny, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    response = post(token_client(fanny), b"[" + b'"x",' * 1000 + b'"x"]')

    assert response.status_code == 413
    assert response.json() == {"detail": "Le corps de la requête dépasse 2000 octets."}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (
            b'[{"reference": "A"},\n {pas du json',
            "application/json",
            400,
            "Le corps de la requête n'est pas du JSON valide (ligne 2, colonne 3).",
        ),
        (
            b"\xff\xfe",
            "application/json",
            400,
            "Le corps de la requête n'est pas du JSON valide (UTF-8 attendu).",
        ),
        (
            b"NaN",
            "application/json",
            400,
            "Le corps de la requête n'est pas du JSON valide (NaN et Infinity n'en sont pas).",
        ),
        (b"a=b", "application/x-www-form-urlencoded", 415, None),
    ],
)
def test_a_body_that_is_not_json_is_refused_in_json(fanny, body, content_type, status, detail):
    response = token_client(fanny).post(PUSH, data=body, content_type=content_type)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    if detail is not None:
        assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/contracts/999999/",
        "/api/v1/contracts/abc/",
        "/api/v1/contracts/99999999999999999999999/",
        "/api/v1/inconnu/",
        "/api/v1/",
        "/api/inconnu",
    ],
)
def test_an_unknown_id_or_address_is_a_json_404(fanny, path):
    response = token_client(fanny).get(path)
    anonymous = APIClient().get(path)

    assert response.status_code == 404
    assert "detail" in response.json()
    # Anonymous: 401 where an endpoint is, 404 elsewhere; JSON either way.
    assert anonymous.status_code in (401, 404)
    assert anonymous["Content-Type"] == "application/json"


def test_an_address_without_its_final_slash_is_still_redirected(fanny):
    response = token_client(fanny).get("/api/v1/contracts?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/contracts/?page=2"


def test_a_method_an_endpoint_does_not_take_is_a_json_405(fanny):
    response = token_client(fanny).delete(PUSH)

    assert response.status_code == 405
    assert response.json() == {"detail": "Méthode «\xa0DELETE\xa0» non autorisée."}
