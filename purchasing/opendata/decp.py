"""The DECP file ("données essentielles de la commande publique", 2024 format,
`schema_decp_v2.0.3.json`): the contracts of an organisation first notified in a year and
awarded for 40,000 € HT or more, one entry of `marches.marche` per contract.

What the contract gives: `id` (its reference), `acheteur.id` (the SIRET of the organisation,
or of the coordinating member for a purchasing group's contract), `objet`, `codeCPV`,
`procedure`, `dureeMois`, `lieuExecution` (postcode, typeCode « Code postal »), `montant` (sum
of the awards), `dateNotification` (the earliest award notification), `titulaires` (the
suppliers' SIRET, each once), `techniques` (« Accord-cadre » for a framework agreement or a
subsequent contract), `offresRecues` (the awarded lots: each had at least its winning offer)
and the considerations (`purchasing.rules.decp_considerations`: clauses, criteria, reserved
contract).

What the application does not record yet, with the value written and why (each one a field
the buyer would give, see the README):
- `nature` « Marché » (the partnership and defence contracts are not handled);
- `modalitesExecution` « Sans objet » (order forms or subsequent contracts are not recorded);
- `formePrix` « Unitaire » for a framework agreement (priced per unit ordered), « Forfaitaire »
  otherwise; `typesPrix` « Définitif ferme » up to 12 months, « Définitif révisable » beyond;
- `ccag` « Travaux » for CPV division 45, « Techniques de l'information et de la
  communication » for divisions 30, 48, 72, otherwise « Fournitures courantes et services »;
- `marcheInnovant`, `attributionAvance`, `sousTraitanceDeclaree` false,
  `typeGroupementOperateurs` « Pas de groupement » (one supplier per lot);
- `datePublicationDonnees`: the day the file is made."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.validators import validate_siret

from .. import rules
from ..models import Award, Market, MarketNature
from . import validation
from .output import ExportFile, Gap, Missing, Problem, dumps, json_number, refuse, temporary_file

NATURE = "Marché"
FRAMEWORK_NATURES = (MarketNature.FRAMEWORK, MarketNature.SUBSEQUENT)
WORKS_CPV_DIVISIONS = ("45",)
IT_CPV_DIVISIONS = ("30", "48", "72")
REVISABLE_AFTER_MONTHS = 12


def award_of(lot) -> Award | None:
    try:
        return lot.award
    except Award.DoesNotExist:
        return None


def _siret_valid(value: str | None) -> bool:
    if not value:
        return False
    try:
        validate_siret(value)
    except ValidationError:
        return False
    return True


def gaps(market: Market) -> list[Missing]:
    """The fields the DECP entry needs and the contract lacks (or holds wrong)."""
    found = []
    if not _siret_valid(market.buyer_org_siret):
        found.append(Missing(Gap.BUYER_SIRET, organisation_id=market.buyer_org_pk))
    if market.main_cpv_id is None:
        found.append(Missing(Gap.CPV))
    if not market.nature:
        found.append(Missing(Gap.NATURE))
    if not market.procedure:
        found.append(Missing(Gap.PROCEDURE))
    if not market.duration_months:
        found.append(Missing(Gap.DURATION))
    if not (len(market.place_postcode) == 5 and market.place_postcode.isdigit()):
        found.append(Missing(Gap.PLACE))
    for lot in market.lots.all():
        award = award_of(lot)
        if award is not None and not _siret_valid(award.supplier.siret):
            found.append(Missing(Gap.SUPPLIER_SIRET, lot_id=lot.pk, lot_number=lot.number))
    return found


def _ccag(cpv_code: str) -> str:
    division = cpv_code[:2]
    if division in WORKS_CPV_DIVISIONS:
        return "Travaux"
    if division in IT_CPV_DIVISIONS:
        return "Techniques de l'information et de la communication"
    return "Fournitures courantes et services"


def marche(market: Market, *, published_on: datetime.date) -> dict:
    """The DECP entry of a contract without gaps (annotated and prefetched by
    `selectors.decp_markets`)."""
    lots = list(market.lots.all())
    awards = [award for award in (award_of(lot) for lot in lots) if award is not None]
    suppliers = list(dict.fromkeys(award.supplier.siret for award in awards))
    considerations = rules.decp_considerations(
        clauses=market.clauses.all(),
        criteria=[criterion for lot in lots for criterion in lot.criteria.all()],
    )
    framework = market.nature in FRAMEWORK_NATURES
    return {
        "id": market.reference,
        "acheteur": {"id": market.buyer_org_siret},
        "nature": NATURE,
        "objet": market.title,
        "codeCPV": market.main_cpv.code,
        "techniques": {"technique": ["Accord-cadre" if framework else "Sans objet"]},
        "modalitesExecution": {"modaliteExecution": ["Sans objet"]},
        "marcheInnovant": False,
        "ccag": _ccag(market.main_cpv.code),
        "offresRecues": max(1, len(awards)),
        "attributionAvance": False,
        "typeGroupementOperateurs": "Pas de groupement",
        "sousTraitanceDeclaree": False,
        "procedure": market.procedure,
        "lieuExecution": {"code": market.place_postcode, "typeCode": "Code postal"},
        "dureeMois": market.duration_months,
        "dateNotification": market.first_notified_on.isoformat(),
        "datePublicationDonnees": published_on.isoformat(),
        "montant": json_number(market.awarded_amount),
        "typesPrix": {
            "typePrix": [
                "Définitif révisable"
                if market.duration_months > REVISABLE_AFTER_MONTHS
                else "Définitif ferme"
            ]
        },
        "formePrix": "Unitaire" if framework else "Forfaitaire",
        "titulaires": [
            {"titulaire": {"typeIdentifiant": "SIRET", "id": siret}} for siret in suppliers
        ],
        "considerationsSociales": {"considerationSociale": considerations.social},
        "considerationsEnvironnementales": {
            "considerationEnvironnementale": considerations.environmental
        },
    }


def problems(markets: Iterable[Market]) -> list[Problem]:
    """The contracts of the file with gaps (read the same way as for the file)."""
    found = []
    for market in markets:
        missing = gaps(market)
        if missing:
            found.append(_problem(market, missing))
    return found


def _problem(market: Market, missing: list[Missing]) -> Problem:
    return Problem(
        market_id=market.pk,
        reference=market.reference,
        title=market.title,
        status=market.status,
        missing=missing,
    )


def write(markets: Iterable[Market], *, published_on: datetime.date | None = None) -> ExportFile:
    """The DECP file of these contracts (`selectors.decp_markets`), checked entry by entry.

    Raises `validation.SchemasUnavailable` when the schema cannot be read."""
    published_on = published_on or timezone.localdate()
    envelope_errors = validation.errors(validation.decp_validator(), {"marches": {"marche": []}})
    entry_validator = validation.decp_marche_validator()
    handle = temporary_file()
    result = ExportFile(handle=handle, errors=envelope_errors)
    handle.write(b'{"marches":{"marche":[')
    for market in markets:
        missing = gaps(market)
        if missing:
            result.problems.append(_problem(market, missing))
            continue
        if result.problems:
            # The file is refused: only the gaps of the remaining contracts matter now.
            continue
        entry = marche(market, published_on=published_on)
        faults = validation.errors(entry_validator, entry)
        if faults:
            result.errors.extend(f"{market.reference}: {fault}" for fault in faults)
            continue
        handle.write(b"\n" if result.count == 0 else b",\n")
        handle.write(dumps(entry).encode())
        result.count += 1
    handle.write(b"\n]}}\n")
    if result.problems or result.errors:
        return refuse(handle, result)
    handle.seek(0)
    return result
