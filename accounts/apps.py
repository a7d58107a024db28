from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, using, **kwargs):
    # Permissions of every app are created by their own post_migrate handler, which may come
    # after this one: create them first, then give each role its permissions.
    from django.contrib.auth.management import create_permissions

    from .services import roles_sync

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes et organisations")

    def ready(self):
        from core import demo as core_demo
        from core.navigation import NavItem, register

        from . import access, demo

        post_migrate.connect(_sync_roles_after_migrate, sender=self)
        core_demo.register("accounts", demo.load_and_describe, order=10)
        register(
            NavItem(
                _("Personnes"),
                "accounts:person-list",
                access.can_manage_people,
                order=900,
                area="admin",
            ),
            NavItem(
                _("Directions"),
                "accounts:department-list",
                access.can_manage_departments,
                order=910,
                area="admin",
            ),
        )
