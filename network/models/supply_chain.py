"""The supply chain of suppliers: production sites, social audits and their findings."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from ..countries import Country
from .groups import PurchasingGroup, group_ids_of


class ProductionSiteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sites of the organisation's suppliers, sites audited in an audit the person may read,
        and sites of the suppliers holding a contract of one of their groups."""
        from purchasing.models import Award

        if not user.is_authenticated:
            return self.none()
        groups = group_ids_of(user)
        condition = models.Q(pk__in=Audit.objects.visible_to(user).values("site_id")) | models.Q(
            supplier_id__in=Award.objects.filter(lot__market__group_link__group__in=groups).values(
                "supplier_id"
            )
        )
        if user.organisation_id is not None:
            condition |= models.Q(supplier__organisation_id=user.organisation_id)
        return self.filter(condition)


class ProductionSite(models.Model):
    supplier = models.ForeignKey(
        "purchasing.Supplier",
        verbose_name=_("fournisseur"),
        on_delete=models.PROTECT,
        related_name="production_sites",
    )
    name = models.CharField(_("nom du site"), max_length=200)
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    activity = models.CharField(
        _("activité"),
        max_length=200,
        help_text=_("Par exemple : filature, tissage, teinture, confection."),
    )
    workers = models.PositiveIntegerField(_("nombre de travailleurs"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProductionSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site de production")
        verbose_name_plural = _("sites de production")
        ordering = ["supplier", "country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "name", "country", "city"],
                name="production_site_unique_per_supplier",
                violation_error_message=_("Ce fournisseur a déjà un site de ce nom à cet endroit."),
            ),
            models.CheckConstraint(
                condition=models.Q(country__regex=r"^[A-Z]{2}$"),
                name="production_site_country_iso_code",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_country_display()})"


class AuditStandard(models.TextChoices):
    ILO_CORE = "ilo_core", _("Conventions fondamentales de l'OIT")
    SA8000 = "sa8000", _("SA8000")
    AMFORI_BSCI = "amfori_bsci", _("amfori BSCI")
    SMETA = "smeta", _("SMETA (Sedex)")
    WRAP = "wrap", _("WRAP")
    OTHER = "other", _("Autre référentiel")


class AuditResult(models.TextChoices):
    COMPLIANT = "compliant", _("Conforme")
    MINOR = "minor", _("Non-conformités mineures")
    MAJOR = "major", _("Non-conformités majeures")
    CRITICAL = "critical", _("Manquement critique")


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Audits recorded by the person's organisation and those of their groups."""
        if not user.is_authenticated:
            return self.none()
        condition = models.Q(group_id__in=group_ids_of(user))
        if user.organisation_id is not None:
            condition |= models.Q(organisation_id=user.organisation_id)
        return self.filter(condition)


def audit_report_path(instance, filename):
    return f"network/audits/{instance.public_id}/{filename}"


class Audit(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    site = models.ForeignKey(
        ProductionSite,
        verbose_name=_("site de production"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    group = models.ForeignKey(
        PurchasingGroup,
        verbose_name=_("groupement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits",
        help_text=_("Les membres du groupement voient l'audit et ses constats."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation qui l'a enregistré"),
        on_delete=models.PROTECT,
        related_name="social_audits",
    )
    audited_on = models.DateField(_("date de l'audit"))
    auditor = models.CharField(_("auditeur"), max_length=200)
    standard = models.CharField(_("référentiel"), max_length=20, choices=AuditStandard.choices)
    scope = models.TextField(_("périmètre"), blank=True)
    result = models.CharField(_("résultat"), max_length=20, choices=AuditResult.choices)
    report = models.FileField(_("rapport d'audit"), upload_to=audit_report_path, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit social")
        verbose_name_plural = _("audits sociaux")
        ordering = ["-audited_on", "-pk"]
        constraints = [
            choices_constraint("standard", AuditStandard, name="audit_standard_valid"),
            choices_constraint("result", AuditResult, name="audit_result_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "audited_on"])]

    def __str__(self):
        return f"{self.site} — {self.audited_on:%d/%m/%Y}"


class FindingTopic(models.TextChoices):
    CHILD_LABOUR = "child_labour", _("Travail des enfants")
    FORCED_LABOUR = "forced_labour", _("Travail forcé")
    FREEDOM_OF_ASSOCIATION = "freedom_of_association", _("Liberté syndicale")
    DISCRIMINATION = "discrimination", _("Discrimination")
    HEALTH_AND_SAFETY = "health_and_safety", _("Santé et sécurité")
    WAGES = "wages", _("Salaires")
    WORKING_HOURS = "working_hours", _("Temps de travail")


class Severity(models.TextChoices):
    LOW = "low", _("Faible")
    MEDIUM = "medium", _("Moyenne")
    HIGH = "high", _("Élevée")
    CRITICAL = "critical", _("Critique")

    @property
    def tone(self) -> str:
        """The tone of its badge (core.ui.TONES)."""
        tones = {"low": "light", "medium": "info", "high": "warning", "critical": "danger"}
        return tones[self.value]


# Most serious first: the order of the dashboards.
SEVERITY_ORDER = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW]


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    IN_PROGRESS = "in_progress", _("En cours de correction")
    CLOSED = "closed", _("Clos")


class FindingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(audit__in=Audit.objects.visible_to(user))

    def unresolved(self):
        return self.exclude(status=FindingStatus.CLOSED)

    def overdue(self, day=None):
        """Corrective actions past their deadline and not closed."""
        return self.unresolved().filter(deadline__lt=day or timezone.localdate())


def finding_evidence_path(instance, filename):
    return f"network/findings/{instance.audit.public_id}/{filename}"


class Finding(models.Model):
    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    topic = models.CharField(_("thème"), max_length=30, choices=FindingTopic.choices)
    severity = models.CharField(_("gravité"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("constat"))
    corrective_action = models.TextField(_("action corrective"), blank=True)
    deadline = models.DateField(_("échéance de l'action corrective"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    closed_on = models.DateField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("clos par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.FileField(
        _("preuve de correction"), upload_to=finding_evidence_path, blank=True
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # Set when the people concerned were told its deadline passed: they are told once.
    overdue_notified_at = models.DateTimeField(
        _("retard signalé le"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("constat d'audit")
        verbose_name_plural = _("constats d'audit")
        ordering = ["audit", "pk"]
        constraints = [
            choices_constraint("topic", FindingTopic, name="finding_topic_valid"),
            choices_constraint("severity", Severity, name="finding_severity_valid"),
            choices_constraint("status", FindingStatus, name="finding_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=FindingStatus.CLOSED)
                | (models.Q(closed_on__isnull=False) & ~models.Q(evidence="")),
                name="finding_closed_has_date_and_evidence",
                violation_error_message=_(
                    "Un constat clos a une date de clôture et une preuve de correction."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status=FindingStatus.CLOSED) | models.Q(closed_on__isnull=True),
                name="finding_unresolved_has_no_closed_on",
                violation_error_message=_("Seul un constat clos a une date de clôture."),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.get_severity_display()})"

    @property
    def severity_tone(self) -> str:
        return Severity(self.severity).tone

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != FindingStatus.CLOSED
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )
