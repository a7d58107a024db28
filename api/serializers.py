"""What the API returns, field by field (typed for the OpenAPI description), and what a
purchase push sends."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budgets.imports import PURCHASE_COLUMNS
from budgets.models import Budget, ComplianceStatus, Purchase, RuleBasis
from clauses.models import Clause, ClauseCategory, ClauseKind
from purchasing.models import (
    AppliedClause,
    Award,
    AwardCriterion,
    CriterionKind,
    InclusiveStructure,
    Lot,
    Market,
    MarketStatus,
    Theme,
    ThemeAssessment,
)

# --- Contracts -----------------------------------------------------------------------------------


class DepartmentRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Code de la direction, par exemple LYC."))
    name = serializers.CharField()


class MarketListSerializer(serializers.ModelSerializer):
    """A contract as the list shows it."""

    status = serializers.ChoiceField(choices=MarketStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    department = DepartmentRefSerializer()
    buyer = serializers.CharField(source="buyer.get_full_name")
    purchase_family = serializers.SlugRelatedField(slug_field="code", read_only=True)
    main_cpv = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    has_social = serializers.BooleanField(
        help_text=_("Au moins une considération sociale (clause, critère ou marché réservé).")
    )
    has_environmental = serializers.BooleanField(
        help_text=_("Au moins une considération environnementale (clause ou critère).")
    )
    awarded_amount = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        allow_null=True,
        help_text=_("Somme des montants attribués des lots, HT."),
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Market
        fields = [
            "id",
            "reference",
            "title",
            "status",
            "status_label",
            "organisation",
            "department",
            "buyer",
            "purchase_family",
            "main_cpv",
            "nature",
            "procedure",
            "estimated_amount",
            "launch_date",
            "has_social",
            "has_environmental",
            "awarded_amount",
            "updated_at",
            "url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, market) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:contract-detail", kwargs={"pk": market.pk})
        )


class AssessmentSerializer(serializers.ModelSerializer):
    theme = serializers.ChoiceField(choices=Theme.choices)

    class Meta:
        model = ThemeAssessment
        fields = ["theme", "considered", "justification"]


class CriterionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CriterionKind.choices)

    class Meta:
        model = AwardCriterion
        fields = ["kind", "weight", "description"]


class SupplierSerializer(serializers.Serializer):
    name = serializers.CharField()
    siret = serializers.CharField()


class AwardSerializer(serializers.ModelSerializer):
    supplier = SupplierSerializer()
    inclusive_structure = serializers.ChoiceField(choices=InclusiveStructure.choices)

    class Meta:
        model = Award
        fields = ["supplier", "amount", "notified_on", "is_sme", "inclusive_structure"]


class LotSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, source="criteria.all")
    award = serializers.SerializerMethodField()

    class Meta:
        model = Lot
        fields = ["number", "title", "estimated_amount", "criteria", "award"]

    @extend_schema_field(AwardSerializer(allow_null=True))
    def get_award(self, lot):
        award = getattr(lot, "award", None)
        return AwardSerializer(award).data if award is not None else None


class AppliedClauseSerializer(serializers.ModelSerializer):
    """A library clause put in the contract, in the version it used."""

    clause = serializers.IntegerField(source="clause_version.clause_id")
    code = serializers.CharField(source="clause_version.clause.code")
    version = serializers.IntegerField(source="clause_version.number")
    title = serializers.CharField(source="clause_version.title")
    category = serializers.ChoiceField(
        source="clause_version.category", choices=ClauseCategory.choices
    )
    kind = serializers.ChoiceField(source="clause_version.kind", choices=ClauseKind.choices)
    decp_consideration = serializers.CharField(source="clause_version.decp_consideration")
    lot = serializers.IntegerField(
        source="lot.number",
        allow_null=True,
        help_text=_("Numéro du lot ; vide quand la clause vaut pour tout le marché."),
    )
    values = serializers.DictField(child=serializers.JSONField())
    text = serializers.CharField(source="rendered_text")

    class Meta:
        model = AppliedClause
        fields = [
            "clause",
            "code",
            "version",
            "title",
            "category",
            "kind",
            "decp_consideration",
            "lot",
            "values",
            "text",
        ]


class ConsiderationsSerializer(serializers.Serializer):
    social = serializers.ListField(child=serializers.CharField())
    environmental = serializers.ListField(child=serializers.CharField())


class MarketDetailSerializer(serializers.Serializer):
    """A contract with its lots, criteria, awards, clauses and the DECP considerations they
    yield; built from `purchasing.selectors.market_file`."""

    def to_representation(self, market_file):
        market = market_file.market
        data = MarketListSerializer(market, context=self.context).data
        data.update(
            {
                "description": market.description,
                "duration_months": market.duration_months,
                "place": market.place,
                "place_postcode": market.place_postcode,
                "published_on": serializers.DateField().to_representation(market.published_on)
                if market.published_on
                else None,
                "considerations": ConsiderationsSerializer(market_file.considerations).data,
                "assessments": AssessmentSerializer(
                    list(market_file.assessments.values()), many=True
                ).data,
                "lots": LotSerializer(market_file.lots, many=True).data,
                "clauses": AppliedClauseSerializer(market_file.clauses, many=True).data,
            }
        )
        return data


class MarketDetailSchemaSerializer(MarketListSerializer):
    """The shape of MarketDetailSerializer's output, for the OpenAPI description."""

    description = serializers.CharField()
    duration_months = serializers.IntegerField(allow_null=True)
    place = serializers.CharField()
    place_postcode = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    considerations = ConsiderationsSerializer()
    assessments = AssessmentSerializer(many=True)
    lots = LotSerializer(many=True)
    clauses = AppliedClauseSerializer(many=True)

    class Meta(MarketListSerializer.Meta):
        fields = [
            *MarketListSerializer.Meta.fields,
            "description",
            "duration_months",
            "place",
            "place_postcode",
            "published_on",
            "considerations",
            "assessments",
            "lots",
            "clauses",
        ]


