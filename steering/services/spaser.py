"""Writes of the SPASER: a scheme's draft (with the PNAD defaults), its axes and objectives,
its adoption (a date and a committee decision; the adopted version of the same period is
superseded), a new version of an adopted one; the yearly report asked for, built by core's job
mechanism (PDF and archived figures), retried, published or withdrawn.

Only committee members and organisation administrators write (`access.can_manage_spaser`);
an adopted or superseded version is frozen. A refusal raises ValidationError (French, on the
field when there is one) or PermissionDenied."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import ensure
from core.history import history_delete, history_save
from core.jobs import services as jobs
from core.jobs.registry import Progress
from core.models import JobStatus

from .. import access, pdf
from ..models import (
    SHARE_INDICATORS,
    Axis,
    AxisKind,
    Decision,
    Indicator,
    Objective,
    Scheme,
    SchemeStatus,
    SpaserReport,
    SpaserReportStatus,
)
from ..models.spaser import PNAD_DEFAULTS
from ..selectors.spaser import report_figures

JOB_KIND = "steering.spaser_report"


def _check(actor: User, organisation_id: int) -> None:
    ensure(access.can_manage_spaser(actor))
    if actor.organisation_id != organisation_id:
        raise PermissionDenied


def _draft(scheme: Scheme) -> Scheme:
    """The scheme locked, refused unless a draft: an adopted version is frozen."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.status != SchemeStatus.DRAFT:
        raise ValidationError(
            _("Cette version est %(status)s : elle ne se modifie plus. Créez une nouvelle version.")
            % {"status": scheme.get_status_display().lower()},
            code="frozen",
        )
    return scheme


# --- The scheme ---------------------------------------------------------------------------------


def scheme_create(
    *,
    actor: User | None,
    first_year: int,
    last_year: int,
    title: str = "",
    summary: str = "",
    organisation=None,
) -> Scheme:
    """A draft for a period, with one axis of each kind and the PNAD 2022–2025 targets as
    editable defaults. Without an actor (setup only: the demo of an organisation nobody may
    manage yet), the draft of `organisation`."""
    if actor is not None:
        _check(actor, actor.organisation_id)
        organisation = actor.organisation
    elif organisation is None:
        raise PermissionDenied
    if last_year < first_year:
        raise ValidationError({"last_year": _("La dernière année précède la première.")})
    if last_year - first_year > 9:
        raise ValidationError({"last_year": _("Un schéma couvre au plus dix ans.")})
    with transaction.atomic():
        if Scheme.objects.filter(organisation=organisation, first_year=first_year).exists():
            raise ValidationError(
                {
                    "first_year": _(
                        "Un schéma commence déjà en %(year)s : ouvrez-le pour le modifier ou en "
                        "créer une nouvelle version."
                    )
                    % {"year": first_year}
                }
            )
        scheme = Scheme(
            organisation=organisation,
            first_year=first_year,
            last_year=last_year,
            summary=summary.strip(),
        )
        if title.strip():
            scheme.title = title.strip()
        history_save(scheme, actor=actor, reason=_("Projet de SPASER"))
        axes = {}
        for kind in AxisKind:
            axes[kind] = Axis(scheme=scheme, kind=kind, title=str(kind.label))
            history_save(axes[kind], actor=actor, reason=_("Projet de SPASER"))
        for kind, indicator, target in PNAD_DEFAULTS:
            history_save(
                Objective(
                    axis=axes[kind],
                    title=str(Indicator(indicator).label),
                    indicator=indicator,
                    target=target,
                    target_year=last_year,
                ),
                actor=actor,
                reason=_("Objectif par défaut du PNAD 2022-2025"),
            )
    return scheme


