"""The buyer's contract pages (included inside the `purchasing` namespace, at /marches/)."""

from django.urls import path

from ..views import wizard as views

urlpatterns = [
    path("nouveau/", views.market_create, name="create"),
    path("cpv/recherche/", views.cpv_codes, name="cpv-search"),
    path("<int:pk>/besoin/", views.step_needs, name="step-needs"),
    path("<int:pk>/evaluation/", views.step_assessment, name="step-assessment"),
    path("<int:pk>/clauses/", views.step_clauses, name="step-clauses"),
    path(
        "<int:pk>/clauses/ajouter/<int:clause_pk>/",
        views.clause_add,
        name="clause-add",
    ),
    path("<int:pk>/clauses/<int:applied_pk>/", views.clause_edit, name="clause-edit"),
    path(
        "<int:pk>/clauses/<int:applied_pk>/retirer/",
        views.clause_remove,
        name="clause-remove",
    ),
    path("<int:pk>/criteres/", views.step_criteria, name="step-criteria"),
    path("<int:pk>/synthese/", views.summary, name="summary"),
    path("<int:pk>/soumettre/", views.submit, name="submit"),
]
