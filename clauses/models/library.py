"""The clause library: clauses, the versions they are frozen as when approved, and the
codelists a clause maps to (DECP considerations, OCDS sustainability goals and strategies)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from .. import parameters as parameters_module
from ..search import normalise
from .reference import PurchaseFamily, validate_cpv_prefixes

# The permission of clause library administrators; `access.py` decides with it.
MANAGE_CLAUSES = "clauses.manage_clauses"


class ClauseCategory(models.TextChoices):
    ENVIRONMENTAL = "environmental", _("Environnementale")
    SOCIAL_INSERTION = "social_insertion", _("Insertion sociale")
    WORKING_CONDITIONS = (
        "working_conditions",
        _("Conditions de travail / chaîne d'approvisionnement"),
    )
    CIRCULAR_ECONOMY = "circular_economy", _("Économie circulaire")
    OTHER = "other", _("Autre")


class ClauseKind(models.TextChoices):
    TECHNICAL_SPECIFICATION = "technical_specification", _("Spécification technique")
    SELECTION_CRITERION = "selection_criterion", _("Critère de sélection des candidatures")
    AWARD_CRITERION = "award_criterion", _("Critère d'attribution")
    EXECUTION_CONDITION = "execution_condition", _("Condition d'exécution")
    RESERVED_CONTRACT = "reserved_contract", _("Marché réservé")


class DecpConsideration(models.TextChoices):
    """What a clause yields in the DECP 2024 data: values are the schema's exact strings."""

    SOCIAL_CLAUSE = "Clause sociale", _("Clause sociale")
    SOCIAL_CRITERION = "Critère social", _("Critère social")
    RESERVED_CONTRACT = "Marché réservé", _("Marché réservé")
    ENVIRONMENTAL_CLAUSE = "Clause environnementale", _("Clause environnementale")
    ENVIRONMENTAL_CRITERION = "Critère environnemental", _("Critère environnemental")


class OcdsSustainabilityGoal(models.TextChoices):
    """The `Code` column of the OCDS sustainability extension's sustainabilityGoal.csv."""

    ECONOMIC = "economic", _("Économique")
    FORMAL_EMPLOYMENT = "economic.formalEmploymentPromotion", _("Promotion de l'emploi formel")
    INNOVATIVE_PURCHASE = "economic.innovativePurchase", _("Achat innovant")
    LOCAL_ECONOMY = "economic.localEconomyPromotion", _("Promotion de l'économie locale")
    MARKET_INNOVATION = (
        "economic.marketInnovationPromotion",
        _("Promotion de l'innovation sur le marché"),
    )
    PROCESS_INNOVATION = "economic.processInnovationPromotion", _("Innovation de procédé")
    PRODUCT_INNOVATION = "economic.productInnovationPromotion", _("Innovation de produit")
    RESEARCH_DEVELOPMENT = (
        "economic.researchDevelopmentActivities",
        _("Activités de recherche et développement"),
    )
    ENVIRONMENTAL = "environmental", _("Environnemental")
    BIODIVERSITY = (
        "environmental.biodiversityProtectionRestoration",
        _("Protection et restauration de la biodiversité"),
    )
    CARBON_EMISSIONS = (
        "environmental.carbonEmissionsReduction",
        _("Réduction des émissions de carbone"),
    )
    CIRCULAR_ECONOMY = "environmental.circularEconomy", _("Économie circulaire")
    CLIMATE_ADAPTATION = (
        "environmental.climateChangeAdaptation",
        _("Adaptation au changement climatique"),
    )
    CLIMATE_MITIGATION = (
        "environmental.climateChangeMitigation",
        _("Atténuation du changement climatique"),
    )
    ENERGY_EFFICIENCY = "environmental.energyEfficiency", _("Efficacité énergétique")
    POLLUTION_PREVENTION = "environmental.pollutionPrevention", _("Prévention de la pollution")
    RECYCLING = "environmental.recycling", _("Recyclage")
    RESOURCE_REUSE = "environmental.resourceReuse", _("Réemploi des ressources")
    WATER_RESOURCES = (
        "environmental.waterResourcesProtection",
        _("Protection des ressources en eau"),
    )
    WASTE_REDUCTION = "environmental.wasteReduction", _("Réduction des déchets")
    SOCIAL = "social", _("Social")
    ACCESSIBILITY = "social.accessibility", _("Accessibilité")
    DISADVANTAGED_EMPLOYMENT = (
        "social.disadvantagedEmploymentOpportunities",
        _("Emploi des personnes éloignées de l'emploi"),
    )
    ETHNIC_EQUALITY = "social.ethnicEquality", _("Égalité ethnique")
    GENDER_EQUALITY = "social.genderEquality", _("Égalité entre les femmes et les hommes")
    HUMAN_RIGHTS_SUPPLY_CHAINS = (
        "social.humanRightsInSupplyChains",
        _("Droits humains dans les chaînes d'approvisionnement"),
    )
    LABOR_RIGHTS = "social.laborRightsPromotion", _("Promotion des droits du travail")
    SME_INCLUSION = "social.smeInclusion", _("Participation des PME")
    WOMEN_INCLUSION = "social.womenInclusion", _("Participation des entreprises de femmes")


