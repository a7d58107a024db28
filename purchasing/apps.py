from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "purchasing"
    verbose_name = _("Marchés")

    def ready(self):
        from core import demo as core_demo
        from core.jobs import registry as jobs
        from core.navigation import NavItem, register

        from . import access, demo
        from .models import LIST_EXPORT_JOB
        from .services import list_exports

        # A long contract list written to a file, run by core's one job mechanism.
        jobs.register(
            LIST_EXPORT_JOB,
            run=list_exports.export_run,
            on_ready=list_exports.export_done,
            on_failed=list_exports.export_failed,
        )

        # After the accounts and the clause library: contracts use both.
        core_demo.register("purchasing", demo.load_and_describe, order=30)
        register(
            NavItem(_("Marchés"), "purchasing:list", access.can_list_markets, order=50),
            NavItem(
                _("Revue des marchés"),
                "purchasing:review-queue",
                access.can_review_markets,
                order=60,
            ),
        )
