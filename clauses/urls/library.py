from django.urls import path

from ..views import library as views

# Composed by clauses/urls/__init__.py at the root of the "clauses" namespace.
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
]
