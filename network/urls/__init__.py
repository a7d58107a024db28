"""The network's addresses, one module per sub-domain, all in the `network` namespace."""

from . import groups, meetings, networks, projects, supply_chain, training

app_name = "network"

urlpatterns = [
    *networks.urlpatterns,
    *meetings.urlpatterns,
    *projects.urlpatterns,
    *training.urlpatterns,
    *groups.urlpatterns,
    *supply_chain.urlpatterns,
]
