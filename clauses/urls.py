from django.urls import include, path

from . import views

app_name = "clauses"

urlpatterns = [
    path("", views.clause_list, name="list"),
    path("suggestions/", views.clause_suggestions, name="suggestions"),
    path("nouvelle/", views.clause_create, name="create"),
    path("<int:pk>/", views.clause_detail, name="detail"),
    path("<int:pk>/modifier/", views.clause_edit, name="edit"),
    path("<int:pk>/approuver/", views.clause_approve, name="approve"),
    path("<int:pk>/retirer/", views.clause_retire, name="retire"),
    path("<int:pk>/copier/", views.clause_copy, name="copy"),
    path("<int:pk>/historique/", views.clause_history, name="history"),
    path("<int:pk>/versions/comparer/", views.versions_compare, name="compare"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("referentiels/", include("clauses.reference_urls")),
    path("bibliotheque/", include("clauses.exchange_urls")),
]
