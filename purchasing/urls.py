from django.urls import include, path

app_name = "purchasing"

urlpatterns = [
    path("", include("purchasing.list_urls")),
    path("", include("purchasing.opendata_urls")),
    path("", include("purchasing.wizard_urls")),
    path("", include("purchasing.lifecycle_urls")),
]
