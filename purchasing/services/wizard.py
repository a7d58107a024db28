"""Writes of the buyer's contract form: needs, lots, assessment, clauses, award criteria, the
art. 35 justification, and the submission to review. Each service checks that the actor is a
buyer of the contract and that it is still a draft (or sent back), works under a row lock in one
transaction and leaves history naming the actor.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clauses.models import Clause, CpvCode
from clauses.parameters import clean_values
from clauses.services.library import clause_version_for_use
from core.access import ensure
from core.history import history_delete, history_save, refuse_unknown_fields

from .. import access, emails, rules
from ..models import (
    AppliedClause,
    AwardCriterion,
    Lot,
    Market,
    MarketEvent,
    MarketStatus,
    Theme,
    ThemeAssessment,
)
from .figures import market_figures_refresh
from .lifecycle import check_step, lock_market, move_market
from .opendata import validate_place_insee_code

NEEDS_FIELDS = frozenset(
    {
        "title",
        "description",
        "purchase_family",
        "main_cpv",
        "nature",
        "procedure",
        "estimated_amount",
        "duration_months",
        "place",
        "place_postcode",
        "place_insee_code",
        "launch_date",
        "tender_deadline",
    }
)


def _ensure_editable(actor: User, market: Market) -> None:
    ensure(access.is_market_buyer(actor, market))
    if not market.is_editable:
        raise ValidationError(
            _(
                "Ce marché est « %(status)s » : il ne se modifie qu'en brouillon ou après un "
                "renvoi par le conseiller."
            )
            % {"status": market.get_status_display()}
        )


REFERENCE_ATTEMPTS = 5


def _next_reference(market: Market) -> str:
    """2026-LYC-0007: year of the launch (else this year), department code, number in the
    organisation and year (≤ 16 characters, the DECP limit)."""
    year = (market.launch_date or datetime.date.today()).year
    prefix = f"{year}-{market.department.code[:5]}-"
    taken = Market.objects.filter(
        organisation_id=market.organisation_id, reference__startswith=f"{year}-"
    ).count()
    number = taken + 1
    while Market.objects.filter(
        organisation_id=market.organisation_id, reference=f"{prefix}{number:04d}"
    ).exists():
        number += 1
    return f"{prefix}{number:04d}"


# --- Needs ---------------------------------------------------------------------------------


def market_create(
    *, actor: User, title: str, extra_cpvs: Iterable[CpvCode] = (), **fields
) -> Market:
    """A draft contract of the actor's department, with the actor as its buyer."""
    ensure(access.can_create_markets(actor))
    refuse_unknown_fields("market_create", fields, NEEDS_FIELDS)
    market = Market(
        organisation_id=actor.organisation_id,
        department=actor.department,
        buyer=actor,
        created_by=actor,
        title=title,
        status=MarketStatus.DRAFT,
        **fields,
    )
    validate_place_insee_code(market.place_insee_code, market.place_postcode)
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                market.reference = _next_reference(market)
                history_save(market, actor=actor, reason=_("Création"))
                market.extra_cpvs.set(list(extra_cpvs))
                MarketEvent.objects.create(market=market, actor=actor, to_status=MarketStatus.DRAFT)
            return market
        except IntegrityError:
            # Two contracts created at once counted the same references: the one that lost
            # takes the next number (the unique constraint decides, no lock on the table).
            taken = Market.objects.filter(
                organisation_id=market.organisation_id, reference=market.reference
            ).exists()
            if not taken or attempt == REFERENCE_ATTEMPTS - 1:
                raise
            market.pk = None
            market._state.adding = True


def market_update_needs(
    *, actor: User, market: Market, extra_cpvs: Iterable[CpvCode] | None = None, **fields
) -> Market:
    """Change the needs of a contract still being shaped (and its extra CPV codes, when
    given)."""
    refuse_unknown_fields("market_update_needs", fields, NEEDS_FIELDS)
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        for name, value in fields.items():
            setattr(market, name, value)
        validate_place_insee_code(market.place_insee_code, market.place_postcode)
        history_save(market, actor=actor, reason=_("Définition du besoin"))
        if extra_cpvs is not None:
            market.extra_cpvs.set(list(extra_cpvs))
    return market


