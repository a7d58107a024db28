"""The steering pages under /pilotage/, in the `steering` namespace: the dashboard, the
committee (comite/) and the quarterly reports (rapports/)."""

from django.urls import include, path

app_name = "steering"

urlpatterns = [
    path("", include("steering.urls.dashboard")),
    path("comite/", include("steering.urls.committee")),
    path("rapports/", include("steering.urls.reports")),
    path("spaser/", include("steering.urls.spaser")),
]
