from django.urls import include, path

app_name = "purchasing"

urlpatterns = [
    path("", include("purchasing.urls.lists")),
    path("", include("purchasing.urls.opendata")),
    path("", include("purchasing.urls.wizard")),
    path("", include("purchasing.urls.lifecycle")),
]
