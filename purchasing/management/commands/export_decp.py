"""`manage.py export_decp --organisation SLUG --year YYYY --output FILE`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.management.options import organisation_named
from purchasing.opendata import decp, validation
from purchasing.opendata.commands import move_into_place, refusal, year_argument
from purchasing.selectors import opendata as selectors
from purchasing.services import opendata as opendata_services


class Command(BaseCommand):
    help = (
        "Write the DECP file (2024 format) of the organisation's contracts first notified in the "
        "year and awarded for 40,000 EUR excl. VAT or more, validated against the official "
        "schema. Exits 1 with the contracts and fields to complete when it cannot be made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--year", required=True, type=year_argument)
        parser.add_argument("--output", required=True, type=Path, help="The JSON file to write.")

    def handle(self, *args, organisation, year, output, **options):
        organisation = organisation_named(organisation)
        markets = selectors.decp_markets(organisation=organisation, year=year)
        try:
            result = decp.write(selectors.chunks(markets))
        except validation.SchemasUnavailable as error:
            raise CommandError(str(error)) from error
        if not result.ok:
            raise refusal(
                result,
                f"Fichier DECP {year} non écrit : des marchés sont à compléter.",
            )
        move_into_place(result, output)
        # Published once written: later files keep these identifiers and dates.
        opendata_services.decp_records_store(actor=None, records=result.new_records)
        self.stdout.write(
            self.style.SUCCESS(
                f"DECP {year} : {result.count} enregistrement(s) (un par marché, un par lot "
                f"d'un marché alloti), {output}."
            )
        )
