"""The contract list and its exports (included inside the `purchasing` namespace, at
/marches/)."""

from django.urls import path

from . import list_views

urlpatterns = [
    path("", list_views.market_list, name="list"),
    path("export/", list_views.market_export, name="export"),
]
