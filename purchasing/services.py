"""Writes on contracts. Each service checks who may act and in which status, works in one
transaction, and leaves history naming the actor; a status change also writes a MarketEvent.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from clauses.models import Clause, CpvCode
from clauses.parameters import clean_values
from clauses.services.library import clause_version_for_use
from core.history import history_save

from . import access, rules
from .models import (
    AppliedClause,
    Award,
    AwardCriterion,
    ExecutionFollowUp,
    Lot,
    Market,
    MarketEvent,
    MarketStatus,
    ReviewComment,
    ReviewSection,
    Supplier,
    Theme,
    ThemeAssessment,
)

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
        "launch_date",
    }
)
# What an evidence file may be, and how large.
EVIDENCE_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".odt", ".ods", ".docx", ".xlsx", ".csv")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _lock(market: Market) -> Market:
    """The contract re-read under a row lock, so two requests cannot both move it."""
    return Market.objects.select_for_update().get(pk=market.pk)


def _move(market: Market, *, actor: User, to: str, comment: str = "", reason: str) -> None:
    """Change the status (the row is locked by the caller) and record the step."""
    MarketEvent.objects.create(
        market=market, actor=actor, from_status=market.status, to_status=to, comment=comment
    )
    market.status = to
    history_save(market, actor=actor, reason=reason)


def _refuse_status(market: Market, allowed: Iterable[str], action: str):
    labels = ", ".join(f"« {MarketStatus(s).label} »" for s in allowed)
    raise ValidationError(
        _("Impossible de %(action)s : le marché est « %(status)s » ; il doit être %(allowed)s.")
        % {"action": action, "status": market.get_status_display(), "allowed": labels}
    )


def _ensure_editable(actor: User, market: Market) -> None:
    if not access.is_market_buyer(actor, market):
        raise PermissionDenied
    if not market.is_editable:
        raise ValidationError(
            _(
                "Ce marché est « %(status)s » : il ne se modifie qu'en brouillon ou après un "
                "renvoi par le conseiller."
            )
            % {"status": market.get_status_display()}
        )


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
    if not access.can_create_markets(actor):
        raise PermissionDenied
    unknown = set(fields) - NEEDS_FIELDS
    if unknown:
        raise TypeError(f"market_create() got unknown fields: {', '.join(sorted(unknown))}")
    market = Market(
        organisation_id=actor.organisation_id,
        department=actor.department,
        buyer=actor,
        created_by=actor,
        title=title,
        status=MarketStatus.DRAFT,
        **fields,
    )
    with transaction.atomic():
        market.reference = _next_reference(market)
        history_save(market, actor=actor, reason=_("Création"))
        market.extra_cpvs.set(list(extra_cpvs))
        MarketEvent.objects.create(market=market, actor=actor, to_status=MarketStatus.DRAFT)
    return market


def market_update_needs(
    *, actor: User, market: Market, extra_cpvs: Iterable[CpvCode] | None = None, **fields
) -> Market:
    unknown = set(fields) - NEEDS_FIELDS
    if unknown:
        raise TypeError(f"market_update_needs() got unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        market = _lock(market)
        _ensure_editable(actor, market)
        for name, value in fields.items():
            setattr(market, name, value)
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
        market = _lock(market)
        _ensure_editable(actor, market)
        existing = {lot.pk: lot for lot in market.lots.all()}
        kept_ids = {lot["id"] for lot in lots if lot.get("id")}
        if not kept_ids <= set(existing):
            raise ValidationError(_("Un des lots n'appartient pas à ce marché."))
        for lot_id, lot in existing.items():
            if lot_id not in kept_ids:
                lot._history_user = actor
                lot.delete()
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
        market._history_user = actor
        market.save(update_fields=["updated_at"])
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
        market = _lock(market)
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
    if not Clause.objects.visible_to(actor).filter(pk=clause.pk).exists():
        raise PermissionDenied
    version = clause_version_for_use(clause=clause)
    text = version.render(values)  # Raises ValidationError naming each faulty parameter.
    with transaction.atomic():
        market = _lock(market)
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
    return applied


def applied_clause_update(
    *, actor: User, applied: AppliedClause, values: dict, lot: Lot | None = None
) -> AppliedClause:
    text = applied.clause_version.render(values)
    with transaction.atomic():
        market = _lock(applied.market)
        _ensure_editable(actor, market)
        applied.values = _stored_values(applied.clause_version, values)
        applied.rendered_text = text
        applied.lot = _lot_of(market, lot)
        history_save(applied, actor=actor, reason=_("Paramètres de la clause"))
    return applied


def applied_clause_remove(*, actor: User, applied: AppliedClause) -> None:
    with transaction.atomic():
        market = _lock(applied.market)
        _ensure_editable(actor, market)
        applied._history_user = actor
        applied.delete()


def _stored_values(version, values: dict) -> dict:
    """The checked values as plain strings ("7.5", "1200"), defaults included: what was
    agreed, readable by any later computation whatever the way it was typed."""
    cleaned = clean_values(version.parameters, values)
    return {
        name: format(value, "f") if isinstance(value, Decimal) else str(value)
        for name, value in cleaned.items()
    }


def criteria_save(*, actor: User, lot: Lot, criteria: list[dict]) -> list[AwardCriterion]:
    """Replace the award criteria of a lot ({kind, weight, description}); the set is refused
    as a whole when weights do not total 100 or a single criterion is not cost."""
    errors = rules.criteria_errors(criteria)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        market = _lock(lot.market)
        _ensure_editable(actor, market)
        for criterion in lot.criteria.all():
            criterion._history_user = actor
            criterion.delete()
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


def climate_justification_save(*, actor: User, market: Market, justification: str) -> Market:
    with transaction.atomic():
        market = _lock(market)
        _ensure_editable(actor, market)
        market.climate_justification = justification.strip()
        history_save(market, actor=actor, reason=_("Justification loi Climat et résilience"))
    return market


# --- Review ---------------------------------------------------------------------------------


def market_missing(market: Market) -> list[rules.Missing]:
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
        market = _lock(market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status not in (MarketStatus.DRAFT, MarketStatus.SENT_BACK):
            _refuse_status(
                market, (MarketStatus.DRAFT, MarketStatus.SENT_BACK), _("soumettre à la revue")
            )
        items = market_missing(market)
        if items:
            raise ValidationError(
                [_("Avant de soumettre, complétez :")] + [item.message for item in items]
            )
        _move(market, actor=actor, to=MarketStatus.IN_REVIEW, reason=_("Soumis à la revue"))
    return market


def review_comment_add(
    *, actor: User, market: Market, text: str, section: str = ReviewSection.GENERAL
) -> ReviewComment:
    """The advisor comments on any part; the buyer may answer."""
    if not (access.can_review(actor, market) or access.is_market_buyer(actor, market)):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Écrivez le commentaire.")})
    comment = ReviewComment(market=market, author=actor, section=section, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


def market_send_back(*, actor: User, market: Market, comment: str) -> Market:
    if not access.can_review(actor, market):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(
            {
                "comment": _(
                    "Dites à l'acheteur ce qu'il doit reprendre : le commentaire est obligatoire."
                )
            }
        )
    with transaction.atomic():
        market = _lock(market)
        if not access.can_review(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.IN_REVIEW:
            _refuse_status(market, (MarketStatus.IN_REVIEW,), _("renvoyer le marché"))
        ReviewComment.objects.create(market=market, author=actor, text=comment.strip())
        _move(
            market,
            actor=actor,
            to=MarketStatus.SENT_BACK,
            comment=comment.strip(),
            reason=_("Renvoyé à l'acheteur"),
        )
    return market


def market_approve(*, actor: User, market: Market, comment: str = "") -> Market:
    with transaction.atomic():
        market = _lock(market)
        if not access.can_review(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.IN_REVIEW:
            _refuse_status(market, (MarketStatus.IN_REVIEW,), _("valider le marché"))
        if comment.strip():
            ReviewComment.objects.create(market=market, author=actor, text=comment.strip())
        _move(
            market,
            actor=actor,
            to=MarketStatus.APPROVED,
            comment=comment.strip(),
            reason=_("Validé par le conseiller"),
        )
    return market


# --- Publication, award, execution ------------------------------------------------------------


def market_publish(
    *, actor: User, market: Market, published_on: datetime.date, publication_reference: str = ""
) -> Market:
    with transaction.atomic():
        market = _lock(market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.APPROVED:
            _refuse_status(market, (MarketStatus.APPROVED,), _("publier le marché"))
        if published_on > datetime.date.today():
            raise ValidationError(
                {
                    "published_on": _(
                        "La date de publication ne peut pas être dans le futur : enregistrez la "
                        "publication une fois l'avis paru."
                    )
                }
            )
        market.published_on = published_on
        market.publication_reference = publication_reference.strip()
        _move(market, actor=actor, to=MarketStatus.PUBLISHED, reason=_("Publication"))
    return market


def supplier_for(
    *, actor: User, name: str, siret: str, is_sme: bool, inclusive_structure: str
) -> Supplier:
    """The organisation's supplier with this SIRET, created or brought up to date."""
    supplier = Supplier.objects.filter(organisation_id=actor.organisation_id, siret=siret).first()
    if supplier is None:
        supplier = Supplier(organisation_id=actor.organisation_id, siret=siret)
    supplier.name = name.strip()
    supplier.is_sme = is_sme
    supplier.inclusive_structure = inclusive_structure
    history_save(supplier, actor=actor, reason=_("Attribution"))
    return supplier


