from django.urls import path

from ..views import reference as views

# Included by clauses/urls/__init__.py under "referentiels/", inside the "clauses" namespace.
urlpatterns = [
    path("familles/", views.family_list, name="family-list"),
    path("familles/nouvelle/", views.family_create, name="family-create"),
    path("familles/<slug:code>/modifier/", views.family_edit, name="family-edit"),
    path("familles/<slug:code>/historique/", views.family_history, name="family-history"),
    path("ecolabels/", views.eco_label_list, name="eco-label-list"),
    path("ecolabels/nouveau/", views.eco_label_create, name="eco-label-create"),
    path("ecolabels/<slug:code>/modifier/", views.eco_label_edit, name="eco-label-edit"),
    path("ecolabels/<slug:code>/historique/", views.eco_label_history, name="eco-label-history"),
    path("cpv/", views.cpv_list, name="cpv-list"),
    path("cpv/nouveau/", views.cpv_create, name="cpv-create"),
    path("cpv/<str:code>/modifier/", views.cpv_edit, name="cpv-edit"),
]
