"""The committee's pages, mounted under /pilotage/comite/ in the `steering` namespace."""

from django.urls import path

from ..views import committee as views

urlpatterns = [
    path("", views.committee, name="committee"),
    path("objectifs/", views.committee_edit, name="committee-edit"),
    path("membres/ajouter/", views.member_add, name="committee-member-add"),
    path("membres/<int:pk>/", views.member_detail, name="committee-member-detail"),
    path("membres/<int:pk>/modifier/", views.member_edit, name="committee-member-edit"),
    path("membres/<int:pk>/depart/", views.member_end, name="committee-member-end"),
    path("reunions/", views.meeting_list, name="committee-meeting-list"),
    path("reunions/ajouter/", views.meeting_add, name="committee-meeting-add"),
    path("reunions/<int:pk>/", views.meeting_detail, name="committee-meeting-detail"),
    path("reunions/<int:pk>/modifier/", views.meeting_edit, name="committee-meeting-edit"),
    path(
        "reunions/<int:pk>/decisions/ajouter/",
        views.decision_add,
        name="committee-decision-add",
    ),
    path("decisions/<int:pk>/", views.decision_detail, name="committee-decision-detail"),
    path("decisions/<int:pk>/modifier/", views.decision_edit, name="committee-decision-edit"),
]
