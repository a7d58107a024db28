"""The OCDS 1.1.5 release package of an organisation's public contracts, one release per
contract, with the sustainability extension (and the lots extension's `tender.lots`,
`items.relatedLot` and `awards.relatedLots`).

- `ocid`: the prefix of the setting `OCDS_OCID_PREFIX`, the organisation's SIRET and the
  contract's number in the application, so that it never changes.
- parties: the buyer (the organisation, or the coordinating member of a purchasing group),
  roles buyer and procuringEntity, identified by its SIRET; each supplier, roles supplier and
  tenderer.
- tender: reference, title, status, procurement method (from the DECP procedure, whose French
  name is kept in `procurementMethodDetails`), main category (from the CPV division), one item
  per lot classified with the main CPV code (the others as additional classifications),
  estimated value, lots, award criteria (priceOnly, costOnly or ratedCriteria, the weights of
  each lot in `awardCriteriaDetails`).
- `tender.hasSustainability`: true exactly when the contract has an applied clause (every
  library clause maps to a goal of the extension's codelist) or a social or environmental
  award criterion. `tender.sustainability[]` gathers, per goal, the strategies: those of the
  clause versions (or, when a version gives none, the one its kind is: execution condition →
  contractPerformanceConditions…), awardCriteria for the criteria. Lots carry those of their
  own clauses and criteria.
- awards and contracts: one per awarded lot, with the notification date."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation

from clauses.models import ClauseKind, OcdsSustainabilityGoal, OcdsSustainabilityStrategy

from ..models import CriterionKind, Market, MarketStatus, Procedure
from . import schemas, validation
from .decp import award_of
from .output import ExportFile, dumps, json_number, refuse, temporary_file

DEFAULT_OCID_PREFIX = "ocds-achats"
OCDS_VERSION = "1.1"
CURRENCY = "EUR"
IDENTIFIER_SCHEME = "FR-SIRET"
LICENSE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
# Versioned, never `master`: with `master`, the lots extension refers to definitions OCDS 1.1.5
# lacks and the Data Review Tool silently skips it.
EXTENSIONS = [schemas.LOTS_EXTENSION_URL, schemas.SUSTAINABILITY_EXTENSION_URL]
PROCUREMENT_METHODS = {
    Procedure.ADAPTED: "open",
    Procedure.OPEN_TENDER: "open",
    Procedure.RESTRICTED_TENDER: "selective",
    Procedure.NEGOTIATED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.WITHOUT_COMPETITION: "limited",
}
# The strategy a clause pursues by its kind, when its version names none.
KIND_STRATEGIES = {
    ClauseKind.TECHNICAL_SPECIFICATION: OcdsSustainabilityStrategy.TECHNICAL_SPECIFICATIONS,
    ClauseKind.SELECTION_CRITERION: OcdsSustainabilityStrategy.SELECTION_CRITERIA,
    ClauseKind.AWARD_CRITERION: OcdsSustainabilityStrategy.AWARD_CRITERIA,
    ClauseKind.EXECUTION_CONDITION: OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS,
    ClauseKind.RESERVED_CONTRACT: OcdsSustainabilityStrategy.RESERVED_PARTICIPATION,
}
CRITERION_GOALS = {
    CriterionKind.ENVIRONMENTAL: OcdsSustainabilityGoal.ENVIRONMENTAL,
    CriterionKind.SOCIAL: OcdsSustainabilityGoal.SOCIAL,
}
TENDER_STATUS = {
    MarketStatus.PUBLISHED: "active",
    MarketStatus.AWARDED: "complete",
    MarketStatus.IN_EXECUTION: "complete",
    MarketStatus.CLOSED: "complete",
    MarketStatus.ABANDONED: "cancelled",
}


def ocid_prefix() -> str:
    return getattr(settings, "OCDS_OCID_PREFIX", DEFAULT_OCID_PREFIX)


def ocid_prefix_is_placeholder() -> bool:
    """True while the prefix is the default one: the OCP registers each publisher's own."""
    return ocid_prefix() == DEFAULT_OCID_PREFIX


def _datetime(date: datetime.date) -> str:
    """A date as the schema's date-time: midnight, in the application's time zone."""
    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))
    return moment.isoformat()


def _value(amount) -> dict:
    return {"amount": json_number(amount), "currency": CURRENCY}


def _party_id(siret: str) -> str:
    return f"{IDENTIFIER_SCHEME}-{siret}"


def main_category(cpv_code: str | None) -> str | None:
    """goods for CPV divisions 03 to 44 and 48, works for 45, services beyond."""
    if not cpv_code:
        return None
    division = int(cpv_code[:2])
    if division == 45:
        return "works"
    if division < 45 or division == 48:
        return "goods"
    return "services"


