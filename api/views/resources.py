"""The API's endpoints. Who may read what is decided by the apps' own access helpers and
`visible_to` querysets, as for the pages: another organisation's objects are absent from the
lists and answer 404; a member whose role does not allow the list answers 403."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from budgets import access as budgets_access
from budgets.models import Budget, Purchase
from budgets.selectors import compliance as compliance_selectors
from clauses import access as clause_access
from clauses.selectors import library as clause_selectors
from core.access import ensure
from purchasing import access as market_access
from purchasing import selectors as market_selectors
from purchasing.models import Market

from .. import filters, serializers, services

UNAUTHENTICATED = OpenApiResponse(
    serializers.ErrorSerializer, description=_("Jeton absent, inconnu, révoqué ou expiré.")
)
FORBIDDEN = OpenApiResponse(
    serializers.ErrorSerializer, description=_("Votre rôle ne donne pas accès à ces données.")
)
NOT_FOUND = OpenApiResponse(
    serializers.ErrorSerializer, description=_("Inconnu, ou d'une autre organisation.")
)
# Identifiers in paths: digits only, and within the range of the database's integers.
ID_REGEX = "[0-9]{1,18}"
BAD_FILTER = OpenApiResponse(description=_("Un filtre a une valeur non valide."))


def _list_responses(serializer) -> dict:
    return {200: serializer, 400: BAD_FILTER, 401: UNAUTHENTICATED, 403: FORBIDDEN}


@extend_schema_view(
    list=extend_schema(
        summary=_("Marchés"),
        description=_(
            "Les marchés que vous pouvez consulter (ceux de votre direction, ou de toute "
            "l'organisation selon votre rôle), filtrés et triés."
        ),
        responses=_list_responses(serializers.MarketListSerializer),
    ),
    retrieve=extend_schema(
        summary=_("Un marché"),
        description=_(
            "Le marché avec ses lots, critères d'attribution, attributions, clauses appliquées "
            "et les considérations sociales et environnementales qu'elles donnent (DECP)."
        ),
        responses={
            200: serializers.MarketDetailSchemaSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    ),
)
class ContractViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_REGEX
    serializer_class = serializers.MarketListSerializer
    filterset_class = filters.MarketFilter
    queryset = Market.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Market.objects.none()
        if self.action == "list" and not market_access.can_list_markets(self.request.user):
            raise PermissionDenied
        return market_selectors.market_list(viewer=self.request.user).select_related("organisation")

    def retrieve(self, request, *args, **kwargs):
        market = market_access.get_market_for_user(
            request.user,
            kwargs["pk"],
            queryset=Market.objects.select_related(
                "organisation", "department", "buyer", "purchase_family", "main_cpv"
            ),
        )
        market_file = market_selectors.market_file(market=market)
        # What the list computes in SQL, here from the rows the contract's file loaded.
        market.has_social = market_file.considerations.has_social
        market.has_environmental = market_file.considerations.has_environmental
        awards = [lot.award.amount for lot in market_file.lots if hasattr(lot, "award")]
        market.awarded_amount = sum(awards) if awards else None
        serializer = serializers.MarketDetailSerializer(
            market_file, context=self.get_serializer_context()
        )
        return Response(serializer.data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Clauses"),
        description=_(
            "Les clauses de la bibliothèque que vous pouvez lire : celles de votre "
            "organisation en usage et celles que d'autres partagent avec le réseau (tout le "
            "texte de la bibliothèque de votre organisation pour ses administrateurs), dans "
            "leur version en vigueur."
        ),
        responses=_list_responses(serializers.ClauseListSerializer),
    ),
    retrieve=extend_schema(
        summary=_("Une clause"),
        description=_("La clause avec son texte, ses paramètres et sa version en vigueur."),
        responses={200: serializers.ClauseDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    ),
)
class ClauseViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_REGEX
    serializer_class = serializers.ClauseListSerializer
    filterset_class = filters.ClauseFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return clause_selectors.Clause.objects.none()
        return clause_selectors.clause_search(viewer=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return clause_selectors.with_texts(viewer=self.request.user, clauses=page)

    def retrieve(self, request, *args, **kwargs):
        clause = clause_access.get_clause_for_user(request.user, kwargs["pk"])
        clause.text = clause_selectors.clause_text(viewer=request.user, clause=clause)
        return Response(
            serializers.ClauseDetailSerializer(clause, context=self.get_serializer_context()).data
        )


class CompliancePermissionMixin:
    """Budgets, purchases and compliance: read by those who read the compliance pages, for the
    departments they may read there (a department head: their own)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not budgets_access.can_view_compliance(request.user):
            raise PermissionDenied


