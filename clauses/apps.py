from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = _("Bibliothèque de clauses")

    def ready(self):
        from core import demo as core_demo
        from core.navigation import NavItem, register

        from . import access, demo

        # After the accounts: the starter clauses are approved by the demo administrator.
        core_demo.register("clauses", demo.load_and_describe, order=20)
        register(
            NavItem(
                _("Clauses"),
                "clauses:list",
                lambda user: user.is_authenticated and user.organisation_id is not None,
                order=100,
            ),
            NavItem(
                _("Référentiels"),
                "clauses:family-list",
                access.can_manage_clauses,
                order=800,
                area="admin",
            ),
        )