# --- Clauses -------------------------------------------------------------------------------------


class ClauseListSerializer(serializers.ModelSerializer):
    """A clause of the library, in the text the reader reads (`clause.text`: the clause as it
    stands for its own administrators, its version in force for everyone else)."""

    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    purchase_families = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    title = serializers.CharField(source="text.title")
    category = serializers.ChoiceField(source="text.category", choices=ClauseCategory.choices)
    kind = serializers.ChoiceField(source="text.kind", choices=ClauseKind.choices)
    decp_consideration = serializers.CharField(source="text.decp_consideration")
    ocds_goal = serializers.CharField(source="text.ocds_goal")
    ocds_strategies = serializers.ListField(
        source="text.ocds_strategies", child=serializers.CharField()
    )
    version_in_force = serializers.IntegerField(
        source="current_version.number",
        allow_null=True,
        help_text=_("Numéro de la version approuvée en vigueur ; vide pour un brouillon."),
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Clause
        fields = [
            "id",
            "code",
            "organisation",
            "status",
            "shared_with_network",
            "title",
            "category",
            "kind",
            "decp_consideration",
            "ocds_goal",
            "ocds_strategies",
            "purchase_families",
            "cpv_prefixes",
            "version_in_force",
            "url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, clause) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:clause-detail", kwargs={"pk": clause.pk})
        )


class ParameterSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField(required=False)
    type = serializers.CharField()
    unit = serializers.CharField(required=False)
    min = serializers.JSONField(required=False)
    max = serializers.JSONField(required=False)
    default = serializers.JSONField(required=False)
    choices = serializers.ListField(child=serializers.CharField(), required=False)


class VersionInForceSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    approved_at = serializers.DateTimeField()
    title = serializers.CharField()
    body = serializers.CharField()


class ClauseDetailSerializer(ClauseListSerializer):
    body = serializers.CharField(source="text.body")
    guidance = serializers.CharField(source="text.guidance")
    warnings = serializers.CharField(source="text.warnings")
    legal_references = serializers.CharField(source="text.legal_references")
    parameters = ParameterSerializer(source="text.parameters", many=True)
    current_version = VersionInForceSerializer(
        allow_null=True,
        help_text=_("La version approuvée que les marchés utilisent ; vide pour un brouillon."),
    )

    class Meta(ClauseListSerializer.Meta):
        fields = [
            *ClauseListSerializer.Meta.fields,
            "body",
            "guidance",
            "warnings",
            "legal_references",
            "parameters",
            "current_version",
        ]


