"""Writes on the clause library: create, change, approve (freeze as a version), retire and copy
clauses. Each checks the actor's right, validates the whole clause, writes in one transaction
and leaves a history row naming the actor."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import ensure
from core.history import history_save

from ..access import ensure_can_manage_clauses
from ..models import CLAUSE_TEXT_FIELDS, Clause, ClauseStatus, ClauseVersion, PurchaseFamily

CLAUSE_EDITABLE_FIELDS = frozenset(
    {
        "title",
        "body",
        "guidance",
        "warnings",
        "legal_references",
        "category",
        "kind",
        "decp_consideration",
        "ocds_goal",
        "ocds_strategies",
        "parameters",
        "purchase_families",
        "cpv_prefixes",
        "shared_with_network",
    }
)
VERSION_FIELDS = CLAUSE_TEXT_FIELDS


def _save_clause(clause: Clause, *, actor, reason: str, purchase_families=None) -> None:
    """Validate and save in the caller's transaction; the history row names the actor."""
    code_taken = (
        Clause.objects.filter(organisation_id=clause.organisation_id, code=clause.code)
        .exclude(pk=clause.pk)
        .exists()
    )
    if code_taken:
        # Said on the code field rather than above the form, as the constraint would.
        raise ValidationError({"code": _("Une clause de votre organisation a déjà ce code.")})
    history_save(clause, actor=actor, reason=reason)
    if purchase_families is not None:
        clause.purchase_families.set(purchase_families)


def clause_create(
    *,
    actor: User,
    code: str,
    title: str,
    body: str,
    category: str,
    kind: str,
    decp_consideration: str,
    ocds_goal: str,
    ocds_strategies: Iterable[str],
    guidance: str = "",
    warnings: str = "",
    legal_references: str = "",
    parameters: Iterable[dict] = (),
    purchase_families: Iterable[PurchaseFamily] = (),
    cpv_prefixes: Iterable[str] = (),
    shared_with_network: bool = False,
) -> Clause:
    """Add a draft clause to the library of the actor's organisation."""
    ensure_can_manage_clauses(actor)
    clause = Clause(
        organisation_id=actor.organisation_id,
        code=code,
        title=title,
        body=body,
        guidance=guidance,
        warnings=warnings,
        legal_references=legal_references,
        category=category,
        kind=kind,
        decp_consideration=decp_consideration,
        ocds_goal=ocds_goal,
        ocds_strategies=list(ocds_strategies),
        parameters=list(parameters),
        cpv_prefixes=list(cpv_prefixes),
        shared_with_network=shared_with_network,
        status=ClauseStatus.DRAFT,
        created_by=actor,
    )
    with transaction.atomic():
        _save_clause(
            clause, actor=actor, reason=_("Création"), purchase_families=list(purchase_families)
        )
    return clause


def clause_update(*, actor: User, clause: Clause, **fields) -> Clause:
    """Change a draft or approved clause; an approved clause goes back to draft.

    Its approved versions stay as they are: contracts keep the text they used. The code does
    not change, since people and reports know the clause by it."""
    ensure_can_manage_clauses(actor, clause)
    unknown = set(fields) - CLAUSE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"clause_update() cannot change {', '.join(sorted(unknown))}")
    if clause.status == ClauseStatus.RETIRED:
        raise ValidationError(_("Une clause retirée ne se modifie plus."))
    families = fields.pop("purchase_families", None)
    for name in ("ocds_strategies", "parameters", "cpv_prefixes"):
        if name in fields:
            fields[name] = list(fields[name])
    for name, value in fields.items():
        setattr(clause, name, value)
    clause.status = ClauseStatus.DRAFT
    with transaction.atomic():
        _save_clause(
            clause,
            actor=actor,
            reason=_("Modification"),
            purchase_families=list(families) if families is not None else None,
        )
    return clause


def clause_approve(*, actor: User, clause: Clause) -> ClauseVersion:
    """Freeze the clause as its next version; contracts can use it from now on."""
    ensure_can_manage_clauses(actor, clause)
    with transaction.atomic():
        # The lock orders two approvals of the same clause, so each gets its own number.
        locked = Clause.objects.select_for_update().get(pk=clause.pk)
        if locked.status != ClauseStatus.DRAFT:
            raise ValidationError(
                _("Seule une clause en brouillon s'approuve : celle-ci est « %(status)s ».")
                % {"status": locked.get_status_display()}
            )
        clause.full_clean()
        last = locked.latest_version()
        version = ClauseVersion(
            clause=clause,
            number=(last.number + 1) if last else 1,
            approved_by=actor,
            approved_at=timezone.now(),
            **{name: getattr(clause, name) for name in VERSION_FIELDS},
        )
        version.full_clean()
        version.save()
        clause.status = ClauseStatus.APPROVED
        clause.current_version = version
        _save_clause(clause, actor=actor, reason=_("Approbation (version %d)") % version.number)
    return version


def clause_retire(*, actor: User, clause: Clause) -> Clause:
    """Withdraw a clause: new contracts can no longer use it; signed ones keep their version."""
    ensure_can_manage_clauses(actor, clause)
    if clause.status == ClauseStatus.RETIRED:
        raise ValidationError(_("Cette clause est déjà retirée."))
    clause.status = ClauseStatus.RETIRED
    with transaction.atomic():
        _save_clause(clause, actor=actor, reason=_("Retrait"))
    return clause


def clause_version_for_use(*, clause: Clause) -> ClauseVersion:
    """The version a new contract uses: the latest approved one, even while an edit is in draft."""
    if clause.status == ClauseStatus.RETIRED:
        raise ValidationError(_("Cette clause est retirée : elle ne peut plus être utilisée."))
    version = clause.latest_version()
    if version is None:
        raise ValidationError(
            _("Cette clause n'a encore jamais été approuvée : elle ne peut pas être utilisée.")
        )
    return version


def _free_code(organisation_id, code: str) -> str:
    """`code`, or `code-2`, `code-3`… when the organisation already uses it."""
    taken = set(
        Clause.objects.filter(organisation_id=organisation_id, code__startswith=code).values_list(
            "code", flat=True
        )
    )
    candidate, number = code, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = code[: Clause._meta.get_field("code").max_length - len(suffix)] + suffix
    return candidate


def clause_copy(*, actor: User, source: Clause) -> Clause:
    """Copy the version in force of a clause the actor can read into their own library, as a
    draft they can adapt and approve; the copy remembers the version it came from."""
    ensure_can_manage_clauses(actor)
    ensure(Clause.objects.visible_to(actor).filter(pk=source.pk).exists())
    version = source.current_version
    if version is None or source.status == ClauseStatus.RETIRED:
        raise ValidationError(_("Seule une clause approuvée et en vigueur peut être copiée."))
    with transaction.atomic():
        clause = Clause(
            organisation_id=actor.organisation_id,
            code=_free_code(actor.organisation_id, source.code),
            cpv_prefixes=list(source.cpv_prefixes),
            shared_with_network=False,
            status=ClauseStatus.DRAFT,
            copied_from=version,
            created_by=actor,
            **{name: getattr(version, name) for name in VERSION_FIELDS},
        )
        _save_clause(
            clause,
            actor=actor,
            reason=_("Copie de %(code)s (%(organisation)s, version %(number)d)")
            % {
                "code": source.code,
                "organisation": source.organisation.name,
                "number": version.number,
            },
            purchase_families=list(source.purchase_families.all()),
        )
    return clause
