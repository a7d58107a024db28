"""The open-data page and its files (included inside the `purchasing` namespace, at
/marches/)."""

from django.urls import path

from ..views import opendata as views

urlpatterns = [
    path("donnees-ouvertes/", views.opendata_page, name="opendata"),
    path("donnees-ouvertes/decp/", views.decp_download, name="opendata-decp"),
    path("donnees-ouvertes/ocds/", views.ocds_download, name="opendata-ocds"),
    path(
        "donnees-ouvertes/<int:pk>/code-commune/",
        views.place_insee_code_set,
        name="opendata-place",
    ),
]
