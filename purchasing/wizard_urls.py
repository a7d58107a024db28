"""The buyer's contract pages (included inside the `purchasing` namespace, at /marches/)."""

from django.urls import path

from . import wizard_views

urlpatterns = [
    path("nouveau/", wizard_views.market_create, name="create"),
    path("cpv/recherche/", wizard_views.cpv_codes, name="cpv-search"),
    path("<int:pk>/besoin/", wizard_views.step_needs, name="step-needs"),
    path("<int:pk>/evaluation/", wizard_views.step_assessment, name="step-assessment"),
    path("<int:pk>/clauses/", wizard_views.step_clauses, name="step-clauses"),
    path(
        "<int:pk>/clauses/ajouter/<int:clause_pk>/",
        wizard_views.clause_add,
        name="clause-add",
    ),
    path("<int:pk>/clauses/<int:applied_pk>/", wizard_views.clause_edit, name="clause-edit"),
    path(
        "<int:pk>/clauses/<int:applied_pk>/retirer/",
        wizard_views.clause_remove,
        name="clause-remove",
    ),
    path("<int:pk>/criteres/", wizard_views.step_criteria, name="step-criteria"),
    path("<int:pk>/synthese/", wizard_views.summary, name="summary"),
    path("<int:pk>/soumettre/", wizard_views.submit, name="submit"),
]
