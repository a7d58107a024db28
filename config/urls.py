from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("compte/", include("accounts.urls")),
    path("", include("accounts.urls.public")),
    path("clauses/", include("clauses.urls")),
    path("marches/", include("purchasing.urls")),
    path("budgets/", include("budgets.urls")),
    path("reseau/", include("network.urls")),
    path("pilotage/", include("steering.urls")),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Last: an organisation's public page, no login.
    path("<slug:slug>/achats-responsables/", include("steering.urls.public")),
]

# The error page says whether someone is told (core.views.server_error).
handler500 = "core.views.server_error"