def _classification(cpv) -> dict:
    return {"scheme": "CPV", "id": cpv.code, "description": cpv.label}


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> list[str]:
    rank = {code: index for index, code in enumerate(order)}
    return sorted(set(values), key=lambda code: (rank.get(code, len(rank)), code))


def sustainability(clauses, criteria) -> list[dict]:
    """The `sustainability` entries of these applied clauses and award criteria: one per goal,
    with every strategy used for it (empty when none has a goal)."""
    strategies: dict[str, set[str]] = {}
    for clause in clauses:
        version = clause.clause_version
        if not version.ocds_goal:
            continue
        chosen = list(version.ocds_strategies) or [KIND_STRATEGIES[version.kind]]
        strategies.setdefault(version.ocds_goal, set()).update(str(s) for s in chosen)
    for criterion in criteria:
        goal = CRITERION_GOALS.get(criterion.kind)
        if goal is not None:
            strategies.setdefault(str(goal), set()).add(
                str(OcdsSustainabilityStrategy.AWARD_CRITERIA)
            )
    goals_order = tuple(OcdsSustainabilityGoal.values)
    strategies_order = tuple(OcdsSustainabilityStrategy.values)
    return [
        {"goal": goal, "strategies": _ordered(strategies[goal], strategies_order)}
        for goal in _ordered(strategies, goals_order)
    ]


def _award_criteria(lots) -> tuple[str | None, str | None]:
    kinds = {criterion.kind for lot in lots for criterion in lot.criteria.all()}
    if not kinds:
        return None, None
    if kinds == {CriterionKind.PRICE}:
        method = "priceOnly"
    elif kinds == {CriterionKind.COST}:
        method = "costOnly"
    else:
        method = "ratedCriteria"
    details = " ; ".join(
        f"Lot {lot.number} : "
        + ", ".join(f"{c.get_kind_display()} {c.weight} %" for c in lot.criteria.all())
        for lot in lots
        if lot.criteria.all()
    )
    return method, details


def _buyer_party(market: Market) -> dict:
    siret = market.buyer_org_siret
    return {
        "id": _party_id(siret),
        "name": market.buyer_org_name,
        "identifier": {
            "scheme": IDENTIFIER_SCHEME,
            "id": siret,
            "legalName": market.buyer_org_name,
        },
        "address": {
            "streetAddress": market.buyer_org_address,
            "postalCode": market.buyer_org_postcode,
            "locality": market.buyer_org_city,
            "countryName": "France",
        },
        "roles": ["buyer", "procuringEntity"],
    }


def release(market: Market) -> dict:
    """The release of one contract (annotated and prefetched by `selectors.ocds_markets`)."""
    lots = list(market.lots.all())
    clauses = list(market.clauses.all())
    criteria = [criterion for lot in lots for criterion in lot.criteria.all()]
    awarded = [(lot, award) for lot in lots if (award := award_of(lot)) is not None]
    buyer = _buyer_party(market)
    parties = [buyer]
    for _lot, award in awarded:
        supplier = award.supplier
        if all(party["id"] != _party_id(supplier.siret) for party in parties):
            parties.append(
                {
                    "id": _party_id(supplier.siret),
                    "name": supplier.name,
                    "identifier": {
                        "scheme": IDENTIFIER_SCHEME,
                        "id": supplier.siret,
                        "legalName": supplier.name,
                    },
                    "roles": ["supplier", "tenderer"],
                }
            )

    tender = {"id": market.reference, "title": market.title}
    if market.description:
        tender["description"] = market.description
    if market.status in TENDER_STATUS:
        tender["status"] = TENDER_STATUS[market.status]
    tender["procuringEntity"] = {"id": buyer["id"], "name": buyer["name"]}
    if market.procedure:
        tender["procurementMethod"] = PROCUREMENT_METHODS[market.procedure]
        tender["procurementMethodDetails"] = market.procedure
    category = main_category(market.main_cpv.code if market.main_cpv else None)
    if category:
        tender["mainProcurementCategory"] = category
    if market.estimated_amount is not None:
        tender["value"] = _value(market.estimated_amount)
    method, details = _award_criteria(lots)
    if method:
        tender["awardCriteria"] = method
        tender["awardCriteriaDetails"] = details
    period = {}
    if market.published_on:
        period["startDate"] = _datetime(market.published_on)
    if market.tender_deadline:
        period["endDate"] = timezone.localtime(market.tender_deadline).isoformat()
    if period:
        tender["tenderPeriod"] = period
    items = []
    extra = [_classification(cpv) for cpv in market.extra_cpvs.all()]
    for lot in lots or [None]:
        item = {
            "id": str(lot.number) if lot else "1",
            "description": lot.title if lot else market.title,
        }
        if market.main_cpv:
            item["classification"] = _classification(market.main_cpv)
        if extra:
            item["additionalClassifications"] = extra
        if lot:
            item["relatedLot"] = str(lot.number)
        items.append(item)
    tender["items"] = items
    if lots:
        tender["lots"] = [_lot_data(lot, clauses, market) for lot in lots]
    entries = sustainability(clauses, criteria)
    tender["hasSustainability"] = bool(entries)
    if entries:
        tender["sustainability"] = entries

    awards, contracts = [], []
    for lot, award in awarded:
        award_id = f"{market.reference}-{lot.number}"
        awards.append(
            {
                "id": award_id,
                "title": lot.title,
                "status": "active",
                "date": _datetime(award.notified_on),
                "value": _value(award.amount),
                "suppliers": [{"id": _party_id(award.supplier.siret), "name": award.supplier.name}],
                "relatedLots": [str(lot.number)],
            }
        )
        contracts.append(
            {
                "id": award_id,
                "awardID": award_id,
                "title": lot.title,
                "status": "terminated" if market.status == MarketStatus.CLOSED else "active",
                "value": _value(award.amount),
                "period": {"startDate": _datetime(award.notified_on)},
            }
        )

    tag, date = _tag_and_date(market, awarded)
    ocid = f"{ocid_prefix()}-{market.organisation.siret}-{market.pk}"
    data = {
        "ocid": ocid,
        "id": f"{ocid}-{tag[-1]}-{date:%Y%m%d}",
        "date": _datetime(date),
        "tag": tag,
        "initiationType": "tender",
        "language": "fr",
        "parties": parties,
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "tender": tender,
    }
    if awards:
        data["awards"] = awards
        data["contracts"] = contracts
    return data


