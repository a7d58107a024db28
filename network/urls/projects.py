"""Common projects of the network and their milestones (inside the `network` namespace, at
/reseau/)."""

from django.urls import path

from ..views import projects as views

urlpatterns = [
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
