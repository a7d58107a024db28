"""The SPASER's pages, mounted under /pilotage/spaser/ in the `steering` namespace."""

from django.urls import path

from ..views import spaser as views

urlpatterns = [
    path("", views.spaser, name="spaser"),
    path("creer/", views.scheme_create, name="spaser-scheme-create"),
    path("versions/<int:pk>/", views.scheme_detail, name="spaser-scheme"),
    path("versions/<int:pk>/modifier/", views.scheme_edit, name="spaser-scheme-edit"),
    path(
        "versions/<int:pk>/axes/<int:axis_pk>/objectifs/",
        views.objective_add,
        name="spaser-objective-add",
    ),
    path(
        "versions/<int:pk>/objectifs/<int:objective_pk>/retirer/",
        views.objective_delete,
        name="spaser-objective-delete",
    ),
    path("versions/<int:pk>/adopter/", views.scheme_adopt, name="spaser-scheme-adopt"),
    path(
        "versions/<int:pk>/nouvelle-version/",
        views.scheme_new_version,
        name="spaser-scheme-new-version",
    ),
    path("rapports/demander/", views.report_request, name="spaser-report-request"),
    path("rapports/<int:pk>/", views.report_detail, name="spaser-report"),
    path("rapports/<int:pk>/rapport.pdf", views.report_download, name="spaser-report-download"),
    path("rapports/<int:pk>/publication/", views.report_publish, name="spaser-report-publish"),
    path("rapports/<int:pk>/relancer/", views.report_retry, name="spaser-report-retry"),
]
