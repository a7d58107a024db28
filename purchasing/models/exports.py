"""The contract list as a file prepared in the background (a long list: core's job mechanism),
kept in the storage for the person who asked for it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.constraints import choices_constraint

# The kind of the export's background job (core.jobs), registered in apps.py.
LIST_EXPORT_JOB = "purchasing.list_export"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ListExport(models.Model):
    """A filtered contract list written to a file by a job. The file holds the contracts its
    requester may read: only they download it (another person's export does not exist)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    # The list's filters as the page had them (its query string), applied again by the job.
    query = models.CharField(_("filtres"), max_length=2000, blank=True)
    rows = models.PositiveIntegerField(_("marchés"), default=0)
    file = models.FileField(_("fichier"), upload_to="exports/marches/%Y/%m/", blank=True)
    job = models.OneToOneField(
        "core.Job",
        verbose_name=_("travail en arrière-plan"),
        on_delete=models.PROTECT,
        related_name="list_export",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("export de la liste des marchés")
        verbose_name_plural = _("exports de la liste des marchés")
        ordering = ["-created_at", "-pk"]
        constraints = [choices_constraint("file_format", ExportFormat, name="export_format_valid")]

    def __str__(self):
        return f"{self.get_file_format_display()} #{self.pk}"