def lots_save(*, actor: User, market: Market, lots: list[dict]) -> list[Lot]:
    """Replace the lots by `lots` ({"id" (existing) or None, number, title, estimated_amount}).

    A lot left out is deleted with its clauses and criteria. Numbers must be unique."""
    numbers = [lot["number"] for lot in lots]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(_("Deux lots ont le même numéro."))
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        existing = {lot.pk: lot for lot in market.lots.all()}
        kept_ids = {lot["id"] for lot in lots if lot.get("id")}
        if not kept_ids <= set(existing):
            raise ValidationError(_("Un des lots n'appartient pas à ce marché."))
        for lot_id, lot in existing.items():
            if lot_id not in kept_ids:
                history_delete(lot, actor=actor, reason=_("Lots"))
        # Free the numbers first: two lots may swap their numbers.
        for index, lot_id in enumerate(sorted(kept_ids)):
            Lot.objects.filter(pk=lot_id).update(number=30000 + index)
        saved = []
        for data in lots:
            lot = existing[data["id"]] if data.get("id") else Lot(market=market)
            lot.number = data["number"]
            lot.title = data["title"]
            lot.estimated_amount = data.get("estimated_amount")
            history_save(lot, actor=actor, reason=_("Lots"))
            saved.append(lot)
        history_save(market, actor=actor, reason=_("Lots"))
        market_figures_refresh(market)
    return saved


def assessment_save(*, actor: User, market: Market, answers: dict) -> None:
    """`answers`: {theme: (considered: bool, justification: str)} for some or all themes.

    A theme "not considered" needs its justification."""
    errors = {}
    for theme, (considered, justification) in answers.items():
        if theme not in Theme.values:
            raise ValueError(f"Unknown theme {theme!r}")
        if not considered and not (justification or "").strip():
            errors[theme] = _(
                "Thème « %(theme)s » non pris en compte : dites pourquoi (justification "
                "obligatoire)."
            ) % {"theme": Theme(theme).label}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        current = {a.theme: a for a in market.assessments.all()}
        for theme, (considered, justification) in answers.items():
            assessment = current.get(theme) or ThemeAssessment(market=market, theme=theme)
            assessment.considered = considered
            assessment.justification = (justification or "").strip()
            history_save(assessment, actor=actor, reason=_("Évaluation développement durable"))


# --- Clauses and criteria ---------------------------------------------------------------------


def _lot_of(market: Market, lot: Lot | None) -> Lot | None:
    if lot is not None and lot.market_id != market.pk:
        raise ValidationError(_("Ce lot n'appartient pas à ce marché."))
    return lot


def applied_clause_add(
    *, actor: User, market: Market, clause: Clause, lot: Lot | None = None, values: dict
) -> AppliedClause:
    """Put the version in force of a library clause in the contract (or one of its lots), with
    its parameter values checked and its text rendered."""
    ensure(Clause.objects.visible_to(actor).filter(pk=clause.pk).exists())
    version = clause_version_for_use(clause=clause)
    text = version.render(values)  # Raises ValidationError naming each faulty parameter.
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        applied = AppliedClause(
            market=market,
            lot=_lot_of(market, lot),
            clause_version=version,
            values=_stored_values(version, values),
            rendered_text=text,
            added_by=actor,
        )
        history_save(
            applied, actor=actor, reason=_("Ajout de la clause %(code)s") % {"code": clause.code}
        )
        market_figures_refresh(market)
    return applied


def applied_clause_update(
    *, actor: User, applied: AppliedClause, values: dict, lot: Lot | None = None
) -> AppliedClause:
    """Change the values (and the text they render) or the lot of an applied clause."""
    text = applied.clause_version.render(values)
    with transaction.atomic():
        market = lock_market(applied.market)
        _ensure_editable(actor, market)
        applied.values = _stored_values(applied.clause_version, values)
        applied.rendered_text = text
        applied.lot = _lot_of(market, lot)
        history_save(applied, actor=actor, reason=_("Paramètres de la clause"))
    return applied


def applied_clause_remove(*, actor: User, applied: AppliedClause) -> None:
    """Take a clause out of the contract."""
    with transaction.atomic():
        market = lock_market(applied.market)
        _ensure_editable(actor, market)
        history_delete(applied, actor=actor, reason=_("Retrait de la clause"))
        market_figures_refresh(market)


def _stored_values(version, values: dict) -> dict:
    """The checked values as plain strings ("7.5", "1200"), defaults included: what was
    agreed, readable by any later computation whatever the way it was typed."""
    cleaned = clean_values(version.parameters, values)
    return {
        name: format(value, "f") if isinstance(value, Decimal) else str(value)
        for name, value in cleaned.items()
    }


