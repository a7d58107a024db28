"""The public page of an organisation, at /<organisation-slug>/achats-responsables/ (namespace
`public`), with its published reports and their indicators."""

from django.urls import path

from ..views import public as views

app_name = "public"

urlpatterns = [
    path("", views.public_page, name="spaser"),
    path("rapports/<int:pk>/rapport.pdf", views.public_report_pdf, name="spaser-report-pdf"),
    path(
        "rapports/<int:pk>/indicateurs.csv",
        views.public_indicators_csv,
        name="spaser-indicators-csv",
    ),
]
