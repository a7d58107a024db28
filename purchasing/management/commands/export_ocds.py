"""`manage.py export_ocds --organisation SLUG --output FILE [--year YYYY]`."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts.management.options import organisation_named
from purchasing.opendata import ocds, validation
from purchasing.opendata.commands import move_into_place, refusal, year_argument
from purchasing.selectors import opendata as selectors

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Command(BaseCommand):
    help = (
        "Write the OCDS 1.1.5 release package (sustainability extension) of the organisation's "
        "published contracts, of one year of publication when given, validated against the "
        "official schemas. Exits 1 with the reasons when it cannot be made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--year", type=year_argument, default=None)
        parser.add_argument("--output", required=True, type=Path, help="The JSON file to write.")

    def handle(self, *args, organisation, year, output, **options):
        organisation = organisation_named(organisation)
        markets = selectors.ocds_markets(organisation=organisation, year=year)
        uri = settings.SITE_URL + reverse("purchasing:opendata-ocds")
        if year is not None:
            uri += f"?annee={year}"
        try:
            result = ocds.write(selectors.chunks(markets), organisation=organisation, uri=uri)
        except validation.SchemasUnavailable as error:
            raise CommandError(str(error)) from error
        if not result.ok:
            raise refusal(result, "Paquet OCDS non écrit.")
        move_into_place(result, output)
        if urlsplit(settings.SITE_URL).hostname in LOCAL_HOSTS:
            self.stderr.write(
                f"Attention : SITE_URL vaut {settings.SITE_URL} ; le paquet porte cette adresse "
                "(uri, publisher.uri). Réglez SITE_URL sur l'adresse publique du site."
            )
        if ocds.ocid_prefix_is_placeholder():
            self.stderr.write(
                f"Attention : OCDS_OCID_PREFIX vaut « {ocds.DEFAULT_OCID_PREFIX} », un préfixe "
                "provisoire ; demandez le vôtre à l'Open Contracting Partnership avant de publier."
            )
        self.stdout.write(self.style.SUCCESS(f"OCDS : {result.count} publication(s), {output}."))
