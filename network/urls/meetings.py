"""Meetings of the network: registrations, attendance, minutes, action items and the iCalendar
feed (inside the `network` namespace, at /reseau/)."""

from django.urls import path

from ..views import meetings as views

urlpatterns = [
    path("rencontres/", views.meeting_list, name="meeting-list"),
    path("rencontres/calendrier.ics", views.meetings_ical, name="meeting-ical"),
    path(
        "rencontres/abonnement/<str:token>/calendrier.ics",
        views.calendar_feed,
        name="calendar-feed",
    ),
    path(
        "rencontres/abonnement/nouvelle-adresse/",
        views.calendar_feed_renew,
        name="calendar-feed-renew",
    ),
    path(
        "rencontres/abonnement/revoquer/", views.calendar_feed_revoke, name="calendar-feed-revoke"
    ),
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
]
