"""The contract list and its exports (included inside the `purchasing` namespace, at
/marches/)."""

from django.urls import path

from ..views import lists as views

urlpatterns = [
    path("", views.market_list, name="list"),
    path("export/", views.market_export, name="export"),
    path("exports/", views.export_request, name="export-request"),
    path("exports/<uuid:public_id>/", views.export_detail, name="export-detail"),
    path("exports/<uuid:public_id>/etat/", views.export_status, name="export-status"),
    path("exports/<uuid:public_id>/fichier/", views.export_download, name="export-download"),
    path("exports/<uuid:public_id>/relancer/", views.export_retry, name="export-retry"),
]
