from django.urls import include, path

app_name = "clauses"

urlpatterns = [
    path("referentiels/", include("clauses.reference_urls")),
    path("bibliotheque/", include("clauses.exchange_urls")),
]
