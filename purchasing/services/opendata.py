"""Writes of the open-data sub-domain: what a DECP export published for the first time."""

from collections.abc import Iterable

from django.db import transaction

from core.access import ensure

from .. import access
from ..models import DecpRecord
from ..opendata.output import NewRecord


def decp_records_store(*, actor, records: Iterable[NewRecord]) -> int:
    """Keep the identifier and the date of the records a DECP file published for the first
    time, so that every later file gives them the same (`actor` None for a command run by the
    administrator of the server). A record stored meanwhile by another export keeps its own.
    Returns how many were stored."""
    if actor is not None:
        ensure(access.can_export_open_data(actor))
    rows = [
        DecpRecord(
            organisation_id=record.organisation_id,
            market_id=record.market_id,
            lot_number=record.lot_number,
            record_id=record.record_id,
            first_published_on=record.first_published_on,
        )
        for record in records
        if record.is_new
    ]
    with transaction.atomic():
        before = DecpRecord.objects.filter(market_id__in={row.market_id for row in rows}).count()
        DecpRecord.objects.bulk_create(rows, ignore_conflicts=True)
        after = DecpRecord.objects.filter(market_id__in={row.market_id for row in rows}).count()
    return after - before
