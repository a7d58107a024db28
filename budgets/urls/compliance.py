"""The compliance with the purchasing rules, and the purchases that count for a rule."""

from django.urls import path

from ..views import compliance

urlpatterns = [
    path("conformite/", compliance.compliance, name="compliance"),
    path(
        "conformite/<int:year>/<str:department>/regles/<int:rule>/achats/",
        compliance.rule_purchases,
        name="rule-purchases",
    ),
]
