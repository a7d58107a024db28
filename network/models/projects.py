"""Common projects of a network and their milestones."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from .networks import Network


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETED = "completed", _("Terminé")
    ABANDONED = "abandoned", _("Abandonné")

    @property
    def tone(self) -> str:
        """The tone of its badge (core.ui.TONES)."""
        return {
            "proposed": "light",
            "in_progress": "primary",
            "completed": "success",
            "abandoned": "secondary",
        }[self.value]


class CommonProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(network__in=Network.objects.visible_to(user))


class CommonProject(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    network = models.ForeignKey(
        Network, verbose_name=_("réseau"), on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("thème (famille d'achat)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_projects",
    )
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation pilote"),
        on_delete=models.PROTECT,
        related_name="led_network_projects",
    )
    participants = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("organisations participantes"),
        blank=True,
        related_name="network_projects",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("créé par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[participants])
    objects = CommonProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet commun")
        verbose_name_plural = _("projets communs")
        ordering = ["network", "title"]
        constraints = [
            choices_constraint("status", ProjectStatus, name="common_project_status_valid"),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self):
        return self.title

    @property
    def status_tone(self) -> str:
        return ProjectStatus(self.status).tone


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project__in=CommonProject.objects.visible_to(user))


class Milestone(models.Model):
    project = models.ForeignKey(
        CommonProject,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("jalon"), max_length=200)
    due_on = models.DateField(_("échéance"))
    done_on = models.DateField(_("atteint le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["project", "due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()
