"""The network's home and calendar, members, meetings and common projects (inside the `network`
namespace, at /reseau/)."""

from django.urls import path

from .views import meetings as views

urlpatterns = [
    path("", views.home, name="home"),
    path("creer/", views.network_create, name="network-create"),
    path("<uuid:public_id>/modifier/", views.network_edit, name="network-edit"),
    # Members and their contacts
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
    # Meetings
    path("rencontres/", views.meeting_list, name="meeting-list"),
    path("rencontres/calendrier.ics", views.meetings_ical, name="meeting-ical"),
    path("rencontres/nouvelle/", views.meeting_create, name="meeting-create"),
    path("rencontres/<uuid:public_id>/", views.meeting_detail, name="meeting-detail"),
    path("rencontres/<uuid:public_id>/modifier/", views.meeting_edit, name="meeting-edit"),
    path("rencontres/<uuid:public_id>/annuler/", views.meeting_cancel, name="meeting-cancel"),
    path(
        "rencontres/<uuid:public_id>/inscriptions/",
        views.meeting_register,
        name="meeting-register",
    ),
    path(
        "rencontres/<uuid:public_id>/inscriptions/<int:pk>/retirer/",
        views.meeting_unregister,
        name="meeting-unregister",
    ),
    path(
        "rencontres/<uuid:public_id>/presences/",
        views.meeting_attendance,
        name="meeting-attendance",
    ),
    path(
        "rencontres/<uuid:public_id>/compte-rendu/",
        views.minutes_upload,
        name="meeting-minutes-upload",
    ),
    path(
        "rencontres/<uuid:public_id>/compte-rendu/fichier/",
        views.minutes_download,
        name="meeting-minutes",
    ),
    path(
        "rencontres/<uuid:public_id>/actions/ajouter/",
        views.action_item_edit,
        name="action-add",
    ),
    path(
        "rencontres/<uuid:public_id>/actions/<int:pk>/",
        views.action_item_edit,
        name="action-edit",
    ),
    path(
        "rencontres/<uuid:public_id>/actions/<int:pk>/etat/",
        views.action_item_status,
        name="action-status",
    ),
    # Common projects
    path("projets/", views.project_list, name="project-list"),
    path("projets/nouveau/", views.project_create, name="project-create"),
    path("projets/<uuid:public_id>/", views.project_detail, name="project-detail"),
    path("projets/<uuid:public_id>/modifier/", views.project_edit, name="project-edit"),
    path("projets/<uuid:public_id>/jalons/ajouter/", views.milestone_edit, name="milestone-add"),
    path(
        "projets/<uuid:public_id>/jalons/<int:pk>/",
        views.milestone_edit,
        name="milestone-edit",
    ),
    path(
        "projets/<uuid:public_id>/jalons/<int:pk>/retirer/",
        views.milestone_delete,
        name="milestone-delete",
    ),
]