def scheme_update(*, actor: User, scheme: Scheme, **fields) -> Scheme:
    """The draft's title, summary, signatory and last year."""
    _check(actor, scheme.organisation_id)
    allowed = {"title", "summary", "signatory_name", "signatory_title", "last_year"}
    with transaction.atomic():
        scheme = _draft(scheme)
        for name, value in fields.items():
            if name not in allowed:
                raise ValueError(name)
            setattr(scheme, name, value.strip() if isinstance(value, str) else value)
        if scheme.last_year < scheme.first_year:
            raise ValidationError({"last_year": _("La dernière année précède la première.")})
        history_save(scheme, actor=actor, reason=_("Projet de SPASER modifié"))
    return scheme


def axis_update(*, actor: User, axis: Axis, title: str, description: str = "") -> Axis:
    _check(actor, axis.scheme.organisation_id)
    if not title.strip():
        raise ValidationError({"title": _("Donnez un intitulé à l'axe.")})
    with transaction.atomic():
        _draft(axis.scheme)
        axis.title, axis.description = title.strip(), description.strip()
        history_save(axis, actor=actor, reason=_("Axe du SPASER modifié"))
    return axis


def validate_objective(*, indicator: str, target, baseline) -> None:
    """The indicator from the catalogue; a share's target and baseline from 0 to 100."""
    if indicator not in Indicator.values:
        raise ValidationError({"indicator": _("Choisissez un indicateur du catalogue.")})
    for name, value in (("target", target), ("baseline", baseline)):
        if value is None:
            continue
        if value < 0:
            raise ValidationError({name: _("La valeur ne peut pas être négative.")})
        if indicator in SHARE_INDICATORS and value > 100:
            raise ValidationError(
                {name: _("Cet indicateur est une part : la valeur est comprise entre 0 et 100.")}
            )


def objective_save(
    *,
    actor: User,
    axis: Axis,
    title: str,
    indicator: str,
    target: Decimal,
    target_year: int,
    baseline: Decimal | None = None,
    baseline_year: int | None = None,
    objective: Objective | None = None,
) -> Objective:
    """Add an objective to a draft's axis, or change one."""
    _check(actor, axis.scheme.organisation_id)
    if not title.strip():
        raise ValidationError({"title": _("Décrivez l'objectif.")})
    validate_objective(indicator=indicator, target=target, baseline=baseline)
    if objective is not None and objective.axis_id != axis.pk:
        raise ValidationError(_("Cet objectif n'appartient pas à cet axe."))
    with transaction.atomic():
        scheme = _draft(axis.scheme)
        if not scheme.first_year <= target_year <= scheme.last_year + 5:
            raise ValidationError(
                {
                    "target_year": _("L'année cible est comprise entre %(first)s et %(last)s.")
                    % {"first": scheme.first_year, "last": scheme.last_year + 5}
                }
            )
        row = objective or Objective(axis=axis)
        row.title, row.indicator = title.strip(), indicator
        row.target, row.target_year = target, target_year
        row.baseline, row.baseline_year = baseline, baseline_year
        history_save(row, actor=actor, reason=_("Objectif du SPASER"))
    return row


def objective_delete(*, actor: User, objective: Objective) -> None:
    _check(actor, objective.axis.scheme.organisation_id)
    with transaction.atomic():
        _draft(objective.axis.scheme)
        history_delete(objective, actor=actor, reason=_("Objectif du SPASER retiré"))


def scheme_adopt(
    *, actor: User, scheme: Scheme, adopted_on: datetime.date, decision: Decision
) -> Scheme:
    """The draft adopted on `adopted_on` by `decision` of the organisation's committee; the
    version adopted before for the same period is superseded. Frozen from then on."""
    _check(actor, scheme.organisation_id)
    if decision.meeting.committee.organisation_id != scheme.organisation_id:
        raise ValidationError({"decision": _("Choisissez une décision de votre comité.")})
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("La date d'adoption ne peut pas être future.")})
    if adopted_on < decision.meeting.held_on:
        raise ValidationError(
            {"adopted_on": _("Le schéma ne peut pas être adopté avant la réunion qui le décide.")}
        )
    with transaction.atomic():
        scheme = _draft(scheme)
        if not Objective.objects.filter(axis__scheme=scheme).exists():
            raise ValidationError(
                _("Le schéma n'a aucun objectif : ajoutez-en avant de l'adopter.")
            )
        if not scheme.signatory_name.strip():
            raise ValidationError(
                {"signatory_name": _("Indiquez le signataire du schéma avant de l'adopter.")}
            )
        for previous in Scheme.objects.select_for_update().filter(
            organisation_id=scheme.organisation_id,
            first_year=scheme.first_year,
            status=SchemeStatus.ADOPTED,
        ):
            previous.status = SchemeStatus.SUPERSEDED
            history_save(previous, actor=actor, reason=_("Remplacé par une nouvelle version"))
        scheme.status = SchemeStatus.ADOPTED
        scheme.adopted_on, scheme.decision = adopted_on, decision
        history_save(scheme, actor=actor, reason=_("SPASER adopté"))
    return scheme


