"""The quarterly reports' pages, mounted under /pilotage/rapports/ in the `steering` namespace."""

from django.urls import path

from ..views import reports as views

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("demander/", views.report_request, name="report-request"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/etat/", views.report_status, name="report-status"),
    path("<int:pk>/relancer/", views.report_retry, name="report-retry"),
    path("<int:pk>/rapport.pdf", views.report_download, name="report-download"),
]