# --- Budgets, purchases, compliance --------------------------------------------------------------


class BudgetSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    family = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "year", "department", "family", "amount", "updated_at"]


class PurchaseSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    family = serializers.SlugRelatedField(slug_field="code", read_only=True)
    amount_excl_vat = serializers.DecimalField(source="amount", max_digits=14, decimal_places=2)
    eco_labels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    batch = serializers.UUIDField(source="batch.public_id", help_text=_("L'import d'origine."))

    class Meta:
        model = Purchase
        # The columns of the import file, so that a line reads as it is pushed.
        fields = ["id", *PURCHASE_COLUMNS, "batch"]


class ComplianceRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    family = serializers.CharField(source="family.code")
    basis = serializers.ChoiceField(choices=RuleBasis.choices)


class ComplianceSerializer(serializers.Serializer):
    """How a department meets a rule in a year (budgets.selectors.compliance.Compliance).
    Amounts in euros excluding VAT, `threshold`, `ratio` and `forecast_ratio` in percent."""

    rule = ComplianceRuleSerializer()
    department = serializers.CharField(source="department.code")
    year = serializers.IntegerField()
    threshold = serializers.DecimalField(max_digits=5, decimal_places=2)
    budget_amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    total_spend = serializers.DecimalField(max_digits=20, decimal_places=2)
    qualifying_amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    target_amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    ratio = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    forecast_amount = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    forecast_ratio = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    status = serializers.ChoiceField(choices=ComplianceStatus.choices)
    status_label = serializers.CharField()
    as_of = serializers.DateField()


class ComplianceQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text=_("Par défaut l'année en cours.")
    )
    department = serializers.CharField(
        required=False, max_length=12, help_text=_("Code d'une direction ; toutes par défaut.")
    )


# --- Pushing purchases ---------------------------------------------------------------------------


class PurchaseItemSerializer(serializers.Serializer):
    """One purchase line, with the fields and rules of the file import (see README: values may
    be written as in the finance system's file, e.g. "1 234,56" or "14/03/2025")."""

    reference = serializers.CharField(max_length=60, help_text=_("Unique dans l'organisation."))
    date = serializers.CharField(help_text=_("AAAA-MM-JJ ou JJ/MM/AAAA."))
    department = serializers.CharField(help_text=_("Code de la direction."))
    family = serializers.CharField(help_text=_("Code de la famille d'achat."))
    supplier = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=500)
    amount_excl_vat = serializers.CharField(
        help_text=_("Montant HT en euros, deux décimales au plus ; négatif pour un avoir.")
    )
    eco_labels = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("Codes des écolabels.")
    )
    recycled_content = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=100
    )
    reuse = serializers.BooleanField(required=False)


class PushErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(
        help_text=_("Position de l'élément dans la liste envoyée, à partir de 0.")
    )
    field = serializers.CharField(help_text=_("Champ en cause ; vide pour l'élément entier."))
    message = serializers.CharField()


class PushErrorsSerializer(serializers.Serializer):
    summary = serializers.CharField(
        help_text=_("Le nombre d'erreurs, et que seules les premières sont listées s'il y a lieu.")
    )
    errors_total = serializers.IntegerField(help_text=_("Le nombre de toutes les erreurs."))
    errors = PushErrorSerializer(
        many=True,
        help_text=_("Les premières erreurs (1 000 par défaut), dans l'ordre des éléments."),
    )


class PushResultSerializer(serializers.Serializer):
    batch = serializers.UUIDField(help_text=_("L'import créé, visible dans les imports."))
    received = serializers.IntegerField()
    created = serializers.IntegerField()
    skipped = serializers.IntegerField(
        help_text=_("Lignes dont la référence était déjà connue : elles ne sont pas ajoutées.")
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
