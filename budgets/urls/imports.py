"""The imports of files from the finance system."""

from django.urls import path

from ..views import imports

urlpatterns = [
    path("imports/", imports.import_list, name="import-list"),
    path("imports/nouveau/", imports.import_upload, name="import-upload"),
    path("imports/modele-<str:kind>.csv", imports.import_template, name="import-template"),
    path("imports/<uuid:public_id>/", imports.import_detail, name="import-detail"),
    path("imports/<uuid:public_id>/etat/", imports.import_status, name="import-status"),
    path("imports/<uuid:public_id>/confirmer/", imports.import_confirm, name="import-confirm"),
    path(
        "imports/<uuid:public_id>/verifier/",
        imports.import_check_retry,
        name="import-check-retry",
    ),
    path("imports/<uuid:public_id>/annuler/", imports.import_reverse, name="import-reverse"),
]
