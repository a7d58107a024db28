from django.urls import path

from ..views import exchange as exchange_views

# Included by clauses/urls/__init__.py under bibliotheque/, inside the clauses namespace.
urlpatterns = [
    path("exporter/", exchange_views.library_export, name="library-export"),
    path("importer/", exchange_views.library_import, name="library-import"),
]
