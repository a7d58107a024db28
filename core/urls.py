from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("sante/", views.HealthView.as_view(), name="health"),
    path("sante/vie/", views.liveness, name="liveness"),
]