def _criteria_replace(actor: User, lot: Lot, criteria: list[dict]) -> list[AwardCriterion]:
    """Write a lot's criteria in place of its current ones (the contract is locked)."""
    for criterion in lot.criteria.all():
        history_delete(criterion, actor=actor, reason=_("Critères d'attribution"))
    saved = []
    for data in criteria:
        criterion = AwardCriterion(
            lot=lot,
            kind=data["kind"],
            weight=int(data["weight"]),
            description=(data.get("description") or "").strip(),
        )
        history_save(criterion, actor=actor, reason=_("Critères d'attribution"))
        saved.append(criterion)
    return saved


def criteria_save(*, actor: User, lot: Lot, criteria: list[dict]) -> list[AwardCriterion]:
    """Replace the award criteria of a lot ({kind, weight, description}); the set is refused
    as a whole when weights do not total 100 or a single criterion is not what the rules allow
    (`rules.criteria_errors`, at the contract's launch date)."""
    with transaction.atomic():
        market = lock_market(lot.market)
        _ensure_editable(actor, market)
        errors = rules.criteria_errors(criteria, launch_date=market.launch_date)
        if errors:
            raise ValidationError(errors)
        saved = _criteria_replace(actor, lot, criteria)
        market_figures_refresh(market)
        return saved


def criteria_save_all(
    *,
    actor: User,
    market: Market,
    criteria_by_lot: dict[Lot, list[dict]],
    climate_justification: str | None = None,
    social_justification: str | None = None,
) -> None:
    """The criteria step at once: the criteria of each lot given (as `criteria_save` takes
    them) and, when given, the art. 35 and art. L2112-2-1 justifications; all or nothing.

    Refused, the ValidationError is keyed by lot (the lot's faults), and by
    "climate_justification" / "social_justification" for the justifications, so that each
    part shows its own."""
    if any(lot.market_id != market.pk for lot in criteria_by_lot):
        raise ValidationError(_("Un des lots n'appartient pas à ce marché."))
    errors = {}
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        legal = rules.LegalRules.load()
        for lot, criteria in criteria_by_lot.items():
            faults = rules.criteria_errors(criteria, launch_date=market.launch_date, legal=legal)
            if faults:
                errors[lot] = faults
            else:
                _criteria_replace(actor, lot, criteria)
        if climate_justification is not None:
            market.climate_justification = climate_justification.strip()
            try:
                history_save(
                    market, actor=actor, reason=_("Justification loi Climat et résilience")
                )
            except ValidationError as error:
                errors["climate_justification"] = error.messages
        if social_justification is not None:
            market.social_justification = social_justification.strip()
            try:
                history_save(market, actor=actor, reason=_("Justification art. L2112-2-1"))
            except ValidationError as error:
                errors["social_justification"] = error.messages
        if errors:
            # Leaving the block by the exception undoes what the other lots saved.
            raise ValidationError(errors)
        market_figures_refresh(market)


def climate_justification_save(*, actor: User, market: Market, justification: str) -> Market:
    """Record why the contract lacks what art. 35 of the loi Climat et résilience asks."""
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        market.climate_justification = justification.strip()
        history_save(market, actor=actor, reason=_("Justification loi Climat et résilience"))
    return market


def social_justification_save(*, actor: User, market: Market, justification: str) -> Market:
    """Record why the contract lacks the social execution condition of art. L2112-2-1."""
    with transaction.atomic():
        market = lock_market(market)
        _ensure_editable(actor, market)
        market.social_justification = justification.strip()
        history_save(market, actor=actor, reason=_("Justification art. L2112-2-1"))
    return market


# --- Review ---------------------------------------------------------------------------------


def market_missing(market: Market) -> list[rules.Missing]:
    """What stops the contract from going to review (`rules.missing`), read from the database."""
    lots = list(market.lots.prefetch_related("criteria"))
    return rules.missing(
        market=market,
        lots=lots,
        assessments=list(market.assessments.all()),
        clauses=list(market.clauses.select_related("clause_version", "lot")),
    )


def market_submit(*, actor: User, market: Market) -> Market:
    """Send the contract to the advisor; refused while something is missing."""
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "submit")
        items = market_missing(market)
        if items:
            raise ValidationError(
                [_("Avant de soumettre, complétez :")] + [item.message for item in items]
            )
        move_market(market, actor=actor, step="submit", reason=_("Soumis à la revue"))
        emails.market_submitted_notify(market=market)
    return market