def award_save(
    *,
    actor: User,
    lot: Lot,
    supplier_name: str,
    siret: str,
    is_sme: bool,
    inclusive_structure: str,
    amount: Decimal,
    notified_on: datetime.date,
) -> Award:
    """Record (or correct) who won a lot, for how much, notified when."""
    with transaction.atomic():
        market = _lock(lot.market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status not in (MarketStatus.PUBLISHED, MarketStatus.AWARDED):
            _refuse_status(
                market, (MarketStatus.PUBLISHED, MarketStatus.AWARDED), _("attribuer un lot")
            )
        if notified_on > datetime.date.today():
            raise ValidationError(
                {"notified_on": _("La date de notification ne peut pas être dans le futur.")}
            )
        if market.published_on and notified_on < market.published_on:
            raise ValidationError(
                {"notified_on": _("La notification ne peut précéder la publication du marché.")}
            )
        supplier = supplier_for(
            actor=actor,
            name=supplier_name,
            siret=siret,
            is_sme=is_sme,
            inclusive_structure=inclusive_structure,
        )
        award = Award.objects.filter(lot=lot).first() or Award(lot=lot)
        award.supplier = supplier
        # As the supplier was when notified: later changes to it do not rewrite past figures.
        award.is_sme = supplier.is_sme
        award.inclusive_structure = supplier.inclusive_structure
        award.amount = amount
        award.notified_on = notified_on
        history_save(
            award, actor=actor, reason=_("Attribution du lot %(number)s") % {"number": lot.number}
        )
        if (
            market.status == MarketStatus.PUBLISHED
            and not market.lots.filter(award__isnull=True).exists()
        ):
            _move(
                market,
                actor=actor,
                to=MarketStatus.AWARDED,
                reason=_("Tous les lots sont attribués"),
            )
    return award


def market_start_execution(*, actor: User, market: Market) -> Market:
    with transaction.atomic():
        market = _lock(market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.AWARDED:
            _refuse_status(market, (MarketStatus.AWARDED,), _("passer en exécution"))
        _move(market, actor=actor, to=MarketStatus.IN_EXECUTION, reason=_("Début d'exécution"))
    return market


def market_close(*, actor: User, market: Market, comment: str = "") -> Market:
    with transaction.atomic():
        market = _lock(market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.IN_EXECUTION:
            _refuse_status(market, (MarketStatus.IN_EXECUTION,), _("clore le marché"))
        _move(
            market,
            actor=actor,
            to=MarketStatus.CLOSED,
            comment=comment.strip(),
            reason=_("Clôture"),
        )
    return market


ABANDONABLE = (
    MarketStatus.DRAFT,
    MarketStatus.SENT_BACK,
    MarketStatus.IN_REVIEW,
    MarketStatus.APPROVED,
    MarketStatus.PUBLISHED,
)


def market_abandon(*, actor: User, market: Market, reason: str) -> Market:
    if not access.is_market_buyer(actor, market):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'abandon.")})
    with transaction.atomic():
        market = _lock(market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status not in ABANDONABLE:
            _refuse_status(market, ABANDONABLE, _("abandonner le marché"))
        market.abandon_reason = reason.strip()
        _move(
            market,
            actor=actor,
            to=MarketStatus.ABANDONED,
            comment=reason.strip(),
            reason=_("Abandon"),
        )
    return market


def follow_up_save(
    *,
    actor: User,
    applied: AppliedClause,
    period_start: datetime.date,
    period_end: datetime.date,
    indicator: str,
    status: str,
    target: Decimal | None = None,
    achieved: Decimal | None = None,
    is_insertion_hours: bool = False,
    penalty: Decimal | None = None,
    comment: str = "",
    evidence=None,
    follow_up: ExecutionFollowUp | None = None,
) -> ExecutionFollowUp:
    """Record what was done under an execution clause for one period (while in execution)."""
    if not access.is_market_buyer(actor, applied.market):
        raise PermissionDenied
    if evidence is not None:
        _check_evidence(evidence)
    with transaction.atomic():
        market = _lock(applied.market)
        if not access.is_market_buyer(actor, market):
            raise PermissionDenied
        if market.status != MarketStatus.IN_EXECUTION:
            _refuse_status(market, (MarketStatus.IN_EXECUTION,), _("saisir le suivi d'exécution"))
        if follow_up is not None and follow_up.applied_clause_id != applied.pk:
            raise ValidationError(_("Ce suivi ne concerne pas cette clause."))
        row = follow_up or ExecutionFollowUp(applied_clause=applied, recorded_by=actor)
        row.period_start, row.period_end = period_start, period_end
        row.indicator = indicator.strip()
        row.status = status
        row.target, row.achieved = target, achieved
        row.is_insertion_hours = is_insertion_hours
        row.penalty = penalty
        row.comment = comment.strip()
        if evidence is not None:
            row.evidence = evidence
        history_save(row, actor=actor, reason=_("Suivi d'exécution"))
    return row


def _check_evidence(upload) -> None:
    name = (upload.name or "").lower()
    if not name.endswith(EVIDENCE_EXTENSIONS):
        raise ValidationError(
            {
                "evidence": _("Justificatif refusé : formats acceptés %(formats)s.")
                % {"formats": ", ".join(EVIDENCE_EXTENSIONS)}
            }
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"evidence": _("Justificatif trop lourd : 10 Mo au plus.")})
