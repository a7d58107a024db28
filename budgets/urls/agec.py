"""The yearly AGEC declaration."""

from django.urls import path

from ..views import agec

urlpatterns = [
    path("agec/", agec.agec_page, name="agec"),
    path("agec/declaration.csv", agec.agec_export, name="agec-export"),
]
