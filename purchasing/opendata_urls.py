"""The open-data page and its files (included inside the `purchasing` namespace, at
/marches/)."""

from django.urls import path

from . import opendata_views

urlpatterns = [
    path("donnees-ouvertes/", opendata_views.opendata_page, name="opendata"),
    path("donnees-ouvertes/decp/", opendata_views.decp_download, name="opendata-decp"),
    path("donnees-ouvertes/ocds/", opendata_views.ocds_download, name="opendata-ocds"),
]
