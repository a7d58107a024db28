"""The API under /api/: the endpoints (v1), the OpenAPI description, its documentation page,
and the token pages of the profile."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import errors
from .views import resources, tokens

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("contracts", resources.ContractViewSet, basename="contract")
router.register("clauses", resources.ClauseViewSet, basename="clause")
router.register("budgets", resources.BudgetViewSet, basename="budget")
router.register("purchases", resources.PurchaseViewSet, basename="purchase")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/compliance/", resources.ComplianceView.as_view(), name="compliance"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", resources.DocsView.as_view(), name="docs"),
    path("jetons/", tokens.token_list, name="token-list"),
    path("jetons/nouveau/", tokens.token_create, name="token-create"),
    path("jetons/<str:token_key>/revoquer/", tokens.token_revoke, name="token-revoke"),
    # Last: an unknown address (or an id that is not one) answers JSON, not the site's page.
    re_path(r"", errors.not_found, name="not-found"),
]
