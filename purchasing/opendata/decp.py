"""The DECP file ("données essentielles de la commande publique", 2024 format,
`schema_decp_v2.0.3.json`): the contracts of an organisation first notified in a year and
awarded for 40,000 € HT or more. A contract with one lot is one entry of `marches.marche`; an
allotted contract is one entry per awarded lot (the schema's `objet` is « du marché ou du
lot »), each with the amount, the holder and the notification date of its lot.

Identifiers (`id`, 16 characters at most): the contract's reference; for a lot, the reference,
a hyphen and the lot number (`2026-ROU-0012-2`). When that is longer than 16 characters, the
reference loses characters at its start, where references repeat the year and the service, so
that its serial number stays (`2026-ROU-DSI-042`, lot 2 → `26-ROU-DSI-042-2`). The identifier
given at the first publication is kept (`DecpRecord`), and two records of a file never share
one (the contract is then refused, to be given a shorter reference).

What the contract gives: `acheteur.id` (the SIRET of the organisation, or of the coordinating
member for a purchasing group's contract), `objet`, `codeCPV` (its eight digits, without the
check digit the schema asks to omit), `procedure`, `dureeMois`, `lieuExecution` (the commune's
INSEE code, « Code commune », which the schema prefers; else the postcode, « Code postal »),
`montant` (the awards), `dateNotification` (the earliest notification), `titulaires` (the
suppliers' SIRET, each once), `techniques` (« Accord-cadre » for a framework agreement or a
subsequent contract), `offresRecues` (the awarded lots: each had at least its winning offer) and
the considerations (`purchasing.rules.decp_considerations`: clauses, criteria, reserved
contract; for a lot, those of the whole contract and its own).
`datePublicationDonnees` is the day the record was first published (`DecpRecord`), the day of
the export for a record published for the first time.

What the application does not record yet, with the value written and why (each one a field
the buyer would give, see the README):
- `nature` « Marché » (the partnership and defence contracts are not handled);
- `modalitesExecution` « Sans objet » (order forms or subsequent contracts are not recorded);
- `formePrix` « Unitaire » for a framework agreement (priced per unit ordered), « Forfaitaire »
  otherwise; `typesPrix` « Définitif ferme » up to 12 months, « Définitif révisable » beyond;
- `ccag` « Travaux » for CPV division 45, « Techniques de l'information et de la
  communication » for divisions 30, 48, 72, otherwise « Fournitures courantes et services »;
- `marcheInnovant`, `attributionAvance`, `sousTraitanceDeclaree` false,
  `typeGroupementOperateurs` « Pas de groupement »: true of each record, as a lot is awarded to
  one supplier (the winners of different lots are separate records, never a group)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.validators import validate_siret

from .. import rules
from ..models import WHOLE_CONTRACT, Award, Market, MarketNature
from . import validation
from .output import (
    ExportFile,
    Gap,
    Missing,
    NewRecord,
    Problem,
    dumps,
    json_number,
    refuse,
    temporary_file,
)

NATURE = "Marché"
FRAMEWORK_NATURES = (MarketNature.FRAMEWORK, MarketNature.SUBSEQUENT)
WORKS_CPV_DIVISIONS = ("45",)
IT_CPV_DIVISIONS = ("30", "48", "72")
REVISABLE_AFTER_MONTHS = 12
ID_MAX_LENGTH = 16


def record_id(reference: str, lot_number: int) -> str:
    """The DECP identifier of a record: the reference, or for a lot of an allotted contract the
    reference, « - » and the lot number, the reference shortened at its start to fit 16."""
    if lot_number == WHOLE_CONTRACT:
        return reference[-ID_MAX_LENGTH:]
    suffix = f"-{lot_number}"
    return reference[-(ID_MAX_LENGTH - len(suffix)) :] + suffix


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
    if not market.place_insee_code and not (
        len(market.place_postcode) == 5 and market.place_postcode.isdigit()
    ):
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


def _place(market: Market) -> dict:
    """The commune's INSEE code, which the schema prefers, else the postcode."""
    if market.place_insee_code:
        return {"code": market.place_insee_code, "typeCode": "Code commune"}
    return {"code": market.place_postcode, "typeCode": "Code postal"}


def _base(market: Market) -> dict:
    framework = market.nature in FRAMEWORK_NATURES
    return {
        "acheteur": {"id": market.buyer_org_siret},
        "nature": NATURE,
        "codeCPV": market.main_cpv.code.split("-")[0],
        "techniques": {"technique": ["Accord-cadre" if framework else "Sans objet"]},
        "modalitesExecution": {"modaliteExecution": ["Sans objet"]},
        "marcheInnovant": False,
        "ccag": _ccag(market.main_cpv.code),
        "attributionAvance": False,
        # One supplier per lot: the holders of a record never form a group.
        "typeGroupementOperateurs": "Pas de groupement",
        "sousTraitanceDeclaree": False,
        "procedure": market.procedure,
        "lieuExecution": _place(market),
        "dureeMois": market.duration_months,
        "typesPrix": {
            "typePrix": [
                "Définitif révisable"
                if market.duration_months > REVISABLE_AFTER_MONTHS
                else "Définitif ferme"
            ]
        },
        "formePrix": "Unitaire" if framework else "Forfaitaire",
    }


