"""The accepted codes of the import files and the XLSX templates."""

from django.urls import path

from ..views import codes

urlpatterns = [
    path("imports/codes/", codes.import_codes, name="import-codes"),
    path("imports/modele-<str:kind>.xlsx", codes.import_template_xlsx, name="import-template-xlsx"),
]
