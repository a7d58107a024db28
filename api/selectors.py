"""Reads of the API app: a person's tokens."""

from django.db.models import QuerySet

from .models import ApiToken


def token_list(*, user) -> QuerySet[ApiToken]:
    """The person's tokens, newest first (expired ones included until they are cleaned up)."""
    return ApiToken.objects.filter(user=user).order_by("-created", "token_key")
