"""Writes on the supply chain of suppliers: production sites, social audits and their
findings, whose corrective actions are followed until closed with evidence.

Advisors (the record_audits permission) record them. An audit, its findings and their closure
are changed by the organisation that recorded the audit; a site by the supplier's organisation
or the one that recorded it. A refusal raises ValidationError (a French message) or
PermissionDenied; nothing is written then."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core import uploads
from core.history import history_save, refuse_unknown_fields
from purchasing.models import Supplier
from purchasing.services import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES

from .. import access
from ..models import (
    Audit,
    Finding,
    FindingStatus,
    ProductionSite,
    PurchasingGroup,
)

SITE_FIELDS = frozenset({"name", "country", "city", "activity", "workers"})
AUDIT_FIELDS = frozenset({"audited_on", "auditor", "standard", "scope", "result", "group"})
FINDING_FIELDS = frozenset({"topic", "severity", "description", "corrective_action", "deadline"})
# The statuses set by hand; closing needs its evidence (finding_close).
UNRESOLVED_STATUSES = (FindingStatus.OPEN, FindingStatus.IN_PROGRESS)
ACCEPTED_FORMATS = ", ".join(extension.lstrip(".").upper() for extension in EVIDENCE_EXTENSIONS)


# --- Helpers -----------------------------------------------------------------------------------


def _check_file(upload, *, field: str) -> None:
    """The type, size and content limits of purchasing's evidence files."""
    name = (upload.name or "").lower()
    if not name.endswith(EVIDENCE_EXTENSIONS):
        raise ValidationError(
            {
                field: _("Fichier refusé : formats acceptés %(formats)s.")
                % {"formats": ACCEPTED_FORMATS}
            }
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                field: _("Fichier trop lourd : %(size)s Mo au plus.")
                % {"size": EVIDENCE_MAX_BYTES // (1024 * 1024)}
            }
        )
    if problem := uploads.content_problem(upload):
        raise ValidationError({field: problem})


