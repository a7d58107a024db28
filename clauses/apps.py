from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = _("Bibliothèque de clauses")

    def ready(self):
        from core import demo as core_demo

        from . import demo

        # After the accounts: the starter clauses are approved by the demo administrator.
        core_demo.register("clauses", demo.load_and_describe, order=20)
