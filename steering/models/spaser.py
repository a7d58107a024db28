"""The SPASER (schéma de promotion des achats publics socialement et écologiquement
responsables, Code de la commande publique art. L2111-3 and D2111-3): the threshold of yearly
purchases above which a buyer must adopt one, the scheme of an organisation in versions with
its axes and objectives, and its yearly reports.

A version is a draft, then adopted (a date and a committee decision), then superseded by the
next adopted version of the same period; an adopted or superseded version is frozen. Every
write goes through `services/spaser.py`; who may do what is decided by `access.py`."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationScopedQuerySet
from core.constraints import choices_constraint
from core.models import JOB_STATE_LABELS, JOB_STATE_TONES


class SpaserThreshold(models.Model):
    """The yearly purchase volume (excl. VAT) above which the SPASER is due, from a date:
    dated data an administrator keeps up to date with the law."""

    amount = models.DecimalField(
        _("seuil annuel d'achats HT (€)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    valid_from = models.DateField(_("en vigueur à partir du"))
    valid_until = models.DateField(_("jusqu'au"), null=True, blank=True)
    reference = models.CharField(_("référence légale"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seuil d'obligation du SPASER")
        verbose_name_plural = _("seuils d'obligation du SPASER")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="spaser_threshold_one_per_date"),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="spaser_threshold_dates_ordered",
                violation_error_message=_("La fin de validité précède son début."),
            ),
        ]

    def __str__(self):
        return f"{self.amount} € ({self.reference})"

    @classmethod
    def in_force(cls, day: datetime.date) -> "SpaserThreshold | None":
        return (
            cls.objects.filter(valid_from__lte=day)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
            .order_by("-valid_from")
            .first()
        )


class AxisKind(models.TextChoices):
    ENVIRONMENTAL = "environmental", _("Environnement")
    SOCIAL = "social", _("Social et insertion")
    ECONOMIC = "economic", _("Économie : PME et structures de l'économie sociale et solidaire")
    GOVERNANCE = "governance", _("Gouvernance et formation")


class Unit(models.TextChoices):
    SHARE = "share", _("part (%)")
    HOURS = "hours", _("heures")
    COUNT = "count", _("nombre")


class Indicator(models.TextChoices):
    """The catalogue of indicators the product computes (selectors/spaser.py)."""

    ENVIRONMENTAL_CONTRACTS = (
        "environmental_contracts",
        _("Part des marchés notifiés avec une considération environnementale"),
    )
    SOCIAL_CONTRACTS = (
        "social_contracts",
        _("Part des marchés notifiés avec une considération sociale"),
    )
    INSERTION_HOURS_COMMITTED = (
        "insertion_hours_committed",
        _("Heures d'insertion prévues par les clauses des marchés"),
    )
    INSERTION_HOURS_ACHIEVED = "insertion_hours_achieved", _("Heures d'insertion réalisées")
    RESERVED_CONTRACTS = "reserved_contracts", _("Marchés réservés notifiés")
    INCLUSIVE_SPEND = (
        "inclusive_spend",
        _("Part de la dépense auprès de structures inclusives (SIAE, EA, ESAT)"),
    )
    SME_SPEND = "sme_spend", _("Part de la dépense auprès de PME")
    ECO_SUPPLIES = (
        "eco_supplies",
        _("Part éco-responsable des fournitures de bureau (règle budgétaire)"),
    )
    RECYCLED_PAPER = "recycled_paper", _("Part de papier recyclé (règle budgétaire)")
    AGEC_REUSE = "agec_reuse", _("Part de la dépense AGEC issue du réemploi ou de la réutilisation")
    AGEC_RECYCLED = "agec_recycled", _("Part de la dépense AGEC intégrant des matières recyclées")
    BUYERS_TRAINED = (
        "buyers_trained",
        _("Part des acheteurs formés dans les trois dernières années"),
    )
    AUDITS_DONE = "audits_done", _("Audits sociaux réalisés dans la chaîne d'approvisionnement")
    FINDINGS_CLOSED = "findings_closed", _("Non-conformités d'audit closes")
    CLIMATE_FLAGGED = (
        "climate_flagged",
        _("Marchés notifiés signalés au titre de l'art. 35 de la loi Climat et résilience"),
    )


UNITS = {
    Indicator.ENVIRONMENTAL_CONTRACTS: Unit.SHARE,
    Indicator.SOCIAL_CONTRACTS: Unit.SHARE,
    Indicator.INSERTION_HOURS_COMMITTED: Unit.HOURS,
    Indicator.INSERTION_HOURS_ACHIEVED: Unit.HOURS,
    Indicator.RESERVED_CONTRACTS: Unit.COUNT,
    Indicator.INCLUSIVE_SPEND: Unit.SHARE,
    Indicator.SME_SPEND: Unit.SHARE,
    Indicator.ECO_SUPPLIES: Unit.SHARE,
    Indicator.RECYCLED_PAPER: Unit.SHARE,
    Indicator.AGEC_REUSE: Unit.SHARE,
    Indicator.AGEC_RECYCLED: Unit.SHARE,
    Indicator.BUYERS_TRAINED: Unit.SHARE,
    Indicator.AUDITS_DONE: Unit.COUNT,
    Indicator.FINDINGS_CLOSED: Unit.COUNT,
    Indicator.CLIMATE_FLAGGED: Unit.COUNT,
}
SHARE_INDICATORS = [code for code, unit in UNITS.items() if unit == Unit.SHARE]

# PNAD 2022–2025 (plan national pour des achats durables): offered as the defaults of a new
# scheme, editable. The plan ended in 2025; no successor is assumed.
PNAD_DEFAULTS = (
    (AxisKind.ENVIRONMENTAL, Indicator.ENVIRONMENTAL_CONTRACTS, Decimal("100")),
    (AxisKind.SOCIAL, Indicator.SOCIAL_CONTRACTS, Decimal("30")),
)


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Projet")
    ADOPTED = "adopted", _("Adopté")
    SUPERSEDED = "superseded", _("Remplacé")


SCHEME_TONES = {
    SchemeStatus.DRAFT: "warning",
    SchemeStatus.ADOPTED: "success",
    SchemeStatus.SUPERSEDED: "secondary",
}
YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Scheme(models.Model):
    """One version of an organisation's SPASER for a period of years."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="spaser_versions",
    )
    first_year = models.PositiveSmallIntegerField(_("première année"), validators=YEARS)
    last_year = models.PositiveSmallIntegerField(_("dernière année"), validators=YEARS)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(
        _("intitulé"),
        max_length=250,
        default=_(
            "Schéma de promotion des achats publics socialement et écologiquement responsables"
        ),
    )
    summary = models.TextField(_("présentation"), blank=True)
    status = models.CharField(
        _("état"), max_length=12, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopté le"), null=True, blank=True)
    decision = models.ForeignKey(
        "steering.Decision",
        verbose_name=_("décision du comité"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spaser_versions",
    )
    signatory_name = models.CharField(_("signataire"), max_length=150, blank=True)
    signatory_title = models.CharField(_("qualité du signataire"), max_length=200, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("version précédente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("SPASER")
        verbose_name_plural = _("SPASER")
        ordering = ["organisation", "-first_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "first_year", "version"],
                name="scheme_version_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "first_year"],
                condition=models.Q(status="adopted"),
                name="scheme_one_adopted_per_period",
                violation_error_message=_("Une version de ce schéma est déjà adoptée."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "first_year"],
                condition=models.Q(status="draft"),
                name="scheme_one_draft_per_period",
                violation_error_message=_("Un projet de ce schéma est déjà en cours."),
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="scheme_years_ordered",
                violation_error_message=_("La dernière année précède la première."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(adopted_on__isnull=False, decision__isnull=False),
                name="scheme_adopted_has_date_and_decision",
                violation_error_message=_("Un schéma adopté a une date et une décision."),
            ),
            choices_constraint("status", SchemeStatus, name="scheme_status_valid"),
        ]

    def __str__(self):
        return _("SPASER %(first)s–%(last)s, version %(version)s") % {
            "first": self.first_year,
            "last": self.last_year,
            "version": self.version,
        }

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @property
    def is_frozen(self) -> bool:
        return self.status != SchemeStatus.DRAFT

    @property
    def status_tone(self) -> str:
        return SCHEME_TONES.get(self.status, "light")


class SchemeRowQuerySet(models.QuerySet):
    organisation_field = "scheme__organisation_id"

    def visible_to(self, user):
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(**{self.organisation_field: user.organisation_id})


class Axis(models.Model):
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("schéma"), on_delete=models.CASCADE, related_name="axes"
    )
    kind = models.CharField(_("axe"), max_length=20, choices=AxisKind.choices)
    title = models.CharField(_("intitulé"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = SchemeRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("axe du SPASER")
        verbose_name_plural = _("axes du SPASER")
        ordering = ["scheme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="scheme_axis_kind_unique"),
            choices_constraint("kind", AxisKind, name="scheme_axis_kind_valid"),
        ]

    def __str__(self):
        return self.title


class ObjectiveQuerySet(SchemeRowQuerySet):
    organisation_field = "axis__scheme__organisation_id"


class Objective(models.Model):
    """An objective of an axis, followed by one indicator of the catalogue."""

    axis = models.ForeignKey(
        Axis, verbose_name=_("axe"), on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(_("objectif"), max_length=250)
    indicator = models.CharField(_("indicateur"), max_length=40, choices=Indicator.choices)
    baseline = models.DecimalField(
        _("valeur de référence"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("année de référence"), null=True, blank=True, validators=YEARS
    )
    target = models.DecimalField(
        _("valeur cible"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    target_year = models.PositiveSmallIntegerField(_("année cible"), validators=YEARS)

    history = HistoricalRecords()
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objectif du SPASER")
        verbose_name_plural = _("objectifs du SPASER")
        ordering = ["axis", "pk"]
        constraints = [
            choices_constraint("indicator", Indicator, name="objective_indicator_in_catalogue"),
            models.CheckConstraint(
                condition=models.Q(target__gte=0)
                & (
                    ~models.Q(indicator__in=SHARE_INDICATORS)
                    | models.Q(target__lte=100, baseline__lte=100)
                    | models.Q(target__lte=100, baseline__isnull=True)
                ),
                name="objective_share_targets_are_percentages",
                violation_error_message=_("Une part est comprise entre 0 et 100."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def unit(self) -> str:
        return UNITS[self.indicator]


class SpaserReportStatus(models.TextChoices):
    PENDING = "pending", _("En construction")
    READY = "ready", _("Prêt")
    FAILED = "failed", _("Échec")


def spaser_report_path(instance, filename):
    return f"spaser/{instance.organisation_id}/{filename}"


class SpaserReport(models.Model):
    """The yearly report of a SPASER: every objective's indicator of the year in number and in
    value, built by a job (core.models.Job) like the quarterly report, archived, published
    on the public page only when the committee says so."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="spaser_reports",
    )
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("schéma"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("année"), validators=YEARS)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=SpaserReportStatus.choices,
        default=SpaserReportStatus.PENDING,
    )
    job = models.OneToOneField(
        "core.Job",
        verbose_name=_("travail de construction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spaser_report",
    )
    requested_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    comments = models.JSONField(_("commentaires du comité par axe"), default=dict, blank=True)
    figures = models.JSONField(_("chiffres utilisés"), default=dict, blank=True)
    file = models.FileField(_("fichier PDF"), upload_to=spaser_report_path, blank=True)
    published = models.BooleanField(_("publié"), default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["figures"])
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport annuel du SPASER")
        verbose_name_plural = _("rapports annuels du SPASER")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(status="pending"),
                name="spaser_report_one_build_at_a_time",
                violation_error_message=_("Le rapport de cette année est déjà en construction."),
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(status="ready"),
                name="spaser_report_published_only_when_ready",
                violation_error_message=_("Seul un rapport prêt peut être publié."),
            ),
            choices_constraint("status", SpaserReportStatus, name="spaser_report_status_valid"),
        ]

    def __str__(self):
        return _("Rapport annuel %(year)s du SPASER — %(organisation)s") % {
            "year": self.year,
            "organisation": self.organisation,
        }

    @property
    def is_active(self) -> bool:
        return self.status == SpaserReportStatus.PENDING

    @property
    def state(self) -> str:
        if self.is_active and self.job is not None:
            return self.job.state
        return self.status

    @property
    def state_label(self) -> str:
        if self.is_active and self.job is not None:
            return JOB_STATE_LABELS[self.job.state]
        return self.get_status_display()

    @property
    def status_tone(self) -> str:
        return JOB_STATE_TONES.get(self.state, "secondary")

    @property
    def progress(self) -> int:
        return self.job.progress if self.job is not None else 0

    @property
    def error(self) -> str:
        return self.job.error if self.job is not None else ""
