"""The money side: budgets per department, year and purchase family; purchase lines imported
from the finance system; the purchasing rules the organisation sets itself (the 20 % of
eco-responsible office supplies, the 100 % recycled paper) and the alerts they raised."""

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationScopedQuerySet
from clauses.models import EcoLabelProof
from core.constraints import choices_constraint

# The permissions the roles give (accounts/roles.py); `access.py` decides with them.
MANAGE_BUDGETS = "budgets.manage_budgets"
MANAGE_RULES = "budgets.manage_rules"
VIEW_ALL_COMPLIANCE = "budgets.view_all_compliance"
VIEW_DEPARTMENT_COMPLIANCE = "budgets.view_department_compliance"

MIN_YEAR = 2000
MAX_YEAR = 2100
AMOUNT_MAX_DIGITS = 14
ZERO = Decimal("0.00")


def year_validators():
    return [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]


class Budget(models.Model):
    """The amount a department may spend in a year on a purchase family (excluding VAT)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("direction"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    year = models.PositiveSmallIntegerField(_("année"), validators=year_validators())
    family = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("famille d'achat"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    amount = models.DecimalField(
        _("montant alloué HT (€)"),
        max_digits=AMOUNT_MAX_DIGITS,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "department__code", "family__name"]
        permissions = [
            ("manage_budgets", _("Fixer les budgets et importer les achats")),
            ("manage_rules", _("Gérer les règles d'achat")),
            ("view_all_compliance", _("Consulter le respect des règles de toutes les directions")),
            ("view_department_compliance", _("Consulter le respect des règles de sa direction")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "family"],
                name="budget_unique_department_year_family",
                violation_error_message=_(
                    "Cette direction a déjà un budget pour cette famille d'achat et cette année."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="budget_year_in_range",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self):
        return f"{self.department} — {self.family} — {self.year}"


class ImportKind(models.TextChoices):
    PURCHASES = "purchases", _("Achats")
    BUDGETS = "budgets", _("Budgets")


class ImportStatus(models.TextChoices):
    # The file is kept; its check runs in the background (the import's job).
    CHECKING = "checking", _("En cours de vérification")
    # The file was read and checked; nothing is written until the person confirms.
    PREVIEW = "preview", _("Aperçu à confirmer")
    REJECTED = "rejected", _("Refusé (erreurs)")
    IMPORTED = "imported", _("Importé")
    REVERSED = "reversed", _("Annulé")


# The kinds of the imports' background jobs (core.jobs), registered in apps.py.
IMPORT_CHECK_JOB = "budgets.import_check"
IMPORT_CONFIRM_JOB = "budgets.import_confirm"

# The tone of each status on its badge (core.ui.TONES).
IMPORT_STATUS_TONES = {
    ImportStatus.CHECKING: "secondary",
    ImportStatus.PREVIEW: "info",
    ImportStatus.REJECTED: "danger",
    ImportStatus.IMPORTED: "success",
    ImportStatus.REVERSED: "secondary",
}


class ImportBatch(models.Model):
    """One file from the finance system: who sent it, when, what it held and what became of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    kind = models.CharField(_("type"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    file = models.FileField(_("fichier"), upload_to="budgets/imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("nom du fichier"), max_length=255)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("envoyé par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide pour un import en ligne de commande."),
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    rows_total = models.PositiveIntegerField(_("lignes lues"), default=0)
    rows_created = models.PositiveIntegerField(_("lignes ajoutées"), default=0)
    rows_updated = models.PositiveIntegerField(_("lignes mises à jour"), default=0)
    rows_skipped = models.PositiveIntegerField(
        _("lignes déjà importées"),
        default=0,
        help_text=_("Lignes dont la référence était déjà connue : elles ne sont pas ajoutées."),
    )
    # [{"line": 3, "column": "amount_excl_vat", "message": "…"}, …]
    # The first IMPORT_MAX_ERRORS errors; errors_total counts them all.
    errors = models.JSONField(_("erreurs"), default=list, blank=True)
    errors_total = models.PositiveIntegerField(_("nombre d'erreurs"), default=0)
    imported_at = models.DateTimeField(_("importé le"), null=True, blank=True)
    imported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("importé par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reversed_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("annulé par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The background job at work on the file from the browser: its check, then its confirmation
    # (the command line imports in the process). Its progress and error are the page's.
    job = models.OneToOneField(
        "core.Job",
        verbose_name=_("travail en arrière-plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batch",
    )

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]
        constraints = [
            choices_constraint("kind", ImportKind, name="import_kind_valid"),
            choices_constraint("status", ImportStatus, name="import_status_valid"),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def status_tone(self) -> str:
        return IMPORT_STATUS_TONES[self.status]

    @property
    def active_job(self):
        """The job checking or confirming the file while it is queued or running, else None."""
        if self.job_id is not None and self.job.is_active:
            return self.job
        return None

    @property
    def confirming(self) -> bool:
        """A confirmation asked for and not finished (queued, running, or failed: retriable)."""
        return (
            self.status == ImportStatus.PREVIEW
            and self.job_id is not None
            and self.job.kind == IMPORT_CONFIRM_JOB
        )


class Purchase(models.Model):
    """A spend line of the finance system. Credit notes are negative lines."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="purchases",
    )
    reference = models.CharField(
        _("référence"),
        max_length=60,
        help_text=_("Identifiant de la ligne dans le logiciel financier."),
    )
    date = models.DateField(_("date"))
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("direction"),
        on_delete=models.PROTECT,
        related_name="purchases",
    )
    family = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("famille d'achat"),
        on_delete=models.PROTECT,
        related_name="purchases",
    )
    supplier = models.CharField(_("fournisseur"), max_length=200, blank=True)
    # Matched with the organisation's supplier records (purchasing.Supplier) when read: the
    # spend with SMEs and inclusive structures comes from the lines, never from a guess.
    supplier_siret = models.CharField(
        _("SIRET du fournisseur"), max_length=14, blank=True, default=""
    )
    description = models.CharField(_("libellé"), max_length=500, blank=True)
    amount = models.DecimalField(
        _("montant HT (€)"), max_digits=AMOUNT_MAX_DIGITS, decimal_places=2
    )
    eco_labels = models.ManyToManyField(
        "clauses.EcoLabel",
        verbose_name=_("écolabels"),
        blank=True,
        related_name="purchases",
    )
    recycled_content = models.PositiveSmallIntegerField(
        _("part de matière recyclée (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    reuse = models.BooleanField(_("issu du réemploi ou de la réutilisation"), default=False)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="purchases",
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("achat")
        verbose_name_plural = _("achats")
        ordering = ["-date", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                name="purchase_reference_unique_per_organisation",
                violation_error_message=_("Un achat de votre organisation a déjà cette référence."),
            ),
            models.CheckConstraint(
                condition=models.Q(recycled_content__isnull=True)
                | models.Q(recycled_content__lte=100),
                name="purchase_recycled_content_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(supplier_siret="")
                | models.Q(supplier_siret__regex=r"^[0-9]{14}$"),
                name="purchase_supplier_siret_14_digits",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["department", "family", "date"]),
            # The compliance and trend sums of a family's lines over a period read this index
            # alone (index-only scan): what they sum and test is in it.
            models.Index(
                fields=["organisation", "family", "date"],
                include=["department", "amount", "recycled_content", "reuse", "id"],
                name="purchase_family_sums",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.description}"


class RuleBasis(models.TextChoices):
    BUDGET = "budget", _("Part du budget alloué")
    SPEND = "spend", _("Part de la dépense")


class PurchasingRule(models.Model):
    """A rule the organisation sets itself: a share of a family's budget or spend must qualify.

    A purchase qualifies when it meets one of the criteria the rule accepts: an eco-label that
    proves eco-responsibility, a recycled content at or above the rule's minimum (from the line
    or from a label that proves recycled content), or reuse."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="purchasing_rules",
    )
    name = models.CharField(_("intitulé"), max_length=200)
    family = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("famille d'achat"),
        on_delete=models.PROTECT,
        related_name="purchasing_rules",
    )
    basis = models.CharField(_("assiette"), max_length=10, choices=RuleBasis.choices)
    threshold_percent = models.DecimalField(
        _("seuil (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    accepts_eco_label = models.BooleanField(
        _("un écolabel prouvant le caractère écoresponsable suffit"), default=False
    )
    accepts_recycled = models.BooleanField(_("la matière recyclée compte"), default=False)
    min_recycled_percent = models.PositiveSmallIntegerField(
        _("part minimale de matière recyclée (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    accepts_reuse = models.BooleanField(_("le réemploi compte"), default=False)
    first_year = models.PositiveSmallIntegerField(
        _("en vigueur à partir de"), validators=year_validators()
    )
    last_year = models.PositiveSmallIntegerField(
        _("en vigueur jusqu'à"),
        null=True,
        blank=True,
        validators=year_validators(),
        help_text=_("Vide : sans date de fin."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("règle d'achat")
        verbose_name_plural = _("règles d'achat")
        ordering = ["family__name", "name"]
        constraints = [
            choices_constraint("basis", RuleBasis, name="rule_basis_valid"),
            models.CheckConstraint(
                condition=models.Q(threshold_percent__gt=0, threshold_percent__lte=100),
                name="rule_threshold_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(accepts_eco_label=True)
                | models.Q(accepts_recycled=True)
                | models.Q(accepts_reuse=True),
                name="rule_accepts_something",
                violation_error_message=_(
                    "Choisissez au moins un critère : écolabel, matière recyclée ou réemploi."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(accepts_recycled=False, min_recycled_percent__isnull=True)
                | models.Q(accepts_recycled=True, min_recycled_percent__isnull=False),
                name="rule_recycled_minimum_with_recycled",
                violation_error_message=_(
                    "Indiquez la part minimale de matière recyclée lorsque la matière recyclée "
                    "compte, et seulement dans ce cas."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__isnull=True)
                | models.Q(last_year__gte=models.F("first_year")),
                name="rule_years_in_order",
                violation_error_message=_("La dernière année d'application précède la première."),
            ),
        ]

    def __str__(self):
        return self.name

    def in_force(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def qualifying_condition(self) -> models.Q:
        """The condition, over purchases, of a line that counts for this rule.

        Labels are tested with EXISTS, so a line with two labels counts once."""
        labels = Purchase.eco_labels.through.objects.filter(purchase_id=models.OuterRef("pk"))
        condition = models.Q(pk__in=[])
        if self.accepts_eco_label:
            condition |= models.Q(
                models.Exists(labels.filter(ecolabel__proves=EcoLabelProof.ECO_RESPONSIBLE))
            )
        if self.accepts_recycled:
            condition |= models.Q(recycled_content__gte=self.min_recycled_percent)
            condition |= models.Q(
                models.Exists(
                    labels.filter(
                        ecolabel__proves=EcoLabelProof.RECYCLED_CONTENT,
                        ecolabel__recycled_content_percent__gte=self.min_recycled_percent,
                    )
                )
            )
        if self.accepts_reuse:
            condition |= models.Q(reuse=True)
            condition |= models.Q(
                models.Exists(labels.filter(ecolabel__proves=EcoLabelProof.REUSE))
            )
        return condition


class ComplianceStatus(models.TextChoices):
    MET = "met", _("Atteint")
    ON_TRACK = "on_track", _("En bonne voie")
    AT_RISK = "at_risk", _("En risque")
    MISSED = "missed", _("Manqué")
    NOT_APPLICABLE = "not_applicable", _("Sans objet")


COMPLIANCE_STATUS_TONES = {
    ComplianceStatus.MET: "success",
    ComplianceStatus.ON_TRACK: "info",
    ComplianceStatus.AT_RISK: "warning",
    ComplianceStatus.MISSED: "danger",
    ComplianceStatus.NOT_APPLICABLE: "light",
}


class ComplianceAlert(models.Model):
    """An alert sent to a department's head: one per rule, department, year and status."""

    rule = models.ForeignKey(
        PurchasingRule,
        verbose_name=_("règle"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("direction"),
        on_delete=models.CASCADE,
        related_name="compliance_alerts",
    )
    year = models.PositiveSmallIntegerField(_("année"), validators=year_validators())
    status = models.CharField(_("statut"), max_length=20, choices=ComplianceStatus.choices)
    ratio_percent = models.DecimalField(
        _("ratio (%)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    recipients = models.JSONField(_("destinataires"), default=list)
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "department", "year", "status"],
                name="alert_once_per_rule_department_year_status",
            ),
        ]

    def __str__(self):
        return f"{self.rule} — {self.department} — {self.year}"
