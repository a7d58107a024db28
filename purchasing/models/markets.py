"""The contract ("marché") as the buyer shapes it: needs, status machine, lots, assessment,
applied clauses and award criteria.

Every write goes through `services`; who may see a contract is decided by
`Market.objects.visible_to` and `access.py`."""

from decimal import Decimal
from typing import NamedTuple

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clauses.models import INSEE_CODE_RE
from core.constraints import choices_constraint

from ..visibility import shared_condition

# The permissions the roles give (accounts/roles.py).
EDIT_MARKETS = "purchasing.edit_markets"
REVIEW_MARKETS = "purchasing.review_markets"
VIEW_ALL_MARKETS = "purchasing.view_all_markets"
VIEW_DEPARTMENT_MARKETS = "purchasing.view_department_markets"

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
# Statuses in which the execution of the clauses is followed.
FOLLOW_UP_STATUSES = (MarketStatus.IN_EXECUTION,)

# Who takes a step: a buyer of the contract, or a responsible-purchasing advisor of its
# organisation (`access.can_take`).
BUYER, ADVISOR = "buyer", "advisor"


class Transition(NamedTuple):
    """A step of a contract's life: the statuses it starts from (in the order a refusal lists
    them), the status it leads to, who takes it, and what a refusal says cannot be done."""

    sources: tuple[str, ...]
    target: str
    by: str
    action: str


_S = MarketStatus
# The status machine: each step is one service of `services` (the award moves the contract
# once its last lot is awarded, and corrects an award afterwards).
TRANSITIONS = {
    "submit": Transition((_S.DRAFT, _S.SENT_BACK), _S.IN_REVIEW, BUYER, _("soumettre à la revue")),
    "send_back": Transition((_S.IN_REVIEW,), _S.SENT_BACK, ADVISOR, _("renvoyer le marché")),
    "approve": Transition((_S.IN_REVIEW,), _S.APPROVED, ADVISOR, _("valider le marché")),
    "publish": Transition((_S.APPROVED,), _S.PUBLISHED, BUYER, _("publier le marché")),
    "award": Transition((_S.PUBLISHED, _S.AWARDED), _S.AWARDED, BUYER, _("attribuer un lot")),
    "start_execution": Transition((_S.AWARDED,), _S.IN_EXECUTION, BUYER, _("passer en exécution")),
    "close": Transition(FOLLOW_UP_STATUSES, _S.CLOSED, BUYER, _("clore le marché")),
    "abandon": Transition(
        (_S.DRAFT, _S.SENT_BACK, _S.IN_REVIEW, _S.APPROVED, _S.PUBLISHED),
        _S.ABANDONED,
        BUYER,
        _("abandonner le marché"),
    ),
}

# The tone of each status's badge (`{% status_badge %}`, core/ui.py).
STATUS_TONES = {
    _S.DRAFT: "light",
    _S.IN_REVIEW: "warning",
    _S.SENT_BACK: "danger",
    _S.APPROVED: "info",
    _S.PUBLISHED: "info",
    _S.AWARDED: "success",
    _S.IN_EXECUTION: "success",
    _S.CLOSED: "secondary",
    _S.ABANDONED: "secondary",
}


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


class InKeys(models.lookups.In):
    """`key IN (subquery)`, written `key = ANY(ARRAY(subquery))` on PostgreSQL: the subquery
    runs once and the condition can use the key's index (in an OR too, as a bitmap)."""

    lookup_name = "in_keys"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


STORED_FIGURES = (
    "first_notified_on",
    "social_consideration",
    "environmental_consideration",
    "awarded_total",
)


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
        # The shared contracts as an array of keys computed once (`InKeys`), so that each
        # branch of the OR uses its own index: an OR of the organisation and a join to the
        # shared contracts made PostgreSQL read the contracts of every organisation.
        shared = Market.objects.filter(shared_condition(user)).order_by().values("pk")
        return self.filter(mine | models.Q(InKeys(models.F("pk"), shared)))


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
    # The DECP prefers the commune's INSEE code to the postcode (`clauses.Commune`).
    place_insee_code = models.CharField(
        _("code commune INSEE du lieu d'exécution"),
        max_length=5,
        blank=True,
        validators=[
            RegexValidator(
                INSEE_CODE_RE,
                _("Un code commune INSEE s'écrit avec cinq caractères : 59350, 2A004."),
            )
        ],
        help_text=_(
            "Préféré par les données essentielles (DECP) au code postal : 59350 pour Lille."
        ),
    )
    launch_date = models.DateField(
        _("date de lancement de la consultation"),
        null=True,
        blank=True,
        help_text=_("Prévue, puis réelle."),
    )
    tender_deadline = models.DateTimeField(
        _("date limite de réception des offres"),
        null=True,
        blank=True,
        help_text=_("Jour et heure ; à renseigner avant la publication (OCDS tenderPeriod)."),
    )
    climate_justification = models.TextField(
        _("justification de l'absence de considération environnementale"),
        blank=True,
        help_text=_(
            "Pour une consultation lancée à partir du 21 août 2026 sans critère d'attribution "
            "environnemental ou sans condition d'exécution environnementale."
        ),
    )
    social_justification = models.TextField(
        _("justification de l'absence de condition d'exécution sociale"),
        blank=True,
        help_text=_(
            "Pour une consultation lancée à partir du 21 août 2026, d'un montant estimé au moins "
            "égal au seuil européen, sans condition d'exécution sociale (art. L2112-2-1)."
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
    # Figures computed from the lots, awards, clauses and criteria, stored for the lists and
    # the dashboard: written only by `purchasing.services.figures.market_figures_refresh`,
    # which the services changing those rows call (a save of the contract leaves them alone).
    first_notified_on = models.DateField(
        _("première notification"), null=True, blank=True, editable=False
    )
    social_consideration = models.BooleanField(
        _("considération sociale"), default=False, editable=False
    )
    environmental_consideration = models.BooleanField(
        _("considération environnementale"), default=False, editable=False
    )
    awarded_total = models.DecimalField(
        _("montant attribué HT (€)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )

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
            models.Index(fields=["organisation", "first_notified_on"]),
            # The list's default order (`-updated`) within an organisation.
            models.Index(fields=["organisation", "-updated_at", "-id"], name="market_org_updated"),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def save(self, *args, **kwargs):
        """A contract saved after it was read keeps the stored figures of the database: they
        may have changed since (`STORED_FIGURES`)."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in STORED_FIGURES
            ]
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def status_tone(self) -> str:
        return STATUS_TONES[self.status]


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
