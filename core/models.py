from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """A row written by the background worker: proof that jobs go round."""

    hostname = models.CharField(_("machine"), max_length=255)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("signal de vie du worker")
        verbose_name_plural = _("signaux de vie du worker")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.hostname} {self.created_at:%Y-%m-%d %H:%M:%S}"
