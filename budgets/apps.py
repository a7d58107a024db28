from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgets et règles d'achat")

    def ready(self):
        from core import demo as core_demo
        from core.jobs import registry as jobs
        from core.navigation import NavItem, register

        from . import access, demo
        from .models import IMPORT_CHECK_JOB, IMPORT_CONFIRM_JOB
        from .services import import_jobs

        # The check and the confirmation of an import sent from the browser, run by core's
        # one job mechanism.
        jobs.register(
            IMPORT_CHECK_JOB,
            run=import_jobs.check_run,
            on_ready=import_jobs.check_done,
            on_failed=import_jobs.check_failed,
        )
        jobs.register(
            IMPORT_CONFIRM_JOB,
            run=import_jobs.confirm_run,
            on_ready=import_jobs.confirm_done,
            on_failed=import_jobs.confirm_failed,
        )

        # After the contracts (30): budgets and purchases of the council's departments.
        core_demo.register("budgets", demo.load_and_describe, order=40)

        # Distinct address prefixes: the menu marks an entry active when the page's address
        # starts with its own, and the budgets pages link to each other through their tabs.
        register(
            NavItem(
                _("Respect des règles"),
                "budgets:compliance",
                access.can_view_compliance,
                order=70,
                area="budgets",
            ),
            NavItem(
                _("Imports"),
                "budgets:import-list",
                access.can_manage_budgets,
                order=75,
                area="budgets",
            ),
            NavItem(
                _("Règles d'achat"),
                "budgets:rule-list",
                access.can_read_rules,
                order=80,
                area="budgets",
            ),
        )
        self._register_home_tasks()

    @staticmethod
    def _register_home_tasks():
        from django.urls import reverse
        from django.utils.translation import ngettext

        from core import home

        from . import access
        from .models import ImportStatus
        from .selectors import imports

        preview = ImportStatus.PREVIEW.value
        home.register(
            home.HomeTask(
                "imports-to-confirm",
                access.can_manage_budgets,
                lambda user: imports.import_list(viewer=user, status=preview).count(),
                lambda n: ngettext(
                    "import lu mais pas confirmé",
                    "imports lus mais pas confirmés",
                    n,
                ),
                lambda user: f"{reverse('budgets:import-list')}?statut={preview}",
                order=30,
            ),
        )
