import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constraints import choices_constraint


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


class JobStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    READY = "ready", _("Terminé")
    FAILED = "failed", _("Échec")


# What a page says of a job (`Job.state`), and the tone of its badge.
JOB_STATE_LABELS = {
    "awaiting_broker": _("En attente du service des travaux"),
    "pending": _("En attente"),
    "requeued": _("Relancé automatiquement"),
    "running": _("En construction"),
    "interrupted": _("Interrompu, reprise imminente"),
    JobStatus.READY: JobStatus.READY.label,
    JobStatus.FAILED: JobStatus.FAILED.label,
}
JOB_STATE_TONES = {
    "awaiting_broker": "warning",
    "pending": "secondary",
    "requeued": "info",
    "running": "primary",
    "interrupted": "warning",
    JobStatus.READY: "success",
    JobStatus.FAILED: "danger",
}


class Job(models.Model):
    """One background job of any kind (a quarterly report, an import…), the truth the pages read.

    pending → running → ready, or failed with a message for the person. A running job beats
    `heartbeat_at` every few seconds; one whose heartbeat is older than JOB_LOST_AFTER_SECONDS
    has lost its worker, whatever killed it, and is taken over by the next delivery or the
    sweep (`core.jobs.runner`). The app's own row points at its job."""

    kind = models.CharField(_("type"), max_length=60)
    status = models.CharField(
        _("état"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField(_("étape en cours"), max_length=200, blank=True)
    task_id = models.CharField(_("identifiant Celery"), max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("tentatives au plus"), default=5)
    error = models.TextField(_("erreur (pour la personne)"), blank=True)
    error_detail = models.TextField(_("détail technique de l'erreur"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("confié au service des travaux le"),
        null=True,
        blank=True,
        help_text=_("Vide : le service des travaux (Redis) n'a pas encore accepté le travail."),
    )
    queue_error = models.CharField(_("refus du service des travaux"), max_length=500, blank=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("dernier signal de vie"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    requeued_at = models.DateTimeField(
        _("relancé automatiquement le"),
        null=True,
        blank=True,
        help_text=_("La dernière fois que le balayage a relancé un travail perdu."),
    )
    requeues = models.PositiveSmallIntegerField(_("relances automatiques"), default=0)

    class Meta:
        verbose_name = _("travail en arrière-plan")
        verbose_name_plural = _("travaux en arrière-plan")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            choices_constraint("status", JobStatus, name="job_status_valid"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.PENDING, JobStatus.RUNNING)

    @property
    def is_alive(self) -> bool:
        """Running, with a heartbeat fresh enough that its worker is still at it."""
        if self.status != JobStatus.RUNNING or self.heartbeat_at is None:
            return False
        limit = datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS)
        return timezone.now() - self.heartbeat_at <= limit

    @property
    def awaits_broker(self) -> bool:
        """Pending, refused by the broker: it starts as soon as the job service is back."""
        return self.status == JobStatus.PENDING and bool(self.queue_error)

    @property
    def state(self) -> str:
        """What the page says, the truth of the row: waiting for the job service, waiting its
        turn, relaunched automatically, being built (heartbeat fresh), interrupted (heartbeat
        stale, taken over soon), ready, failed."""
        if self.status == JobStatus.RUNNING:
            return "running" if self.is_alive else "interrupted"
        if self.status == JobStatus.PENDING:
            if self.awaits_broker:
                return "awaiting_broker"
            return "requeued" if self.requeued_at else "pending"
        return self.status


class Delivery(models.TextChoices):
    """How a person hears of what concerns them (their choice, on their profile page)."""

    IMMEDIATE = "immediate", _("Immédiatement, un e-mail par événement")
    DIGEST = "digest", _("Un résumé quotidien")
    NONE = "none", _("Aucun e-mail")


class PendingNotification(models.Model):
    """A notification kept for the daily digest of a person who chose it; `sent_at` is set
    when the digest that holds it is written to the outbox (claimed once)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_notifications"
    )
    subject = models.CharField(_("objet"), max_length=300)
    link = models.CharField(_("lien"), max_length=500)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification en attente")
        verbose_name_plural = _("notifications en attente")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "recipient"], name="notification_unsent")]

    def __str__(self):
        return self.subject
