from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Réseau des acheteurs")

    def ready(self):
        from purchasing.visibility import register_visibility

        from . import access

        # Members of a purchasing group read its contracts, which belong to the coordinator.
        register_visibility(access.group_markets_condition)
