"""Themed meetings of a network, with their registrations, attendance, minutes and action
items; each person's private calendar subscription."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from .networks import Network


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")

    @property
    def tone(self) -> str:
        """The tone of its badge (core.ui.TONES)."""
        return {"planned": "primary", "held": "success", "cancelled": "secondary"}[self.value]


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(network__in=Network.objects.visible_to(user))

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).exclude(status=MeetingStatus.CANCELLED)


def minutes_path(instance, filename):
    return f"network/minutes/{instance.public_id}/{filename}"


class Meeting(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    network = models.ForeignKey(
        Network, verbose_name=_("réseau"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("titre"), max_length=200)
    theme = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("thème (famille d'achat)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_meetings",
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    online_url = models.URLField(_("lien de visioconférence"), blank=True)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.FileField(_("compte rendu"), upload_to=minutes_path, blank=True)
    minutes_uploaded_at = models.DateTimeField(_("compte rendu déposé le"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("créée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # Also the DTSTAMP / SEQUENCE source of the iCalendar export: calendars refresh on change.
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencontre du réseau")
        verbose_name_plural = _("rencontres du réseau")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("La fin de la rencontre précède son début."),
            ),
            choices_constraint("status", MeetingStatus, name="meeting_status_valid"),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    @property
    def status_tone(self) -> str:
        return MeetingStatus(self.status).tone


class MeetingRegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of the network see who comes to its meetings."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class MeetingRegistration(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("rencontre"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="meeting_registrations",
    )
    registered_by = models.ForeignKey(
        "accounts.User", verbose_name=_("inscrit par"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    # None until the coordinator takes attendance.
    attended = models.BooleanField(_("présent"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MeetingRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription à une rencontre")
        verbose_name_plural = _("inscriptions aux rencontres")
        ordering = ["meeting", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="meeting_registration_unique",
                violation_error_message=_("Cette personne est déjà inscrite à la rencontre."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.meeting}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Faite")


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(meeting__in=Meeting.objects.visible_to(user))

    def overdue(self, day=None):
        return self.filter(due_on__lt=day or timezone.localdate()).exclude(status=ActionStatus.DONE)


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("rencontre"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=255)
    description = models.TextField(_("précisions"), blank=True)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation responsable"),
        on_delete=models.PROTECT,
        related_name="network_action_items",
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("faite le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action à mener")
        verbose_name_plural = _("actions à mener")
        ordering = ["meeting", "due_on", "pk"]
        constraints = [
            choices_constraint("status", ActionStatus, name="action_item_status_valid"),
            models.CheckConstraint(
                condition=(models.Q(status=ActionStatus.DONE) & models.Q(done_on__isnull=False))
                | (~models.Q(status=ActionStatus.DONE) & models.Q(done_on__isnull=True)),
                name="action_item_done_has_date",
                violation_error_message=_("Une action faite a une date de réalisation."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status != ActionStatus.DONE
        )


def calendar_token_digest(token: str) -> str:
    """What is stored of a calendar feed's secret: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's private calendar subscription: the address, with its secret token, lets a
    calendar program read the meetings of the person's networks without a session. One per
    person; revoked by deleting it, regenerated by replacing its secret (the old address then
    answers 404). The token is shown once, when it is made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("personne"),
    )
    token_digest = models.CharField(_("empreinte du jeton"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("adresse créée le"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["token_digest"])

    class Meta:
        verbose_name = _("abonnement au calendrier")
        verbose_name_plural = _("abonnements au calendrier")

    def __str__(self):
        return str(self.user)
