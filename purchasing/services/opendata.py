"""Writes of the open-data sub-domain: what a DECP export published for the first time, and
the INSEE code of a contract's place of execution (what the DECP prefers to its postcode)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clauses.models import Commune
from core.access import ensure
from core.history import history_save

from .. import access
from ..models import DecpRecord, Market, MarketStatus
from ..opendata.output import NewRecord
from .lifecycle import lock_market


def validate_place_insee_code(insee_code: str, postcode: str) -> None:
    """A code of a known commune, under the contract's postcode when it has one. Without the
    communes loaded (`manage.py load_communes`), only its format is checked (by the field)."""
    if not insee_code or not Commune.objects.exists():
        return
    communes = Commune.objects.filter(insee_code=insee_code)
    if not communes.exists():
        raise ValidationError(
            {
                "place_insee_code": _("Aucune commune n'a le code INSEE %(code)s.")
                % {"code": insee_code}
            }
        )
    if postcode and not communes.filter(postcode=postcode).exists():
        raise ValidationError(
            {
                "place_insee_code": _(
                    "La commune %(name)s (code INSEE %(code)s) n'a pas le code postal %(postcode)s "
                    "du lieu d'exécution."
                )
                % {"name": communes.first().name, "code": insee_code, "postcode": postcode}
            }
        )


def market_place_set_insee_code(*, actor: User, market: Market, insee_code: str) -> Market:
    """Give the place of execution its commune's INSEE code, at any stage of the contract but
    abandoned (a correction of its published data, as the DECP prefers this code)."""
    with transaction.atomic():
        market = lock_market(market)
        ensure(access.is_market_buyer(actor, market) and market.status != MarketStatus.ABANDONED)
        validate_place_insee_code(insee_code, market.place_postcode)
        market.place_insee_code = insee_code
        history_save(market, actor=actor, reason=_("Code commune INSEE du lieu d'exécution"))
    return market


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