def _tag_and_date(market: Market, awarded) -> tuple[list[str], datetime.date]:
    """What the release reports and the day it happened: the cancellation (the day the
    contract was abandoned), the last award and its contract (the latest notification), or
    the call for tenders (its publication)."""
    if market.status == MarketStatus.ABANDONED:
        return ["tenderCancellation"], timezone.localdate(market.updated_at)
    if awarded:
        return ["tender", "award", "contract"], max(award.notified_on for _lot, award in awarded)
    return ["tender"], market.published_on or timezone.localdate(market.updated_at)


def _lot_data(lot, clauses, market) -> dict:
    data = {"id": str(lot.number), "title": lot.title}
    if lot.estimated_amount is not None:
        data["value"] = _value(lot.estimated_amount)
    if award_of(lot) is not None:
        data["status"] = "complete"
    elif market.status == MarketStatus.ABANDONED:
        data["status"] = "cancelled"
    else:
        data["status"] = "active"
    entries = sustainability([c for c in clauses if c.lot_id == lot.pk], lot.criteria.all())
    data["hasSustainability"] = bool(entries)
    if entries:
        data["sustainability"] = entries
    return data


def write(
    markets: Iterable[Market],
    *,
    organisation,
    uri: str,
    published_at: datetime.datetime | None = None,
) -> ExportFile:
    """The release package of these contracts (`selectors.ocds_markets`), each release checked
    against the release schema patched with the sustainability extension, the package against
    the package schema. A package holds one release at least: none, and there is no file.

    Raises `validation.SchemasUnavailable` when the schemas cannot be read."""
    published_at = published_at or timezone.now()
    package_validator = validation.ocds_package_validator()
    release_validator = validation.ocds_release_validator()
    envelope = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published_at.isoformat(),
        "publisher": {
            "name": organisation.name,
            "scheme": IDENTIFIER_SCHEME,
            "uid": organisation.siret,
            "uri": settings.SITE_URL + "/",
        },
        "license": LICENSE,
        "extensions": EXTENSIONS,
    }
    handle = temporary_file()
    result = ExportFile(handle=handle)
    head = dumps(envelope)
    handle.write(head[:-1].encode() + b',"releases":[')
    with translation.override("fr"):
        for market in markets:
            data = release(market)
            if result.count == 0:
                faults = validation.errors(package_validator, {**envelope, "releases": [data]})
            else:
                faults = validation.errors(release_validator, data)
            faults += validation.sustainability_errors(data)
            if faults:
                result.errors.extend(f"{market.reference}: {fault}" for fault in faults)
                continue
            handle.write(b"\n" if result.count == 0 else b",\n")
            handle.write(dumps(data).encode())
            result.count += 1
    handle.write(b"\n]}\n")
    if result.count == 0 and not result.errors:
        result.errors.append(
            str(
                translation.gettext(
                    "Aucun marché publié sur la période : un paquet OCDS contient au moins "
                    "une publication."
                )
            )
        )
    if result.errors:
        return refuse(handle, result)
    handle.seek(0)
    return result
