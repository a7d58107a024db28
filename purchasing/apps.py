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
                area="markets",
            ),
        )
        self._register_home_tasks()

    @staticmethod
    def _register_home_tasks():
        from django.urls import reverse
        from django.utils.translation import ngettext

        from core import home

        from . import access
        from .models import MarketStatus
        from .selectors import lifecycle

        def mine(status):
            def url(user):
                return (
                    f"{reverse('purchasing:list')}?statut={status.value}&acheteur={user.public_id}"
                )

            return url

        def count(status):
            return lambda user: lifecycle.markets_in_charge(viewer=user, status=status).count()

        home.register(
            home.HomeTask(
                "markets-to-review",
                access.can_review_markets,
                lambda user: lifecycle.review_queue(viewer=user).count(),
                lambda n: ngettext("marché à relire", "marchés à relire", n),
                lambda user: reverse("purchasing:review-queue"),
                order=10,
            ),
            home.HomeTask(
                "markets-sent-back",
                access.can_create_markets,
                count(MarketStatus.SENT_BACK),
                lambda n: ngettext("marché renvoyé à reprendre", "marchés renvoyés à reprendre", n),
                mine(MarketStatus.SENT_BACK),
                order=20,
            ),
            home.HomeTask(
                "markets-draft",
                access.can_create_markets,
                count(MarketStatus.DRAFT),
                lambda n: ngettext(
                    "brouillon de marché à terminer",
                    "brouillons de marché à terminer",
                    n,
                ),
                mine(MarketStatus.DRAFT),
                order=21,
            ),
            home.HomeTask(
                "markets-in-execution",
                access.can_create_markets,
                count(MarketStatus.IN_EXECUTION),
                lambda n: ngettext(
                    "marché en exécution : suivi des clauses à saisir",
                    "marchés en exécution : suivi des clauses à saisir",
                    n,
                ),
                mine(MarketStatus.IN_EXECUTION),
                order=22,
            ),
        )