def _entry(market, *, key, title, awards, clauses, criteria, published_on) -> dict:
    suppliers = list(dict.fromkeys(award.supplier.siret for award in awards))
    considerations = rules.decp_considerations(clauses=clauses, criteria=criteria)
    base = _base(market)
    return {
        "id": key,
        "acheteur": base.pop("acheteur"),
        "nature": base.pop("nature"),
        "objet": title,
        "codeCPV": base.pop("codeCPV"),
        **{name: base[name] for name in ("techniques", "modalitesExecution", "marcheInnovant")},
        "ccag": base["ccag"],
        "offresRecues": max(1, len(awards)),
        **{
            name: base[name]
            for name in (
                "attributionAvance",
                "typeGroupementOperateurs",
                "sousTraitanceDeclaree",
                "procedure",
                "lieuExecution",
                "dureeMois",
            )
        },
        "dateNotification": min(award.notified_on for award in awards).isoformat(),
        "datePublicationDonnees": published_on.isoformat(),
        "montant": json_number(sum(award.amount for award in awards)),
        "typesPrix": base["typesPrix"],
        "formePrix": base["formePrix"],
        "titulaires": [
            {"titulaire": {"typeIdentifiant": "SIRET", "id": siret}} for siret in suppliers
        ],
        "considerationsSociales": {"considerationSociale": considerations.social},
        "considerationsEnvironnementales": {
            "considerationEnvironnementale": considerations.environmental
        },
    }


def records(market: Market, *, today: datetime.date) -> list[tuple[NewRecord, dict]]:
    """The DECP entries of a contract without gaps (annotated and prefetched by
    `selectors.decp_markets`): one for a contract with one lot, one per awarded lot of an
    allotted contract; each with what its first publication stored (or stores: `NewRecord`)."""
    lots = list(market.lots.all())
    clauses = list(market.clauses.all())
    published = {record.lot_number: record for record in market.decp_records.all()}

    def stored(lot_number: int) -> NewRecord:
        record = published.get(lot_number)
        if record is not None:
            return NewRecord(
                market.pk,
                market.buyer_org_pk,
                lot_number,
                record.record_id,
                record.first_published_on,
                is_new=False,
            )
        return NewRecord(
            market.pk,
            market.buyer_org_pk,
            lot_number,
            record_id(market.reference, lot_number),
            today,
        )

    if len(lots) <= 1:
        awards = [award for award in (award_of(lot) for lot in lots) if award is not None]
        record = stored(WHOLE_CONTRACT)
        entry = _entry(
            market,
            key=record.record_id,
            title=market.title,
            awards=awards,
            clauses=clauses,
            criteria=[criterion for lot in lots for criterion in lot.criteria.all()],
            published_on=record.first_published_on,
        )
        return [(record, entry)]
    found = []
    for lot in lots:
        award = award_of(lot)
        if award is None:
            continue
        record = stored(lot.number)
        entry = _entry(
            market,
            key=record.record_id,
            title=f"{market.title} — lot {lot.number} : {lot.title}"[:1000],
            awards=[award],
            clauses=[clause for clause in clauses if clause.lot_id in (None, lot.pk)],
            criteria=list(lot.criteria.all()),
            published_on=record.first_published_on,
        )
        found.append((record, entry))
    return found


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


def write(markets: Iterable[Market], *, today: datetime.date | None = None) -> ExportFile:
    """The DECP file of these contracts (`selectors.decp_markets`), checked entry by entry;
    `result.new_records` are the records published for the first time, for the caller to
    store once the file is handed out (`services.opendata.decp_records_store`).

    Raises `validation.SchemasUnavailable` when the schema cannot be read."""
    today = today or timezone.localdate()
    taken: dict[str, str] = {}
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
        for record, entry in records(market, today=today):
            owner = taken.setdefault(record.record_id, market.reference)
            if owner != market.reference or record.record_id in result.written_ids:
                result.errors.append(
                    f"{market.reference}: l'identifiant DECP {record.record_id} est déjà celui "
                    f"d'un autre enregistrement ({owner}) : donnez au marché une référence "
                    "plus courte."
                )
                continue
            faults = validation.errors(entry_validator, entry)
            if faults:
                result.errors.extend(f"{record.record_id}: {fault}" for fault in faults)
                continue
            handle.write(b"\n" if result.count == 0 else b",\n")
            handle.write(dumps(entry).encode())
            result.written_ids.add(record.record_id)
            result.count += 1
            if record.is_new:
                result.new_records.append(record)
    handle.write(b"\n]}}\n")
    if result.problems or result.errors:
        return refuse(handle, result)
    handle.seek(0)
    return result
