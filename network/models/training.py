"""Training sessions and their registrations (waiting list, attendance)."""

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from .networks import COORDINATE_NETWORK, Network, has_organisation, member_network_ids


class Audience(models.TextChoices):
    ORGANISATION = "organisation", _("L'organisation qui organise")
    NETWORK = "network", _("Tout le réseau")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")

    @property
    def tone(self) -> str:
        """The tone of its badge (core.ui.TONES)."""
        return {"draft": "secondary", "published": "primary", "cancelled": "danger"}[self.value]


class TrainingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published (or cancelled) sessions of the person's organisation and, when open to the
        network, of the networks it belongs to; drafts only to the organiser's coordinators."""
        if not has_organisation(user):
            return self.none()
        announced = ~models.Q(status=SessionStatus.DRAFT)
        own = models.Q(organiser_id=user.organisation_id)
        condition = announced & (
            own
            | models.Q(
                audience=Audience.NETWORK,
                network_id__in=member_network_ids(user.organisation_id),
            )
        )
        if user.has_perm(COORDINATE_NETWORK):
            condition |= own
        return self.filter(condition)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now(), status=SessionStatus.PUBLISHED)


class TrainingSession(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    organiser = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation qui organise"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("réseau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    audience = models.CharField(
        _("public"), max_length=20, choices=Audience.choices, default=Audience.ORGANISATION
    )
    title = models.CharField(_("titre"), max_length=200)
    module = models.CharField(
        _("module"),
        max_length=200,
        help_text=_("Par exemple : Module 2 — Clauses sociales et insertion."),
    )
    description = models.TextField(_("programme"), blank=True)
    trainer = models.CharField(_("formateur"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    online_url = models.URLField(_("lien de la classe virtuelle"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("statut"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("créée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()
    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0),
                name="training_session_capacity_positive",
                violation_error_message=_("Une session a au moins une place."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("La fin de la session précède son début."),
            ),
            models.CheckConstraint(
                condition=~models.Q(audience=Audience.NETWORK) | models.Q(network__isnull=False),
                name="training_session_network_audience_has_network",
                violation_error_message=_("Une session ouverte au réseau indique ce réseau."),
            ),
            choices_constraint("audience", Audience, name="training_session_audience_valid"),
            choices_constraint("status", SessionStatus, name="training_session_status_valid"),
        ]
        indexes = [models.Index(fields=["organiser", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    @property
    def status_tone(self) -> str:
        return SessionStatus(self.status).tone

    @property
    def my_registration_status(self) -> "RegistrationStatus | None":
        """The viewer's registration status, from the `my_status` the selectors annotate."""
        value = getattr(self, "my_status", None)
        return RegistrationStatus(value) if value else None


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulé")
    ATTENDED = "attended", _("Présent")
    ABSENT = "absent", _("Absent")

    @property
    def tone(self) -> str:
        """The tone of its badge (core.ui.TONES)."""
        return {
            "registered": "primary",
            "waiting": "warning",
            "cancelled": "light",
            "attended": "success",
            "absent": "secondary",
        }[self.value]


# Statuses that hold one of the session's places.
SEAT_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
)


class TrainingRegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own registrations; every registration of a session to the coordinators of
        the organisation that organises it."""
        if not user.is_authenticated:
            return self.none()
        condition = models.Q(user_id=user.pk)
        if user.organisation_id is not None and user.has_perm(COORDINATE_NETWORK):
            condition |= models.Q(session__organiser_id=user.organisation_id)
        return self.filter(condition)

    def holding_seat(self):
        return self.filter(status__in=SEAT_STATUSES)

    def waiting_list(self):
        """In the order places are offered: first come, first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("registered_at", "pk")


class TrainingRegistration(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="training_registrations",
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    # Also the waiting-list order.
    registered_at = models.DateTimeField(_("inscrit le"), default=timezone.now)
    registered_by = models.ForeignKey(
        "accounts.User", verbose_name=_("inscrit par"), on_delete=models.PROTECT, related_name="+"
    )
    promoted_at = models.DateTimeField(_("sorti de la liste d'attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = TrainingRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription à une formation")
        verbose_name_plural = _("inscriptions aux formations")
        ordering = ["session", "registered_at", "pk"]
        constraints = [
            # A cancelled registration stays for the history; the person may register again.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="training_registration_one_active_per_person",
                violation_error_message=_("Cette personne est déjà inscrite à cette session."),
            ),
            choices_constraint(
                "status", RegistrationStatus, name="training_registration_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=RegistrationStatus.CANCELLED)
                    & models.Q(cancelled_at__isnull=False)
                )
                | (
                    ~models.Q(status=RegistrationStatus.CANCELLED)
                    & models.Q(cancelled_at__isnull=True)
                ),
                name="training_registration_cancelled_has_date",
                violation_error_message=_("Une inscription annulée a une date d'annulation."),
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "registered_at"])]

    def __str__(self):
        return f"{self.user} — {self.session}"

    @property
    def status_tone(self) -> str:
        return RegistrationStatus(self.status).tone
