"""The contract list and its exports (included inside the `purchasing` namespace, at
/marches/)."""

from django.urls import path

from ..views import lists as views

urlpatterns = [
    path("", views.market_list, name="list"),
    path("export/", views.market_export, name="export"),
]