class OcdsSustainabilityStrategy(models.TextChoices):
    """The `Code` column of the OCDS sustainability extension's sustainabilityStrategy.csv."""

    AWARD_CRITERIA = "awardCriteria", _("Critères d'attribution")
    CONTRACT_PERFORMANCE_CONDITIONS = "contractPerformanceConditions", _("Conditions d'exécution")
    MARGIN_OF_PREFERENCE = "marginOfPreference", _("Marge de préférence")
    RESERVED_PARTICIPATION = "reservedParticipation", _("Participation réservée")
    SELECTION_CRITERIA = "selectionCriteria", _("Critères de sélection")
    TECHNICAL_SPECIFICATIONS = "technicalSpecifications", _("Spécifications techniques")
    EU_GPP_CRITERIA = "euGPPCriteria", _("Critères européens d'achats publics écologiques")
    NATIONAL_GPP_CRITERIA = (
        "nationalGPPCriteria",
        _("Critères nationaux d'achats publics écologiques"),
    )
    OTHER_GPP_CRITERIA = "otherGPPCriteria", _("Autres critères d'achats publics écologiques")


class ClauseStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    APPROVED = "approved", _("Approuvée")
    RETIRED = "retired", _("Retirée")


# The tone of each status on a badge (core.ui.TONES).
CLAUSE_STATUS_TONES = {
    ClauseStatus.DRAFT: "warning",
    ClauseStatus.APPROVED: "success",
    ClauseStatus.RETIRED: "secondary",
}


def validate_ocds_strategies(value):
    if not isinstance(value, list):
        raise ValidationError(_("Saisissez une liste de stratégies OCDS."))
    for strategy in value:
        if strategy not in OcdsSustainabilityStrategy.values:
            raise ValidationError(
                _("« %(strategy)s » n'est pas une stratégie de durabilité OCDS."),
                params={"strategy": strategy},
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("Une stratégie OCDS est répétée."))


def cpv_index(prefixes) -> str:
    """The prefixes as one searchable string: " 391 3019 ", matched with " 391 "."""
    return f" {' '.join(prefixes)} " if prefixes else ""


def cpv_candidate_prefixes(code: str) -> list[str]:
    """Every prefix a clause may give to match a CPV code: "3", "39", … "39100000"."""
    digits = code[:8]
    return [digits[:length] for length in range(1, len(digits) + 1)]


