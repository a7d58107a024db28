"""The API under /api/: the endpoints (v1), the OpenAPI description, its documentation page,
and the token pages of the profile."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import token_views, views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("clauses", views.ClauseViewSet, basename="clause")
router.register("budgets", views.BudgetViewSet, basename="budget")
router.register("purchases", views.PurchaseViewSet, basename="purchase")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("jetons/", token_views.token_list, name="token-list"),
    path("jetons/nouveau/", token_views.token_create, name="token-create"),
    path("jetons/<str:token_key>/revoquer/", token_views.token_revoke, name="token-revoke"),
]
