"""The pages every public body publishes, open to all: the accessibility statement, the legal
notice, the personal-data page (config/urls.py includes them at the root)."""

from django.urls import path

from .. import views

app_name = "site"

urlpatterns = [
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="legal-notice"),
    path("donnees-personnelles/", views.personal_data, name="personal-data"),
]
