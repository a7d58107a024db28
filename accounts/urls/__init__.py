from django.contrib.auth import views as auth_views
from django.urls import path

from .. import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "mot-de-passe/modifie/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("mot-de-passe/oublie/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("personnes/", views.people_list, name="person-list"),
    path("personnes/nouvelle/", views.person_create, name="person-create"),
    path("personnes/<uuid:public_id>/", views.person_detail, name="person-detail"),
    path("personnes/<uuid:public_id>/modifier/", views.person_edit, name="person-edit"),
    path(
        "personnes/<uuid:public_id>/desactiver/",
        views.person_set_active,
        {"active": False},
        name="person-deactivate",
    ),
    path(
        "personnes/<uuid:public_id>/reactiver/",
        views.person_set_active,
        {"active": True},
        name="person-reactivate",
    ),
    path("directions/", views.department_list, name="department-list"),
    path("directions/nouvelle/", views.department_create, name="department-create"),
    path("directions/<str:code>/modifier/", views.department_edit, name="department-edit"),
    path("pages-publiques/", views.public_information_edit, name="public-information"),
]
