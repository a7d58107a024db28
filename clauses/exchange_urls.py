from django.urls import path

from . import exchange_views

# Included by clauses/urls.py under bibliotheque/, inside the clauses namespace.
urlpatterns = [
    path("exporter/", exchange_views.library_export, name="library-export"),
    path("importer/", exchange_views.library_import, name="library-import"),
]