class ClauseQuerySet(models.QuerySet):
    def usable(self):
        """Clauses a contract can use: approved at least once and not retired."""
        return self.filter(current_version__isnull=False).exclude(status=ClauseStatus.RETIRED)

    def visible_to(self, user):
        """What the person may read: the one rule, used by every page and selector.

        Clause administrators see their organisation's whole library, drafts and retired
        clauses included; everyone else sees its usable clauses. Usable clauses other
        organisations share are visible to all; until the network app exists, "shared with
        the network" means shared with every organisation of the installation. What others
        read is the latest approved version, never a draft in progress."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        usable = models.Q(current_version__isnull=False) & ~models.Q(status=ClauseStatus.RETIRED)
        own = models.Q(organisation_id=user.organisation_id)
        if not user.has_perm(MANAGE_CLAUSES):
            own &= usable
        return self.filter(own | (models.Q(shared_with_network=True) & usable))

    def matching_cpv(self, code: str):
        """Clauses with a CPV prefix that the code starts with."""
        condition = models.Q()
        for prefix in cpv_candidate_prefixes(code):
            condition |= models.Q(cpv_index__contains=f" {prefix} ")
        return self.filter(condition)


class ClauseText(models.Model):
    """What a clause says and how it maps to the open-data codelists: the fields a version
    freezes."""

    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(
        _("texte"),
        help_text=_(
            "Texte à insérer dans le marché ; les paramètres s'écrivent entre accolades, "
            "par exemple {insertion_rate}."
        ),
    )
    guidance = models.TextField(_("conseils d'utilisation"), blank=True)
    warnings = models.TextField(_("points de vigilance"), blank=True)
    legal_references = models.TextField(_("références juridiques"), blank=True)
    category = models.CharField(_("catégorie"), max_length=30, choices=ClauseCategory.choices)
    kind = models.CharField(_("nature"), max_length=30, choices=ClauseKind.choices)
    decp_consideration = models.CharField(
        _("considération DECP"),
        max_length=30,
        choices=DecpConsideration.choices,
        blank=True,
        help_text=_(
            "Ce que la clause déclare dans les données essentielles ; laisser vide quand elle "
            "n'est ni sociale ni environnementale au sens des DECP."
        ),
    )
    ocds_goal = models.CharField(
        _("objectif de durabilité OCDS"),
        max_length=60,
        choices=OcdsSustainabilityGoal.choices,
    )
    ocds_strategies = models.JSONField(
        _("stratégies de durabilité OCDS"),
        default=list,
        blank=True,
        validators=[validate_ocds_strategies],
    )
    parameters = models.JSONField(
        _("paramètres"),
        default=list,
        blank=True,
        validators=[parameters_module.validate_definitions],
    )
    # Title, text and guidance normalised for search (see search.py); written on save.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def searchable_text(self) -> str:
        return " ".join([self.title, self.body, self.guidance])

    def clean(self):
        super().clean()
        # The validator already reported a malformed list; the body check needs a sound one.
        if isinstance(self.parameters, list):
            try:
                parameters_module.validate_body(self.body, self.parameters)
            except ValidationError as error:
                raise ValidationError({"body": error.messages}) from None


# What a clause says and how it maps to open data: the fields an approved version freezes.
CLAUSE_TEXT_FIELDS = (
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
)


def _choice_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        choices_constraint("category", ClauseCategory, name=f"{prefix}_category_valid"),
        choices_constraint("kind", ClauseKind, name=f"{prefix}_kind_valid"),
        models.CheckConstraint(
            condition=models.Q(decp_consideration__in=["", *DecpConsideration.values]),
            name=f"{prefix}_decp_consideration_valid",
        ),
        choices_constraint("ocds_goal", OcdsSustainabilityGoal, name=f"{prefix}_ocds_goal_valid"),
    ]


class Clause(ClauseText):
    """A clause of the library. Contracts use its approved versions, never the live row."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="clauses",
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Identifiant court, unique dans votre organisation : insertion-heures."),
    )
    purchase_families = models.ManyToManyField(
        PurchaseFamily,
        verbose_name=_("familles d'achat"),
        blank=True,
        related_name="clauses",
    )
    cpv_prefixes = models.JSONField(
        _("préfixes CPV"),
        default=list,
        blank=True,
        validators=[validate_cpv_prefixes],
    )
    cpv_index = models.CharField(max_length=400, editable=False, blank=True, default="")
    shared_with_network = models.BooleanField(
        _("partagée avec le réseau"),
        default=False,
        help_text=_("Une fois approuvée, la clause est visible des autres membres du réseau."),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ClauseStatus.choices,
        default=ClauseStatus.DRAFT,
    )
    current_version = models.OneToOneField(
        "ClauseVersion",
        verbose_name=_("version en vigueur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("La dernière version approuvée, celle que les marchés utilisent."),
    )
    copied_from = models.ForeignKey(
        "ClauseVersion",
        verbose_name=_("copiée de"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("créée par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[purchase_families],
        excluded_fields=["search_text", "cpv_index", "current_version"],
    )
    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["organisation", "code"]
        permissions = [("manage_clauses", _("Gérer la bibliothèque de clauses"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="clause_code_unique_per_organisation",
                violation_error_message=_("Une clause de votre organisation a déjà ce code."),
            ),
            choices_constraint("status", ClauseStatus, name="clause_status_valid"),
            *_choice_constraints("clause"),
        ]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.code} {self.searchable_text()}")
        if isinstance(self.cpv_prefixes, list):
            self.cpv_index = cpv_index(self.cpv_prefixes)
        super().save(*args, **kwargs)

    def latest_version(self):
        """The last approved version, or None when the clause was never approved."""
        return self.versions.order_by("-number").first()

    @property
    def status_tone(self) -> str:
        return CLAUSE_STATUS_TONES[self.status]

    @property
    def is_usable(self) -> bool:
        return self.current_version_id is not None and self.status != ClauseStatus.RETIRED


class ClauseVersion(ClauseText):
    """A clause as it was approved. Never changed once written: contracts point at it."""

    clause = models.ForeignKey(
        Clause,
        verbose_name=_("clause"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("numéro"))
    approved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("approuvée par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approuvée le"), default=timezone.now)

    class Meta:
        verbose_name = _("version de clause")
        verbose_name_plural = _("versions de clause")
        ordering = ["clause", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "number"],
                name="clause_version_number_unique",
                violation_error_message=_("Cette clause a déjà une version de ce numéro."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="clause_version_number_positive",
            ),
            *_choice_constraints("clause_version"),
        ]

    def __str__(self):
        return f"{self.clause.code} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A clause version is never changed once approved.")
        self.search_text = normalise(f"{self.clause.code} {self.searchable_text()}")
        super().save(*args, **kwargs)

    def render(self, values: dict) -> str:
        """The text of this version with the values of a contract filled in."""
        return parameters_module.render(self.body, self.parameters, values)
