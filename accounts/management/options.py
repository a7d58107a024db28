"""Look-ups the commands of every app share; errors in French, like the pages."""

from django.core.management.base import CommandError

from accounts.models import Organisation


def organisation_named(slug: str) -> Organisation:
    """The organisation of a `--organisation SLUG` option, or the command stops with a message."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(f"Organisation inconnue : « {slug} ».")
    return organisation
