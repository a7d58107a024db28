"""Training sessions, registrations, attendance and certificates (inside the `network`
namespace, at /reseau/)."""

from django.urls import path

from ..views import training as views

urlpatterns = [
    path("formations/", views.session_list, name="training-list"),
    path("formations/nouvelle/", views.session_create, name="training-create"),
    path("formations/<uuid:public_id>/", views.session_detail, name="training-detail"),
    path("formations/<uuid:public_id>/modifier/", views.session_update, name="training-update"),
    path("formations/<uuid:public_id>/publier/", views.session_publish, name="training-publish"),
    path("formations/<uuid:public_id>/annuler/", views.session_cancel, name="training-cancel"),
    path("formations/<uuid:public_id>/inscription/", views.register, name="training-register"),
    path("formations/<uuid:public_id>/presences/", views.attendance, name="training-attendance"),
    path(
        "formations/inscriptions/<uuid:public_id>/annuler/",
        views.registration_cancel,
        name="training-registration-cancel",
    ),
    path(
        "formations/inscriptions/<uuid:public_id>/attestation.pdf",
        views.certificate,
        name="training-certificate",
    ),
]
