from django.urls import include, path

app_name = "steering"

urlpatterns = [
    path("", include("steering.urls_dashboard")),
    path("comite/", include("steering.urls_committee")),
    path("rapports/", include("steering.urls_reports")),
]
