from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self):
        from core import profile

        from . import schema  # noqa: F401  (schema: the OpenAPI extension)
        from .views import tokens

        # Each person manages the tokens of their own API access from their profile page.
        profile.register(
            profile.ProfileSection(
                name="api-tokens",
                template_name="api/profile_section.html",
                context=tokens.profile_section_context,
                order=70,
            )
        )
