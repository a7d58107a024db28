"""The one parser of the API's bodies: JSON, at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes and
API_JSON_MAX_DEPTH levels of nesting, both checked before the body is decoded (Python's json
module recurses once per level: "[" * 5000 exhausts the interpreter's stack)."""

import io
import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError

# A string (its brackets do not count), or a bracket.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_OPENING = frozenset(b"[{")
_CLOSING = frozenset(b"]}")


class BodyTooLarge(APIException):
    status_code = 413
    default_code = "body_too_large"

    def __init__(self):
        super().__init__(
            _("Le corps de la requête dépasse %(max)s octets.")
            % {"max": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )


def nesting_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` anywhere in `body`."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for token in _TOKEN.finditer(body):
        character = body[token.start()]
        if character in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif character in _CLOSING:
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise BodyTooLarge()
        depth = settings.API_JSON_MAX_DEPTH
        if nesting_depth_exceeds(body, depth):
            raise ParseError(
                _("Le JSON envoyé imbrique plus de %(max)d niveaux de listes ou d'objets.")
                % {"max": depth}
            )
        try:
            return super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("Le JSON envoyé est trop imbriqué.")) from error
        except ParseError as error:
            raise ParseError(not_json_message(error.__context__)) from error


def not_json_message(cause) -> str:
    """What is wrong with a body that is not JSON, in French, with the place when known."""
    if isinstance(cause, json.JSONDecodeError):
        return _(
            "Le corps de la requête n'est pas du JSON valide (ligne %(line)d, colonne %(column)d)."
        ) % {"line": cause.lineno, "column": cause.colno}
    if isinstance(cause, UnicodeDecodeError):
        return _("Le corps de la requête n'est pas du JSON valide (UTF-8 attendu).")
    # NaN and Infinity: numbers that JSON does not have.
    return _("Le corps de la requête n'est pas du JSON valide (NaN et Infinity n'en sont pas).")
