"""How the OpenAPI description names the token authentication, and what drf-spectacular
cannot see of the API: the errors every endpoint may answer and the bounds of a push."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "jeton"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )


# Answers any operation may give, whatever its own: a page or an object that is not there
# (404), too many requests (429); a body refused (400, 413, 415) where there is a body.
_COMMON = {
    "404": "Inconnu, d'une autre organisation, ou page au-delà de la dernière.",
    "429": "Trop de requêtes : réessayez après le délai de l'en-tête Retry-After.",
}
_WITH_BODY = {
    "400": "Corps refusé : JSON mal formé, trop imbriqué, ou données non valides.",
    "413": "Corps de la requête trop volumineux.",
    "415": "Type de contenu non accepté : envoyez du JSON (application/json).",
}
_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def document_common_errors(result, generator, request, public):
    """drf-spectacular's last step: every operation documents the errors every endpoint of
    the API may answer, as JSON of `{"detail": …}` (api.errors), unless it documents them
    already."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", _ERROR)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            answers = dict(_COMMON)
            if method in ("post", "put", "patch"):
                answers.update(_WITH_BODY)
            responses = operation.setdefault("responses", {})
            if method in ("post", "put", "patch") and "400" in responses:
                # The operation's own 400 (its data refused), or the parser's (body refused).
                content = responses["400"].setdefault("content", {})
                own = content.get("application/json", {}).get("schema")
                if own is not None and own != error["application/json"]["schema"]:
                    content["application/json"] = {
                        "schema": {"oneOf": [own, error["application/json"]["schema"]]}
                    }
            for status, description in answers.items():
                responses.setdefault(status, {"description": description, "content": error})
    push = result.get("paths", {}).get("/api/v1/purchases/", {}).get("post")
    if push is not None:
        # A push holds 1 to API_PUSH_MAX_ITEMS lines (api.services.purchases_push).
        body = push["requestBody"]["content"]["application/json"]["schema"]
        body.update(minItems=1, maxItems=settings.API_PUSH_MAX_ITEMS)
    return result
