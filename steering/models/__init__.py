"""The steering committee of an organisation: its composition, its meetings and decisions,
its targets; the quarterly reports built in the background and archived.

Every write goes through `services.py`; who may see what is decided by `access.py`."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import OrganisationScopedQuerySet
from core.constraints import choices_constraint
from core.models import JOB_STATE_LABELS, JOB_STATE_TONES
from core.quarters import Quarter

# The permissions the roles give (accounts/roles.py).
VIEW_DASHBOARD = "steering.view_dashboard"
MANAGE_COMMITTEE = "steering.manage_committee"
REQUEST_REPORTS = "steering.request_reports"
READ_REPORTS = "steering.read_reports"

# PNAD 2022–2025: every contract notified in a year with an environmental consideration, 30 %
# with a social one. Each organisation may set its own.
PNAD_ENVIRONMENTAL_TARGET = Decimal("100")
PNAD_SOCIAL_TARGET = Decimal("30")

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class CommitteeRowQuerySet(models.QuerySet):
    """Rows of an organisation's committee (reached through `organisation_field`): visible only
    inside the organisation."""

    organisation_field = "committee__organisation_id"

    def visible_to(self, user):
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(**{self.organisation_field: user.organisation_id})


class DecisionQuerySet(CommitteeRowQuerySet):
    organisation_field = "meeting__committee__organisation_id"


class Committee(models.Model):
    """The steering committee of an organisation (one each) and the targets it follows."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="committee",
    )
    name = models.CharField(
        _("nom"),
        max_length=200,
        default=_("Comité de pilotage achats éthiques et développement durable"),
    )
    environmental_target = models.DecimalField(
        _("objectif de marchés avec une considération environnementale (%)"),
        max_digits=5,
        decimal_places=2,
        default=PNAD_ENVIRONMENTAL_TARGET,
        validators=PERCENT,
        help_text=_("PNAD 2022-2025 : 100 % des marchés notifiés dans l'année."),
    )
    social_target = models.DecimalField(
        _("objectif de marchés avec une considération sociale (%)"),
        max_digits=5,
        decimal_places=2,
        default=PNAD_SOCIAL_TARGET,
        validators=PERCENT,
        help_text=_("PNAD 2022-2025 : 30 % des marchés notifiés dans l'année."),
    )

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("comité de pilotage")
        verbose_name_plural = _("comités de pilotage")
        permissions = [
            ("view_dashboard", _("Consulter le tableau de bord du comité de pilotage")),
            ("manage_committee", _("Gérer la composition, les réunions et décisions du comité")),
            ("request_reports", _("Demander un rapport trimestriel")),
            ("read_reports", _("Télécharger les rapports trimestriels")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(environmental_target__gte=0, environmental_target__lte=100)
                & models.Q(social_target__gte=0, social_target__lte=100),
                name="committee_targets_are_percentages",
                violation_error_message=_("Un objectif est un pourcentage entre 0 et 100."),
            ),
        ]

    def __str__(self):
        return self.name


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("Président (élu)")
    REPRESENTATIVE = "representative", _("Élu")
    TECHNICIAN = "technician", _("Technicien")


class CommitteeMember(models.Model):
    """A seat on the committee: an elected representative (the president is one) or a
    technician of the departments. A person with an account is linked to it."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("comité"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("nom et prénom"), max_length=150)
    role = models.CharField(_("rôle au comité"), max_length=20, choices=MemberRole.choices)
    position = models.CharField(
        _("fonction"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : vice-présidente chargée du développement durable."),
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("direction"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    joined_on = models.DateField(_("membre depuis"))
    left_on = models.DateField(_("a quitté le comité le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CommitteeRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre du comité")
        verbose_name_plural = _("membres du comité")
        ordering = ["committee", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee"],
                condition=models.Q(role="president", left_on__isnull=True),
                name="committee_one_sitting_president",
                violation_error_message=_("Le comité a déjà un président en fonction."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["president", "representative", "technician"]),
                name="committee_member_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="committee_member_dates_ordered",
                violation_error_message=_("La date de départ précède l'arrivée au comité."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def is_elected(self) -> bool:
        return self.role in (MemberRole.PRESIDENT, MemberRole.REPRESENTATIVE)


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("comité"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    minutes = models.TextField(_("compte rendu"), blank=True)
    attendees = models.ManyToManyField(
        CommitteeMember, verbose_name=_("présents"), blank=True, related_name="meetings"
    )

    history = HistoricalRecords(m2m_fields=[attendees])
    objects = CommitteeRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("réunion du comité")
        verbose_name_plural = _("réunions du comité")
        ordering = ["committee", "-held_on", "-pk"]
        indexes = [models.Index(fields=["committee", "held_on"])]

    def __str__(self):
        return _("Réunion du %(day)s") % {"day": self.held_on.strftime("%d/%m/%Y")}


class DecisionStatus(models.TextChoices):
    ADOPTED = "adopted", _("Adoptée")
    IN_PROGRESS = "in_progress", _("En cours de mise en œuvre")
    DONE = "done", _("Réalisée")
    ABANDONED = "abandoned", _("Abandonnée")


# The colour of each status on its badge (`core.ui.TONES`).
DECISION_TONES = {
    DecisionStatus.ADOPTED: "light",
    DecisionStatus.IN_PROGRESS: "primary",
    DecisionStatus.DONE: "success",
    DecisionStatus.ABANDONED: "secondary",
}


class Decision(models.Model):
    """A decision taken in a committee meeting and its follow-up."""

    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name=_("réunion"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    title = models.CharField(_("intitulé"), max_length=250)
    text = models.TextField(_("décision"), blank=True)
    owner = models.CharField(_("porteur"), max_length=200, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.ADOPTED
    )

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["adopted", "in_progress", "done", "abandoned"]),
                name="decision_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def status_tone(self) -> str:
        return DECISION_TONES.get(self.status, "light")


class ReportStatus(models.TextChoices):
    """The report's own outcome; how far its build is, and whether a worker is at it, is its
    job's (`core.models.Job`)."""

    PENDING = "pending", _("En construction")
    READY = "ready", _("Prêt")
    FAILED = "failed", _("Échec")


