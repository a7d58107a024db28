"""The life of a contract after it is shaped: review comments, the steps of its status
machine, suppliers and awards, execution follow-up."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationScopedQuerySet
from accounts.validators import validate_siret

from .markets import AppliedClause, Lot, Market, MarketStatus


class ReviewSection(models.TextChoices):
    GENERAL = "general", _("Ensemble du marché")
    NEEDS = "needs", _("Besoin")
    ASSESSMENT = "assessment", _("Évaluation développement durable")
    CLAUSES = "clauses", _("Clauses")
    CRITERIA = "criteria", _("Critères d'attribution")


class ReviewComment(models.Model):
    """A comment of the review; never changed once written."""

    market = models.ForeignKey(
        Market, verbose_name=_("marché"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        "accounts.User", verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )
    section = models.CharField(
        _("partie"), max_length=20, choices=ReviewSection.choices, default=ReviewSection.GENERAL
    )
    text = models.TextField(_("commentaire"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire de revue")
        verbose_name_plural = _("commentaires de revue")
        ordering = ["market", "created_at", "pk"]

    def __str__(self):
        return f"{self.author} — {self.created_at:%d/%m/%Y}"


class MarketEvent(models.Model):
    """One step of a contract's life: who moved it from which status to which, and when."""

    market = models.ForeignKey(
        Market, verbose_name=_("marché"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("par"), on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(
        _("statut avant"), max_length=20, choices=MarketStatus.choices, blank=True
    )
    to_status = models.CharField(_("statut après"), max_length=20, choices=MarketStatus.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape du marché")
        verbose_name_plural = _("étapes du marché")
        ordering = ["market", "at", "pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class InclusiveStructure(models.TextChoices):
    NONE = "none", _("Aucune")
    SIAE = "siae", _("Structure d'insertion par l'activité économique (SIAE)")
    EA = "ea", _("Entreprise adaptée (EA)")
    ESAT = "esat", _("Établissement et service d'aide par le travail (ESAT)")


class Supplier(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="suppliers",
    )
    name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret])
    is_sme = models.BooleanField(_("PME"), default=False)
    inclusive_structure = models.CharField(
        _("structure inclusive"),
        max_length=10,
        choices=InclusiveStructure.choices,
        default=InclusiveStructure.NONE,
    )

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("fournisseur")
        verbose_name_plural = _("fournisseurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "siret"],
                name="supplier_siret_unique_per_organisation",
                violation_error_message=_("Un fournisseur de votre organisation a déjà ce SIRET."),
            ),
            models.CheckConstraint(
                condition=models.Q(siret__regex=r"^[0-9]{14}$"),
                name="supplier_siret_14_digits",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.siret})"


class Award(models.Model):
    lot = models.OneToOneField(
        Lot, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="award"
    )
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("titulaire"), on_delete=models.PROTECT, related_name="awards"
    )
    amount = models.DecimalField(
        _("montant HT (€)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    notified_on = models.DateField(_("date de notification"))
    is_sme = models.BooleanField(_("PME à la notification"), default=False)
    inclusive_structure = models.CharField(
        _("structure inclusive à la notification"),
        max_length=10,
        choices=InclusiveStructure.choices,
        default=InclusiveStructure.NONE,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive"),
        ]

    def __str__(self):
        return f"{self.lot} — {self.supplier}"


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("À vérifier")
    MET = "met", _("Respecté")
    PARTIAL = "partial", _("Partiellement respecté")
    NOT_MET = "not_met", _("Non respecté")


def evidence_path(instance, filename):
    return f"preuves/{instance.applied_clause.market_id}/{filename}"


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


BENEFICIARY_CATEGORIES = (
    "beneficiaries_under_26",
    "beneficiaries_over_50",
    "beneficiaries_long_term_jobseekers",
    "beneficiaries_rsa",
    "beneficiaries_disabled",
    "beneficiaries_qpv",
)
CONTRACT_KINDS = (
    "contracts_insertion",
    "contracts_temporary",
    "contracts_fixed_term",
    "contracts_permanent",
    "contracts_apprenticeship",
)
BENEFICIARY_FIELDS = BENEFICIARY_CATEGORIES + CONTRACT_KINDS


class ExecutionFollowUp(models.Model):
    """What was done under an execution clause during one period."""

    applied_clause = models.ForeignKey(
        AppliedClause,
        verbose_name=_("clause"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    period_start = models.DateField(_("début de période"))
    period_end = models.DateField(_("fin de période"))
    indicator = models.CharField(_("indicateur"), max_length=200)
    target = models.DecimalField(
        _("objectif"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    achieved = models.DecimalField(
        _("réalisé"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_insertion_hours = models.BooleanField(
        _("heures d'insertion"),
        default=False,
        help_text=_("Le réalisé compte dans les heures d'insertion du marché."),
    )
    evidence = models.FileField(_("justificatif"), upload_to=evidence_path, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PENDING
    )
    penalty = models.DecimalField(
        _("pénalité (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    comment = models.TextField(_("commentaire"), blank=True)
    # The people the insertion hours employed, as counts only: no name, no personal data.
    # A person may fall in several categories; the contract kinds add up to the people.
    beneficiaries_under_26 = _count(_("de moins de 26 ans"))
    beneficiaries_over_50 = _count(_("de plus de 50 ans"))
    beneficiaries_long_term_jobseekers = _count(_("demandeurs d'emploi de longue durée"))
    beneficiaries_rsa = _count(_("allocataires du RSA"))
    beneficiaries_disabled = _count(_("travailleurs handicapés"))
    beneficiaries_qpv = _count(_("résidents d'un quartier prioritaire (QPV)"))
    contracts_insertion = _count(_("en contrat d'insertion (CDDI)"))
    contracts_temporary = _count(_("en intérim (dont ETTI)"))
    contracts_fixed_term = _count(_("en CDD"))
    contracts_permanent = _count(_("en CDI"))
    contracts_apprenticeship = _count(_("en apprentissage ou professionnalisation"))
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suivi d'exécution")
        verbose_name_plural = _("suivis d'exécution")
        ordering = ["applied_clause", "period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="follow_up_period_ordered",
                violation_error_message=_("La fin de période précède son début."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} ({self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y})"
