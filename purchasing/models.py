"""Contracts ("marchés") and their life: needs, sustainable-development assessment, lots,
applied clauses, award criteria, review, award and execution follow-up.

Every write goes through `services.py`; who may see a contract is decided by
`Market.objects.visible_to` and `access.py`."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationScopedQuerySet
from accounts.validators import validate_siret
from core.constraints import choices_constraint

from .visibility import shared_condition

# The permissions the roles give (accounts/roles.py).
EDIT_MARKETS = "purchasing.edit_markets"
REVIEW_MARKETS = "purchasing.review_markets"
VIEW_ALL_MARKETS = "purchasing.view_all_markets"
VIEW_DEPARTMENT_MARKETS = "purchasing.view_department_markets"

# Loi Climat et Résilience, art. 35: consultations launched from this day need an environmental
# execution condition and an environmental award criterion.
CLIMATE_LAW_START = datetime.date(2026, 8, 22)
# DECP: contracts from this amount excluding VAT are published.
DECP_THRESHOLD = Decimal("40000")


class MarketNature(models.TextChoices):
    CONTRACT = "marche", _("Marché")
    FRAMEWORK = "accord_cadre", _("Accord-cadre")
    SUBSEQUENT = "marche_subsequent", _("Marché subséquent")


class Procedure(models.TextChoices):
    """The `procedure` enum of the DECP 2024 schema, values as they are exported."""

    ADAPTED = "Procédure adaptée", _("Procédure adaptée")
    OPEN_TENDER = "Appel d'offres ouvert", _("Appel d'offres ouvert")
    RESTRICTED_TENDER = "Appel d'offres restreint", _("Appel d'offres restreint")
    NEGOTIATED = "Procédure avec négociation", _("Procédure avec négociation")
    WITHOUT_COMPETITION = (
        "Marché passé sans publicité ni mise en concurrence préalable",
        _("Marché passé sans publicité ni mise en concurrence préalable"),
    )
    COMPETITIVE_DIALOGUE = "Dialogue compétitif", _("Dialogue compétitif")


class MarketStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    IN_REVIEW = "in_review", _("En revue")
    SENT_BACK = "sent_back", _("Renvoyé à l'acheteur")
    APPROVED = "approved", _("Validé")
    PUBLISHED = "published", _("Publié")
    AWARDED = "awarded", _("Attribué")
    IN_EXECUTION = "in_execution", _("En exécution")
    CLOSED = "closed", _("Clos")
    ABANDONED = "abandoned", _("Abandonné")


# Statuses in which the buyer still shapes the contract.
EDITABLE_STATUSES = (MarketStatus.DRAFT, MarketStatus.SENT_BACK)


class Theme(models.TextChoices):
    """The themes of the sustainable-development assessment made at needs definition."""

    ENVIRONMENT = "environment", _("Environnement")
    SOCIAL_INSERTION = "social_insertion", _("Insertion sociale")
    WORKING_CONDITIONS = (
        "working_conditions",
        _("Conditions de travail dans la chaîne d'approvisionnement"),
    )
    CIRCULAR_ECONOMY = "circular_economy", _("Économie circulaire")
    SME_SSE = "sme_sse", _("Accès des PME et des entreprises de l'économie sociale et solidaire")


class MarketQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The contracts the person may read.

        Advisors and committee members read every contract of their organisation; buyers and
        department heads those of their department, and a buyer those they are in charge of.
        Apps built on purchasing add contracts of other organisations (`visibility`)."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        mine = models.Q(organisation_id=user.organisation_id)
        if not (user.has_perm(VIEW_ALL_MARKETS) or user.has_perm(REVIEW_MARKETS)):
            condition = models.Q(buyer_id=user.pk)
            if user.department_id is not None and (
                user.has_perm(EDIT_MARKETS) or user.has_perm(VIEW_DEPARTMENT_MARKETS)
            ):
                condition |= models.Q(department_id=user.department_id)
            mine &= condition
        return self.filter(mine | shared_condition(user))


class Market(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="markets",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("direction"),
        on_delete=models.PROTECT,
        related_name="markets",
    )
    buyer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("acheteur"),
        on_delete=models.PROTECT,
        related_name="markets",
    )
    reference = models.CharField(
        _("référence"),
        max_length=16,
        help_text=_("Identifiant du marché dans les données essentielles (16 caractères au plus)."),
    )
    title = models.CharField(_("objet du marché"), max_length=250)
    description = models.TextField(_("description du besoin"), blank=True)
    purchase_family = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("famille d'achat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="markets",
    )
    main_cpv = models.ForeignKey(
        "clauses.CpvCode",
        verbose_name=_("code CPV principal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    extra_cpvs = models.ManyToManyField(
        "clauses.CpvCode",
        verbose_name=_("codes CPV complémentaires"),
        blank=True,
        related_name="+",
    )
    nature = models.CharField(_("nature"), max_length=20, choices=MarketNature.choices, blank=True)
    procedure = models.CharField(
        _("procédure"), max_length=80, choices=Procedure.choices, blank=True
    )
    estimated_amount = models.DecimalField(
        _("montant estimé HT (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée (mois)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    place = models.CharField(_("lieu d'exécution"), max_length=200, blank=True)
    place_postcode = models.CharField(
        _("code postal du lieu d'exécution"), max_length=5, blank=True
    )
    launch_date = models.DateField(
        _("date de lancement de la consultation"),
        null=True,
        blank=True,
        help_text=_("Prévue, puis réelle."),
    )
    climate_justification = models.TextField(
        _("justification de l'absence de considération environnementale"),
        blank=True,
        help_text=_(
            "Pour une consultation lancée à partir du 22 août 2026 sans critère d'attribution "
            "environnemental ou sans condition d'exécution environnementale."
        ),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=MarketStatus.choices, default=MarketStatus.DRAFT
    )
    published_on = models.DateField(_("date de publication"), null=True, blank=True)
    publication_reference = models.CharField(_("référence de l'avis"), max_length=100, blank=True)
    abandon_reason = models.TextField(_("motif d'abandon"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("créé par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[extra_cpvs])
    objects = MarketQuerySet.as_manager()

    class Meta:
        verbose_name = _("marché")
        verbose_name_plural = _("marchés")
        ordering = ["-created_at"]
        permissions = [
            ("edit_markets", _("Créer et préparer les marchés de sa direction")),
            ("review_markets", _("Relire les marchés de son organisation")),
            ("view_all_markets", _("Consulter tous les marchés de son organisation")),
            ("view_department_markets", _("Consulter les marchés de sa direction")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                name="market_reference_unique_per_organisation",
                violation_error_message=_(
                    "Un marché de votre organisation a déjà cette référence."
                ),
            ),
            choices_constraint("status", MarketStatus, name="market_status_valid"),
            models.CheckConstraint(
                condition=models.Q(procedure__in=["", *Procedure.values]),
                name="market_procedure_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_amount__isnull=True)
                | models.Q(estimated_amount__gt=0),
                name="market_estimated_amount_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "department"]),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def climate_law_applies(self) -> bool:
        return self.launch_date is not None and self.launch_date >= CLIMATE_LAW_START


class Lot(models.Model):
    market = models.ForeignKey(
        Market, verbose_name=_("marché"), on_delete=models.CASCADE, related_name="lots"
    )
    number = models.PositiveSmallIntegerField(
        _("numéro"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    title = models.CharField(_("intitulé"), max_length=250)
    estimated_amount = models.DecimalField(
        _("montant estimé HT (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["market", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "number"],
                name="lot_number_unique_per_market",
                violation_error_message=_("Ce marché a déjà un lot de ce numéro."),
            ),
        ]

    def __str__(self):
        return _("Lot %(number)s — %(title)s") % {"number": self.number, "title": self.title}


class ThemeAssessment(models.Model):
    """One theme of the assessment: considered, or not considered because …"""

    market = models.ForeignKey(
        Market, verbose_name=_("marché"), on_delete=models.CASCADE, related_name="assessments"
    )
    theme = models.CharField(_("thème"), max_length=30, choices=Theme.choices)
    considered = models.BooleanField(_("pris en compte"))
    justification = models.TextField(_("justification"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation d'un thème")
        verbose_name_plural = _("évaluations des thèmes")
        ordering = ["market", "theme"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "theme"], name="theme_assessment_unique_per_market"
            ),
            choices_constraint("theme", Theme, name="theme_assessment_theme_valid"),
        ]

    def __str__(self):
        return f"{self.get_theme_display()} : {'oui' if self.considered else 'non'}"


class AppliedClause(models.Model):
    """A library clause put in a contract: the frozen version it used, and its values."""

    market = models.ForeignKey(
        Market, verbose_name=_("marché"), on_delete=models.CASCADE, related_name="clauses"
    )
    lot = models.ForeignKey(
        Lot,
        verbose_name=_("lot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clauses",
        help_text=_("Vide : la clause vaut pour tout le marché."),
    )
    clause_version = models.ForeignKey(
        "clauses.ClauseVersion",
        verbose_name=_("version de la clause"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    values = models.JSONField(_("valeurs des paramètres"), default=dict, blank=True)
    rendered_text = models.TextField(_("texte"))
    added_by = models.ForeignKey(
        "accounts.User", verbose_name=_("ajoutée par"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clause du marché")
        verbose_name_plural = _("clauses du marché")
        ordering = ["market", "lot__number", "added_at", "pk"]

    def __str__(self):
        return str(self.clause_version)


class CriterionKind(models.TextChoices):
    PRICE = "price", _("Prix")
    COST = "cost", _("Coût")
    TECHNICAL = "technical", _("Valeur technique")
    ENVIRONMENTAL = "environmental", _("Performance environnementale")
    SOCIAL = "social", _("Performance sociale")
    OTHER = "other", _("Autre")


class AwardCriterion(models.Model):
    lot = models.ForeignKey(
        Lot, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="criteria"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=CriterionKind.choices)
    weight = models.PositiveSmallIntegerField(
        _("pondération (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    description = models.CharField(_("précision"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère d'attribution")
        verbose_name_plural = _("critères d'attribution")
        ordering = ["lot", "-weight", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=100),
                name="award_criterion_weight_range",
            ),
            choices_constraint("kind", CriterionKind, name="award_criterion_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.weight} %)"


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
