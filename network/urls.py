from . import urls_groups, urls_meetings, urls_training

app_name = "network"

urlpatterns = [
    *urls_meetings.urlpatterns,
    *urls_training.urlpatterns,
    *urls_groups.urlpatterns,
]
