"""The steps of a contract's life (`models.TRANSITIONS`) after it is shaped: review, publication,
award, execution and its follow-up, closure, abandonment. Each step checks the role and the
status the table names, works under a row lock in one transaction, leaves history naming the
actor and writes a MarketEvent.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import uploads
from core.access import ensure
from core.history import history_save

from .. import access
from ..models import (
    FOLLOW_UP_STATUSES,
    TRANSITIONS,
    AppliedClause,
    Award,
    ExecutionFollowUp,
    Lot,
    Market,
    MarketEvent,
    MarketStatus,
    ReviewComment,
    ReviewSection,
    Supplier,
)

# What an evidence file may be, and how large.
EVIDENCE_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".odt", ".ods", ".docx", ".xlsx", ".csv")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def lock_market(market: Market) -> Market:
    """The contract re-read under a row lock, so two requests cannot both change it."""
    return Market.objects.select_for_update().get(pk=market.pk)


def move_market(market: Market, *, actor: User, step: str, comment: str = "", reason: str):
    """Take a step of `TRANSITIONS` (the row is locked by the caller) and record it."""
    to = TRANSITIONS[step].target
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


def check_step(actor: User, market: Market, step: str) -> None:
    """Refuse a step the person's role does not take (403) or the status does not allow (the
    table's message)."""
    ensure(access.holds_role_for(actor, market, step))
    transition = TRANSITIONS[step]
    if market.status not in transition.sources:
        _refuse_status(market, transition.sources, transition.action)


# --- Review ---------------------------------------------------------------------------------


def review_comment_add(
    *, actor: User, market: Market, text: str, section: str = ReviewSection.GENERAL
) -> ReviewComment:
    """The advisor comments on any part; the buyer may answer. The same text posted again by
    its author on the same part, with no comment in between (a double click, a form sent
    twice), is stored once: the existing comment is returned."""
    ensure(access.can_comment(actor, market))
    if not text.strip():
        raise ValidationError({"text": _("Écrivez le commentaire.")})
    comment = ReviewComment(market=market, author=actor, section=section, text=text.strip())
    comment.full_clean()
    with transaction.atomic():
        # The contract's row lock orders two copies of one post: the second sees the first.
        market = lock_market(market)
        last = market.comments.order_by("-created_at", "-pk").first()
        if last and (last.author_id, last.section, last.text) == (actor.pk, section, comment.text):
            return last
        comment.save()
    return comment


def market_send_back(*, actor: User, market: Market, comment: str) -> Market:
    """The advisor sends the contract back to its buyer, saying what to take up again."""
    ensure(access.can_review(actor, market))
    if not comment.strip():
        raise ValidationError(
            {
                "comment": _(
                    "Dites à l'acheteur ce qu'il doit reprendre : le commentaire est obligatoire."
                )
            }
        )
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "send_back")
        ReviewComment.objects.create(market=market, author=actor, text=comment.strip())
        move_market(
            market,
            actor=actor,
            step="send_back",
            comment=comment.strip(),
            reason=_("Renvoyé à l'acheteur"),
        )
    return market


def market_approve(*, actor: User, market: Market, comment: str = "") -> Market:
    """The advisor approves the contract under review (a comment may go with it): its buyer
    may then publish it."""
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "approve")
        if comment.strip():
            ReviewComment.objects.create(market=market, author=actor, text=comment.strip())
        move_market(
            market,
            actor=actor,
            step="approve",
            comment=comment.strip(),
            reason=_("Validé par le conseiller"),
        )
    return market


# --- Publication, award, execution ------------------------------------------------------------


def market_publish(
    *, actor: User, market: Market, published_on: datetime.date, publication_reference: str = ""
) -> Market:
    """Record the publication of the approved contract's notice (a past or present day)."""
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "publish")
        if market.tender_deadline is None:
            raise ValidationError(
                _(
                    "Renseignez la date limite de réception des offres (étape « Besoin ») avant "
                    "de publier le marché."
                )
            )
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
        move_market(market, actor=actor, step="publish", reason=_("Publication"))
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
    """Record (or correct) who won a lot, for how much, notified when; the contract is awarded
    once its last lot is."""
    with transaction.atomic():
        market = lock_market(lot.market)
        check_step(actor, market, "award")
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
            market.status != TRANSITIONS["award"].target
            and not market.lots.filter(award__isnull=True).exists()
        ):
            move_market(market, actor=actor, step="award", reason=_("Tous les lots sont attribués"))
    return award


def market_start_execution(*, actor: User, market: Market) -> Market:
    """The awarded contract starts: its clauses are followed from now on."""
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "start_execution")
        move_market(market, actor=actor, step="start_execution", reason=_("Début d'exécution"))
    return market


def market_close(*, actor: User, market: Market, comment: str = "") -> Market:
    """The contract in execution comes to its end."""
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "close")
        move_market(market, actor=actor, step="close", comment=comment.strip(), reason=_("Clôture"))
    return market


def market_abandon(*, actor: User, market: Market, reason: str) -> Market:
    """The buyer gives the contract up before its award, saying why; it is final."""
    ensure(access.holds_role_for(actor, market, "abandon"))
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'abandon.")})
    with transaction.atomic():
        market = lock_market(market)
        check_step(actor, market, "abandon")
        market.abandon_reason = reason.strip()
        move_market(
            market, actor=actor, step="abandon", comment=reason.strip(), reason=_("Abandon")
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
    ensure(access.is_market_buyer(actor, applied.market))
    if evidence is not None:
        _check_evidence(evidence)
    with transaction.atomic():
        market = lock_market(applied.market)
        ensure(access.is_market_buyer(actor, market))
        if market.status not in FOLLOW_UP_STATUSES:
            _refuse_status(market, FOLLOW_UP_STATUSES, _("saisir le suivi d'exécution"))
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
    if problem := uploads.content_problem(upload):
        raise ValidationError({"evidence": problem})
