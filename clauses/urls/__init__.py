"""The addresses of the clauses app, by sub-domain, in one "clauses" namespace: the library at
its root, the reference data under referentiels/, the exchange under bibliotheque/."""

from django.urls import include, path

from . import exchange, library, reference

app_name = "clauses"

urlpatterns = [
    *library.urlpatterns,
    path("referentiels/", include(reference)),
    path("bibliotheque/", include(exchange)),
]