def scheme_new_version(*, actor: User, scheme: Scheme) -> Scheme:
    """A draft copied from an adopted version (its axes and objectives), which it will
    supersede once adopted."""
    _check(actor, scheme.organisation_id)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.ADOPTED:
            raise ValidationError(_("Seule la version adoptée se remplace par une nouvelle."))
        if Scheme.objects.filter(
            organisation_id=scheme.organisation_id,
            first_year=scheme.first_year,
            status=SchemeStatus.DRAFT,
        ).exists():
            raise ValidationError(_("Une nouvelle version est déjà en projet."), code="draft")
        last = (
            Scheme.objects.filter(
                organisation_id=scheme.organisation_id, first_year=scheme.first_year
            )
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        draft = Scheme(
            organisation_id=scheme.organisation_id,
            first_year=scheme.first_year,
            last_year=scheme.last_year,
            version=last + 1,
            title=scheme.title,
            summary=scheme.summary,
            signatory_name=scheme.signatory_name,
            signatory_title=scheme.signatory_title,
            previous=scheme if not hasattr(scheme, "next_version") else None,
        )
        history_save(draft, actor=actor, reason=_("Nouvelle version du SPASER"))
        for axis in scheme.axes.prefetch_related("objectives"):
            copy = Axis(
                scheme=draft, kind=axis.kind, title=axis.title, description=axis.description
            )
            history_save(copy, actor=actor, reason=_("Nouvelle version du SPASER"))
            for objective in axis.objectives.all():
                objective.pk, objective.axis = None, copy
                objective._state.adding = True
                history_save(objective, actor=actor, reason=_("Nouvelle version du SPASER"))
    return draft


# --- The yearly report --------------------------------------------------------------------------


def validate_report_year(year: int, scheme: Scheme, *, today: datetime.date | None = None) -> None:
    """A year that has ended, no earlier than the year before the scheme's period."""
    today = today or timezone.localdate()
    if year >= today.year:
        raise ValidationError(
            {
                "year": _(
                    "L'année %(year)s n'est pas terminée : "
                    "le dernier exercice complet est %(last)s."
                )
                % {"year": year, "last": today.year - 1}
            }
        )
    if year < scheme.first_year - 1 or year > scheme.last_year:
        raise ValidationError(
            {
                "year": _("Le rapport porte sur une année de %(first)s à %(last)s.")
                % {"first": scheme.first_year - 1, "last": scheme.last_year}
            }
        )


def report_request(
    *, actor: User, scheme: Scheme, year: int, comments: dict[str, str] | None = None
) -> tuple[SpaserReport, bool]:
    """Ask for the yearly report of `year` on the adopted `scheme`, with the committee's
    comment per axis (kind → text). While a report of that year builds, that one (False)."""
    _check(actor, scheme.organisation_id)
    if scheme.status != SchemeStatus.ADOPTED:
        raise ValidationError(_("Le rapport annuel suit la version adoptée du schéma."))
    validate_report_year(year, scheme)
    comments = {
        kind: text.strip() for kind, text in (comments or {}).items() if kind in AxisKind.values
    }
    if any(len(text) > 4000 for text in comments.values()):
        raise ValidationError(_("Un commentaire tient en 4 000 caractères au plus."))
    with transaction.atomic():
        active = SpaserReport.objects.filter(
            organisation_id=scheme.organisation_id, year=year, status=SpaserReportStatus.PENDING
        ).first()
        if active is not None:
            return active, False
        try:
            with transaction.atomic():
                report = SpaserReport(
                    organisation_id=scheme.organisation_id,
                    scheme=scheme,
                    year=year,
                    comments={key: value for key, value in comments.items() if value},
                    requested_by=actor,
                    job=jobs.job_open(kind=JOB_KIND, requested_by=actor),
                )
                history_save(report, actor=actor, reason=_("Rapport annuel du SPASER demandé"))
        except IntegrityError:
            active = SpaserReport.objects.filter(
                organisation_id=scheme.organisation_id,
                year=year,
                status=SpaserReportStatus.PENDING,
            ).first()
            if active is None:
                raise
            return active, False
        jobs.job_queue(job=report.job)
    return report, True


def report_retry(*, actor: User, report: SpaserReport) -> SpaserReport:
    """Build a failed report again."""
    _check(actor, report.organisation_id)
    with transaction.atomic():
        try:
            with transaction.atomic():
                retried = SpaserReport.objects.filter(
                    pk=report.pk, status=SpaserReportStatus.FAILED, job__status=JobStatus.FAILED
                ).update(status=SpaserReportStatus.PENDING)
        except IntegrityError as error:
            raise ValidationError(
                _("Un autre rapport de cette année est déjà en construction."), code="active"
            ) from error
        if not retried:
            raise ValidationError(_("Seul un rapport en échec peut être relancé."))
        report.refresh_from_db()
        jobs.job_retry(job=report.job)
    return report


def report_publish(*, actor: User, report: SpaserReport, published: bool) -> SpaserReport:
    """Show the report on the public page, or withdraw it."""
    _check(actor, report.organisation_id)
    with transaction.atomic():
        report = SpaserReport.objects.select_for_update().get(pk=report.pk)
        if published and report.status != SpaserReportStatus.READY:
            raise ValidationError(_("Seul un rapport prêt peut être publié."))
        report.published = published
        report.published_at = timezone.now() if published else None
        history_save(
            report,
            actor=actor,
            reason=_("Rapport publié") if published else _("Rapport retiré de la page publique"),
        )
    return report


def report_file_name(report: SpaserReport) -> str:
    """The name asked of the storage for the report's file (the storage adds a suffix when
    it is taken: a build never overwrites a file someone may be reading)."""
    return (
        f"spaser/{report.organisation_id}/"
        f"spaser-{report.organisation.slug}-{report.year}-{report.pk}.pdf"
    )


def report_build(*, report: SpaserReport, progress: Progress) -> str:
    """Compute the year's figures, keep them on the report, write its PDF in place; returns
    the file's name."""
    progress(10, _("Calcul des indicateurs de l'année"))
    figures = report_figures(scheme=report.scheme, year=report.year)
    SpaserReport.objects.filter(pk=report.pk, status=SpaserReportStatus.PENDING).update(
        figures=figures
    )
    progress(40, _("Mise en page du rapport"))
    document = pdf.spaser_pdf(report=report, figures=figures)
    progress(95, _("Enregistrement du fichier"))
    # Through the storage (the local folder or the object storage every host shares), as the
    # quarterly report: saved whole under a name of its own, which the report then points at.
    return default_storage.save(report_file_name(report), ContentFile(document))


def report_mark_ready(*, report_id: int, file_name: str) -> None:
    SpaserReport.objects.filter(pk=report_id, status=SpaserReportStatus.PENDING).update(
        status=SpaserReportStatus.READY, file=file_name
    )


def report_mark_failed(*, report_id: int) -> None:
    SpaserReport.objects.filter(pk=report_id, status=SpaserReportStatus.PENDING).update(
        status=SpaserReportStatus.FAILED
    )
