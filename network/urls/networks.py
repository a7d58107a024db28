"""The network's home and calendar, the network itself, its members and their contacts (inside
the `network` namespace, at /reseau/)."""

from django.urls import path

from ..views import networks as views

urlpatterns = [
    path("", views.home, name="home"),
    path("creer/", views.network_create, name="network-create"),
    path("<uuid:public_id>/modifier/", views.network_edit, name="network-edit"),
    path("membres/", views.members, name="members"),
    path("membres/ajouter/", views.member_add, name="member-add"),
    path("membres/<int:pk>/", views.membership_edit, name="membership-edit"),
    path("membres/<int:pk>/contacts/ajouter/", views.contact_edit, name="contact-add"),
    path("membres/<int:pk>/contacts/<int:contact_pk>/", views.contact_edit, name="contact-edit"),
    path(
        "membres/<int:pk>/contacts/<int:contact_pk>/retirer/",
        views.contact_delete,
        name="contact-delete",
    ),
]