# A report in one of these statuses is being built: no second build of its quarter starts.
ACTIVE_STATUSES = (ReportStatus.PENDING,)


def report_path(instance, filename):
    return f"rapports/{instance.organisation_id}/{filename}"


class QuarterlyReport(models.Model):
    """The PDF report of one quarter for one organisation, built by a Celery job.

    pending → running → ready, or failed (with the error) and retried. The archive keeps every
    report built; at most one per quarter is being built at a time."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="quarterly_reports",
    )
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("trimestre"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    # The job that builds it: its progress, heartbeat, attempts and error are the page's truth.
    # The report keeps its own status beside it for the constraint of one build a quarter; both
    # are written in the same transaction (`steering.tasks`).
    job = models.OneToOneField(
        "core.Job",
        verbose_name=_("travail de construction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quarterly_report",
    )
    requested_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide : rapport programmé du début de trimestre."),
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    file = models.FileField(_("fichier PDF"), upload_to=report_path, blank=True)
    figures = models.JSONField(_("chiffres utilisés"), default=dict, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport trimestriel")
        verbose_name_plural = _("rapports trimestriels")
        ordering = ["-year", "-quarter", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"],
                condition=models.Q(status="pending"),
                name="quarterly_report_one_build_at_a_time",
                violation_error_message=_("Le rapport de ce trimestre est déjà en construction."),
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="quarterly_report_quarter_1_to_4",
            ),
            choices_constraint("status", ReportStatus, name="quarterly_report_status_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "year", "quarter"])]

    def __str__(self):
        return _("Rapport du %(quarter)s — %(organisation)s") % {
            "quarter": self.period.label,
            "organisation": self.organisation,
        }

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def state(self) -> str:
        """The job's state while it builds (core.models.Job.state), else the report's status."""
        if self.status == ReportStatus.PENDING and self.job is not None:
            return self.job.state
        return self.status

    @property
    def state_label(self) -> str:
        if self.status == ReportStatus.PENDING and self.job is not None:
            return JOB_STATE_LABELS[self.job.state]
        return self.get_status_display()

    @property
    def status_tone(self) -> str:
        return JOB_STATE_TONES.get(self.state, "secondary")

    def refresh_from_db(self, *args, **kwargs):
        """The job's fields are read as the report's: a fresh report has a fresh job."""
        super().refresh_from_db(*args, **kwargs)
        if self.job_id is not None and kwargs.get("fields") is None:
            self.job.refresh_from_db()

    # The job's figures, read by the pages, the command and the PDF.
    @property
    def progress(self) -> int:
        return self.job.progress if self.job is not None else 0

    @property
    def step(self) -> str:
        return self.job.step if self.job is not None else ""

    @property
    def attempts(self) -> int:
        return self.job.attempts if self.job is not None else 0

    @property
    def error(self) -> str:
        return self.job.error if self.job is not None else ""

    @property
    def started_at(self):
        return self.job.started_at if self.job is not None else None

    @property
    def finished_at(self):
        return self.job.finished_at if self.job is not None else None


# The SPASER: its threshold, its versions, axes and objectives, its yearly reports.
from .spaser import (  # noqa: E402, F401
    SHARE_INDICATORS,
    UNITS,
    Axis,
    AxisKind,
    Indicator,
    Objective,
    Scheme,
    SchemeStatus,
    SpaserReport,
    SpaserReportStatus,
    SpaserThreshold,
    Unit,
)
