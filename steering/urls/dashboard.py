"""The committee dashboard, at /pilotage/ (inside the `steering` namespace)."""

from django.urls import path

from ..views import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]