def _check_not_future(day: datetime.date | None, *, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


def _lock_finding(finding: Finding) -> Finding:
    """The finding re-read under a row lock, so that two people cannot both close it."""
    return Finding.objects.select_for_update().select_related("audit").get(pk=finding.pk)


def _ensure_unresolved(finding: Finding) -> None:
    if finding.status == FindingStatus.CLOSED:
        raise ValidationError(
            _("Ce constat est clos le %(day)s : il ne se modifie plus.")
            % {"day": date_format(finding.closed_on, "SHORT_DATE_FORMAT")}
        )


def _check_deadline(audit: Audit, deadline, corrective_action: str) -> None:
    if deadline is None:
        return
    if deadline < audit.audited_on:
        raise ValidationError(
            {
                "deadline": _(
                    "L'échéance de l'action corrective précède la date de l'audit (%(day)s)."
                )
                % {"day": date_format(audit.audited_on, "SHORT_DATE_FORMAT")}
            }
        )
    if not corrective_action.strip():
        raise ValidationError(
            {"corrective_action": _("Décrivez l'action corrective attendue pour cette échéance.")}
        )


# --- Production sites --------------------------------------------------------------------------


def site_create(
    *,
    actor: User,
    supplier: Supplier,
    name: str,
    country: str,
    activity: str,
    city: str = "",
    workers: int | None = None,
) -> ProductionSite:
    """A production site of the supplier (its country by ISO code)."""
    if not access.can_record_site(actor, supplier):
        raise PermissionDenied
    site = ProductionSite(
        supplier=supplier,
        name=name.strip(),
        country=country,
        city=city.strip(),
        activity=activity.strip(),
        workers=workers,
        recorded_by=actor,
    )
    with transaction.atomic():
        history_save(site, actor=actor, reason=_("Site de production enregistré"))
    return site


def site_update(*, actor: User, site: ProductionSite, **fields) -> ProductionSite:
    """Change a production site (an advisor of the supplier's or the recording organisation)."""
    if not access.can_edit_site(actor, site):
        raise PermissionDenied
    refuse_unknown_fields("site_update", fields, SITE_FIELDS)
    with transaction.atomic():
        site = ProductionSite.objects.select_for_update().get(pk=site.pk)
        for name, value in fields.items():
            setattr(site, name, value.strip() if isinstance(value, str) else value)
        history_save(site, actor=actor, reason=_("Site de production modifié"))
    return site


# --- Audits ------------------------------------------------------------------------------------


def audit_record(
    *,
    actor: User,
    site: ProductionSite,
    audited_on: datetime.date,
    auditor: str,
    standard: str,
    result: str,
    scope: str = "",
    group: PurchasingGroup | None = None,
    report=None,
) -> Audit:
    """A social audit of the site, recorded by the actor's organisation; shared with a group's
    members when it names the group."""
    if not access.can_record_audit(actor, site, group):
        raise PermissionDenied
    _check_not_future(
        audited_on,
        field="audited_on",
        message=_("La date de l'audit ne peut pas être dans le futur."),
    )
    if report is not None:
        _check_file(report, field="report")
    audit = Audit(
        site=site,
        group=group,
        organisation_id=actor.organisation_id,
        audited_on=audited_on,
        auditor=auditor.strip(),
        standard=standard,
        scope=scope.strip(),
        result=result,
        recorded_by=actor,
    )
    if report is not None:
        audit.report = report
    with transaction.atomic():
        history_save(audit, actor=actor, reason=_("Audit enregistré"))
    return audit


def audit_update(*, actor: User, audit: Audit, report=None, **fields) -> Audit:
    """Change what the audit says; a new report file replaces the previous one."""
    if not access.can_edit_audit(actor, audit):
        raise PermissionDenied
    refuse_unknown_fields("audit_update", fields, AUDIT_FIELDS)
    group = fields.get("group")
    if (
        group is not None
        and group.pk != audit.group_id
        and not access.can_record_audits(actor, group)
    ):
        raise PermissionDenied
    _check_not_future(
        fields.get("audited_on"),
        field="audited_on",
        message=_("La date de l'audit ne peut pas être dans le futur."),
    )
    if report is not None:
        _check_file(report, field="report")
    with transaction.atomic():
        audit = Audit.objects.select_for_update().get(pk=audit.pk)
        if "audited_on" in fields:
            earliest = audit.findings.exclude(deadline=None).order_by("deadline").first()
            if earliest is not None and earliest.deadline < fields["audited_on"]:
                raise ValidationError(
                    {
                        "audited_on": _(
                            "Un constat de cet audit a une échéance au %(day)s, avant cette date."
                        )
                        % {"day": date_format(earliest.deadline, "SHORT_DATE_FORMAT")}
                    }
                )
        for name, value in fields.items():
            setattr(audit, name, value.strip() if isinstance(value, str) else value)
        if report is not None:
            audit.report = report
        history_save(audit, actor=actor, reason=_("Audit modifié"))
    return audit


# --- Findings ----------------------------------------------------------------------------------


def finding_add(
    *,
    actor: User,
    audit: Audit,
    topic: str,
    severity: str,
    description: str,
    corrective_action: str = "",
    deadline: datetime.date | None = None,
) -> Finding:
    """A finding of the audit, open, with its corrective action and deadline."""
    if not access.can_edit_audit(actor, audit):
        raise PermissionDenied
    _check_deadline(audit, deadline, corrective_action)
    finding = Finding(
        audit=audit,
        topic=topic,
        severity=severity,
        description=description.strip(),
        corrective_action=corrective_action.strip(),
        deadline=deadline,
        status=FindingStatus.OPEN,
    )
    with transaction.atomic():
        history_save(finding, actor=actor, reason=_("Constat enregistré"))
    return finding


def finding_update(*, actor: User, finding: Finding, **fields) -> Finding:
    """Change what an unresolved finding says (topic, severity, corrective action, deadline)."""
    if not access.can_edit_audit(actor, finding.audit):
        raise PermissionDenied
    refuse_unknown_fields("finding_update", fields, FINDING_FIELDS)
    with transaction.atomic():
        finding = _lock_finding(finding)
        _ensure_unresolved(finding)
        for name, value in fields.items():
            setattr(finding, name, value.strip() if isinstance(value, str) else value)
        _check_deadline(finding.audit, finding.deadline, finding.corrective_action)
        history_save(finding, actor=actor, reason=_("Constat modifié"))
    return finding


def finding_status_change(*, actor: User, finding: Finding, status: str) -> Finding:
    """Open ↔ in progress. Closing needs its evidence: finding_close."""
    if not access.can_edit_audit(actor, finding.audit):
        raise PermissionDenied
    if status not in UNRESOLVED_STATUSES:
        raise ValidationError(
            {
                "status": _(
                    "Pour clore un constat, joignez la preuve de correction avec le formulaire "
                    "de clôture."
                )
            }
        )
    with transaction.atomic():
        finding = _lock_finding(finding)
        _ensure_unresolved(finding)
        finding.status = status
        history_save(
            finding,
            actor=actor,
            reason=_("État du constat : %(status)s") % {"status": finding.get_status_display()},
        )
    return finding


def finding_close(
    *,
    actor: User,
    finding: Finding,
    evidence,
    closed_on: datetime.date | None = None,
) -> Finding:
    """Close the finding: the corrective action is done, the evidence file proves it. Without
    evidence, or with a file refused, nothing is written."""
    if not access.can_edit_audit(actor, finding.audit):
        raise PermissionDenied
    if not evidence:
        raise ValidationError(
            {
                "evidence": _(
                    "Joignez la preuve de correction : un constat ne se clôt pas sans elle."
                )
            }
        )
    _check_file(evidence, field="evidence")
    closed_on = closed_on or timezone.localdate()
    _check_not_future(
        closed_on,
        field="closed_on",
        message=_("La date de clôture ne peut pas être dans le futur."),
    )
    with transaction.atomic():
        finding = _lock_finding(finding)
        _ensure_unresolved(finding)
        if closed_on < finding.audit.audited_on:
            raise ValidationError(
                {
                    "closed_on": _("La date de clôture précède la date de l'audit (%(day)s).")
                    % {"day": date_format(finding.audit.audited_on, "SHORT_DATE_FORMAT")}
                }
            )
        finding.status = FindingStatus.CLOSED
        finding.closed_on = closed_on
        finding.closed_by = actor
        finding.evidence = evidence
        history_save(finding, actor=actor, reason=_("Constat clos avec sa preuve de correction"))
    return finding
