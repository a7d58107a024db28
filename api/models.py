"""The tokens other systems use to call the API: knox's hashed tokens with a name the person
gives and the time of their last use."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """A token as knox stores it (SHA-512 digest, the first characters in clear to find it,
    expiry), named by its owner. The token itself is shown once, when it is created."""

    name = models.CharField(_("nom"), max_length=100)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'accès à l'API")
        verbose_name_plural = _("jetons d'accès à l'API")
        ordering = ["-created"]
