"""Checks before publication: what the consolidators of French public-procurement data
(decp-processing, decp.info) flag after the fact, flagged here before the file is published,
per contract, so that the buyer can correct it first. They never stop the file: a flag says
"look again", not "this is wrong" (the gaps that do stop it are `decp.gaps`).

- **Late publication**: the essential data are due within two months of the notification
  (Code de la commande publique, art. R2196-1, since 1 January 2024). A record is flagged when
  its first publication (or today, for a record not published yet) comes more than two months
  after its notification.
- **Amount far from its peers**: the peers of a contract are the organisation's other awarded
  contracts of the same CPV division (the code's first two digits) and the same procedure. With
  at least `MIN_PEERS` of them, an amount above `FAR_FACTOR` times their median, or below the
  median divided by `FAR_FACTOR`, is flagged with the figures: typing errors (a missing or an
  extra zero, euros for thousands) are what such a gap usually is.

- **Place of execution as a postcode**: the schema prefers the commune's INSEE code. A record
  whose contract has only a postcode is flagged, with the communes of that postcode
  (`clauses.Commune`, loaded with `manage.py load_communes`) offered to choose from.

The CPV code is written without its check digit, as the schema prefers (`decp`), so it needs no
flag; the SIRET keys are checked where a SIRET is typed (`core.siret.is_valid`)."""

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PUBLICATION_DELAY_MONTHS = 2
MIN_PEERS = 5
FAR_FACTOR = Decimal(10)


class Check:
    LATE = "late"
    AMOUNT = "amount"
    PLACE = "place"


@dataclass(frozen=True)
class Flag:
    market_id: int
    reference: str
    title: str
    check: str
    message: str
    lot_id: int | None = None
    # (INSEE code, name) of the communes offered for the place of execution.
    offers: tuple[tuple[str, str], ...] = ()


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def late(*, notified_on: datetime.date, published_on: datetime.date) -> bool:
    return published_on > months_later(notified_on, PUBLICATION_DELAY_MONTHS)


def _euros(amount: Decimal) -> str:
    return f"{amount:,.0f}".replace(",", "\u202f") + " €"


@dataclass(frozen=True)
class Peers:
    count: int
    median: Decimal


def peers_of(amounts: list[Decimal]) -> Peers | None:
    if len(amounts) < MIN_PEERS:
        return None
    return Peers(count=len(amounts), median=Decimal(statistics.median(amounts)))


def far_from(amount: Decimal, peers: Peers) -> bool:
    return amount > peers.median * FAR_FACTOR or amount * FAR_FACTOR < peers.median


def late_message(*, notified_on, published_on, first: bool) -> str:
    when = "publiées" if not first else "publiées pour la première fois"
    return (
        f"Données {when} le {published_on:%d/%m/%Y}, plus de {PUBLICATION_DELAY_MONTHS} mois "
        f"après la notification du {notified_on:%d/%m/%Y} (art. R2196-1 : deux mois au plus)."
    )


def amount_message(*, amount: Decimal, peers: Peers, division: str, procedure: str) -> str:
    ratio = amount / peers.median if peers.median else Decimal(0)
    direction = f"{ratio:.0f} fois" if ratio >= 1 else f"1/{(1 / ratio):.0f}"
    return (
        f"Montant de {_euros(amount)}, {direction} la médiane ({_euros(peers.median)}) des "
        f"{peers.count} autres marchés de la division CPV {division} passés en « {procedure} » : "
        "vérifiez le montant attribué."
    )


def place_message(*, postcode: str, offers: tuple[tuple[str, str], ...]) -> str:
    if not offers:
        return _(
            "Lieu d'exécution donné par son code postal %(postcode)s : les données essentielles "
            "préfèrent le code commune INSEE, et aucune commune connue n'a ce code postal "
            "(renseignez le code INSEE dans la définition du besoin)."
        ) % {"postcode": postcode}
    return ngettext(
        "Lieu d'exécution donné par son code postal %(postcode)s : les données essentielles "
        "préfèrent le code commune INSEE, celui de %(communes)s.",
        "Lieu d'exécution donné par son code postal %(postcode)s : les données essentielles "
        "préfèrent le code commune INSEE, celui de l'une des communes de ce code postal : "
        "%(communes)s.",
        len(offers),
    ) % {
        "postcode": postcode,
        "communes": ", ".join(f"{name} ({code})" for code, name in offers),
    }