@extend_schema_view(
    list=extend_schema(
        summary=_("Budgets"),
        description=_(
            "Les budgets alloués par direction, année et famille d'achat (HT), pour les "
            "directions dont vous pouvez lire le respect des règles."
        ),
        responses=_list_responses(serializers.BudgetSerializer),
    ),
)
class BudgetViewSet(CompliancePermissionMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.BudgetSerializer
    filterset_class = filters.BudgetFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Budget.objects.none()
        user = self.request.user
        return (
            Budget.objects.filter(
                organisation_id=user.organisation_id,
                department__in=budgets_access.compliance_departments(user),
            )
            .select_related("department", "family")
            .order_by("-year", "department__code", "family__code", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Achats"),
        description=_(
            "Les lignes d'achat importées du logiciel financier (HT ; un avoir est négatif), "
            "pour les directions dont vous pouvez lire le respect des règles."
        ),
        responses=_list_responses(serializers.PurchaseSerializer),
    ),
    create=extend_schema(
        summary=_("Envoyer des achats"),
        description=_(
            "Une liste de lignes d'achat, vérifiées comme un fichier d'import : tout ou rien. "
            "Une erreur : rien n'est écrit, et la réponse 400 donne chaque erreur avec "
            "l'indice de l'élément (à partir de 0) et le champ. Sinon les lignes dont la "
            "référence est nouvelle sont ajoutées, enregistrées comme un import (annulable "
            "depuis la page des imports) ; celles dont la référence est déjà connue sont "
            "ignorées. Réservé aux gestionnaires financiers."
        ),
        request=serializers.PurchaseItemSerializer(
            many=True, min_length=1, max_length=settings.API_PUSH_MAX_ITEMS
        ),
        responses={
            201: serializers.PushResultSerializer,
            400: serializers.PushErrorsSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
        },
        examples=[
            OpenApiExample(
                _("Deux lignes"),
                request_only=True,
                value=[
                    {
                        "reference": "FAC-2026-000123",
                        "date": "2026-03-14",
                        "department": "LYC",
                        "family": "paper",
                        "supplier": "Papeterie du Nord",
                        "description": "Ramettes A4 recyclées",
                        "amount_excl_vat": "1234.56",
                        "eco_labels": ["eu-ecolabel"],
                        "recycled_content": 100,
                        "reuse": False,
                    },
                    {
                        "reference": "AV-2026-000007",
                        "date": "2026-03-20",
                        "department": "LYC",
                        "family": "paper",
                        "amount_excl_vat": "-80.00",
                    },
                ],
            )
        ],
    ),
)
class PurchaseViewSet(
    CompliancePermissionMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.PurchaseSerializer
    filterset_class = filters.PurchaseFilter
    throttle_scope = "purchases-push"

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action != "create":
            throttles = [t for t in throttles if not isinstance(t, ScopedRateThrottle)]
        return throttles

    def initial(self, request, *args, **kwargs):
        if self.action == "create":
            # Pushing is for finance officers only, whatever they may read.
            super(CompliancePermissionMixin, self).initial(request, *args, **kwargs)
            ensure(budgets_access.can_manage_budgets(request.user))
            return
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Purchase.objects.none()
        user = self.request.user
        return (
            Purchase.objects.filter(
                organisation_id=user.organisation_id,
                department__in=budgets_access.compliance_departments(user),
            )
            .select_related("department", "family", "batch")
            .prefetch_related("eco_labels")
            .order_by("-date", "reference", "pk")
        )

    def create(self, request, *args, **kwargs):
        items = request.data
        try:
            if not isinstance(items, list):
                message = _("Envoyez une liste JSON d'achats.")
                raise services.PushRejected([services.ItemError(0, "", message)])
            batch = services.purchases_push(actor=request.user, items=items)
        except services.PushRejected as rejected:
            return Response(
                {
                    "summary": rejected.summary,
                    "errors_total": rejected.total,
                    "errors": [error.as_dict() for error in rejected.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {
                "batch": str(batch.public_id),
                "received": batch.rows_total,
                "created": batch.rows_created,
                "skipped": batch.rows_skipped,
            },
            status=status.HTTP_201_CREATED,
        )


class ComplianceView(CompliancePermissionMixin, APIView):
    @extend_schema(
        summary=_("Respect des règles d'achat"),
        description=_(
            "Pour une année, chaque règle d'achat en vigueur × chaque direction que vous "
            "pouvez lire : cible, montant qui compte, ratio, prévision de fin d'année et "
            "statut (atteint, en bonne voie, en risque, manqué, sans objet). Montants HT en "
            "euros, seuil et ratios en pourcentage."
        ),
        parameters=[serializers.ComplianceQuerySerializer],
        responses={
            200: serializers.ComplianceSerializer(many=True),
            400: BAD_FILTER,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        query = serializers.ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = request.user
        today = timezone.localdate()
        year = query.validated_data.get("year", today.year)
        code = query.validated_data.get("department")
        if code:
            departments = [budgets_access.get_department_for_compliance(user, code)]
        else:
            departments = list(budgets_access.compliance_departments(user).order_by("code"))
        rows = compliance_selectors.compliance_for(
            organisation=user.organisation, year=year, departments=departments, as_of=today
        )
        return Response(serializers.ComplianceSerializer(rows, many=True).data)


class DocsView(SpectacularSwaggerSplitView):
    """The documentation page (Swagger UI from the application's static files, its start-up
    script served as a file): it works under the site's CSP, without inline script or style."""

    template_name = "api/docs.html"
    url_name = "api:schema"
    title = _("API Achats responsables — documentation")
