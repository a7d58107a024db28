"""The buyers' network: member organisations and their contacts, themed meetings with
registrations, attendance, minutes and action items, common projects and their milestones;
purchasing groups (groupements de commandes) and their contracts; the supply chain of their
suppliers (production sites, social audits, findings); training sessions and registrations.

Every write goes through `services.py`; who may see what is decided by the `visible_to`
methods below and the helpers of `access.py`."""

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint

from .countries import Country

# The permissions the roles give (accounts/roles.py).
COORDINATE_NETWORK = "network.coordinate_network"
MANAGE_GROUPS = "network.manage_groups"
RECORD_AUDITS = "network.record_audits"


def _has_organisation(user) -> bool:
    return user.is_authenticated and user.organisation_id is not None


def _active_on(day) -> models.Q:
    """Memberships in force on that day: a member that left keeps its history, not its access."""
    return models.Q(joined_on__lte=day) & (
        models.Q(left_on__isnull=True) | models.Q(left_on__gt=day)
    )


def member_network_ids(organisation_id):
    """Subquery of the networks the organisation belongs to today or coordinates.

    Visibility filters go through such subqueries rather than joins on memberships: a join
    returns a row once per member and an OR with another condition would duplicate it."""
    today = timezone.localdate()
    return Network.objects.filter(
        models.Q(coordinator_organisation_id=organisation_id)
        | models.Q(
            pk__in=NetworkMembership.objects.filter(
                _active_on(today), organisation_id=organisation_id
            ).values("network_id")
        )
    ).values("pk")


def group_ids_of(user):
    """Subquery of the purchasing groups the person follows: those of their organisation
    (member or coordinator), those they accompany as advisor, and, for a network coordinator,
    those of the network their organisation coordinates."""
    condition = models.Q(advisor_id=user.pk)
    if user.organisation_id is not None:
        condition |= models.Q(coordinator_organisation_id=user.organisation_id) | models.Q(
            pk__in=GroupMembership.objects.filter(organisation_id=user.organisation_id).values(
                "group_id"
            )
        )
        if user.has_perm(COORDINATE_NETWORK):
            condition |= models.Q(network__coordinator_organisation_id=user.organisation_id)
    return PurchasingGroup.objects.filter(condition).values("pk")


# ---------------------------------------------------------------------------------------------
# Network and members


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Networks whose member (or coordinator) the person's organisation is."""
        if not _has_organisation(user):
            return self.none()
        return self.filter(pk__in=member_network_ids(user.organisation_id))


class Network(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    name = models.CharField(_("nom"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    coordinator_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation coordinatrice"),
        on_delete=models.PROTECT,
        related_name="coordinated_networks",
    )
    members = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("organisations membres"),
        through="NetworkMembership",
        related_name="networks",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")
        ordering = ["name"]
        permissions = [
            ("coordinate_network", _("Gérer le réseau, ses rencontres, projets et formations")),
            ("manage_groups", _("Créer et gérer les groupements de commandes")),
            ("record_audits", _("Enregistrer les audits sociaux et leurs constats")),
        ]

    def __str__(self):
        return self.name


class NetworkMembershipQuerySet(models.QuerySet):
    def active(self, day=None):
        return self.filter(_active_on(day or timezone.localdate()))

    def visible_to(self, user):
        return self.filter(network__in=Network.objects.visible_to(user))


class NetworkMembership(models.Model):
    network = models.ForeignKey(
        Network, verbose_name=_("réseau"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    joined_on = models.DateField(_("membre depuis le"))
    left_on = models.DateField(_("sortie le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("adhésion au réseau")
        verbose_name_plural = _("adhésions au réseau")
        ordering = ["network", "organisation__name"]
        constraints = [
            # One row per organisation: a member that leaves and comes back gets its row back
            # (left_on cleared), so its contacts and history stay together.
            models.UniqueConstraint(
                fields=["network", "organisation"],
                name="network_membership_unique",
                violation_error_message=_("Cette organisation est déjà membre du réseau."),
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="network_membership_left_after_joined",
                violation_error_message=_("La date de sortie précède la date d'adhésion."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.network}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.joined_on <= today and (self.left_on is None or self.left_on > today)


class NetworkContact(models.Model):
    """A contact person of a member organisation. Free text rather than a link to an account:
    many contacts (elected representatives, directors) never log in."""

    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("adhésion"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    role = models.CharField(
        _("fonction"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : référente achats responsables, élu délégué."),
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    is_main = models.BooleanField(_("contact principal"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["membership", "-is_main", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(is_main=True),
                name="network_contact_one_main_per_membership",
                violation_error_message=_("Cette organisation a déjà un contact principal."),
            ),
        ]

    def __str__(self):
        return self.full_name


# ---------------------------------------------------------------------------------------------
# Meetings


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")


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


# ---------------------------------------------------------------------------------------------
# Common projects


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETED = "completed", _("Terminé")
    ABANDONED = "abandoned", _("Abandonné")


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

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["project", "due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


# ---------------------------------------------------------------------------------------------
# Purchasing groups


class PurchasingGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups of the person's organisation (member or coordinator), those they accompany as
        advisor, and for a network coordinator those of their network."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=group_ids_of(user))


class PurchasingGroup(models.Model):
    """A groupement de commandes: member authorities that buy together; the coordinating
    member's buyers run its contracts, every member reads them."""

    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    network = models.ForeignKey(
        Network,
        verbose_name=_("réseau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="purchasing_groups",
    )
    # Also a member (GroupMembership): services add it, access reads both.
    coordinator_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("coordonnateur du groupement"),
        on_delete=models.PROTECT,
        related_name="coordinated_groups",
    )
    members = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("membres"),
        through="GroupMembership",
        related_name="purchasing_groups",
    )
    purchase_family = models.ForeignKey(
        "clauses.PurchaseFamily",
        verbose_name=_("famille d'achat"),
        on_delete=models.PROTECT,
        related_name="purchasing_groups",
    )
    agreement_date = models.DateField(
        _("date de la convention constitutive"), null=True, blank=True
    )
    advisor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("conseiller qui accompagne le groupement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_groups",
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("créé par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PurchasingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("groupement de commandes")
        verbose_name_plural = _("groupements de commandes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator_organisation", "name"],
                name="purchasing_group_name_unique_per_coordinator",
                violation_error_message=_(
                    "Votre organisation coordonne déjà un groupement de ce nom."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class GroupMembership(models.Model):
    group = models.ForeignKey(
        PurchasingGroup,
        verbose_name=_("groupement"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("membre"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    joined_on = models.DateField(_("membre depuis le"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre du groupement")
        verbose_name_plural = _("membres du groupement")
        ordering = ["group", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"],
                name="group_membership_unique",
                violation_error_message=_("Cette organisation est déjà membre du groupement."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.group}"


class GroupContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(group__in=PurchasingGroup.objects.visible_to(user))


class GroupContract(models.Model):
    """A contract run for a group. The link lives here because purchasing may not import
    network; purchasing.visibility lets the members read the contract."""

    group = models.ForeignKey(
        PurchasingGroup,
        verbose_name=_("groupement"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    market = models.OneToOneField(
        "purchasing.Market",
        verbose_name=_("marché"),
        on_delete=models.CASCADE,
        related_name="group_link",
    )
    added_by = models.ForeignKey(
        "accounts.User", verbose_name=_("ajouté par"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = GroupContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("marché du groupement")
        verbose_name_plural = _("marchés du groupement")
        ordering = ["group", "-added_at"]

    def __str__(self):
        return f"{self.group} — {self.market}"


# ---------------------------------------------------------------------------------------------
# Supply chain


class ProductionSiteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sites of the organisation's suppliers, sites audited in an audit the person may read,
        and sites of the suppliers holding a contract of one of their groups."""
        from purchasing.models import Award

        if not user.is_authenticated:
            return self.none()
        groups = group_ids_of(user)
        condition = models.Q(pk__in=Audit.objects.visible_to(user).values("site_id")) | models.Q(
            supplier_id__in=Award.objects.filter(lot__market__group_link__group__in=groups).values(
                "supplier_id"
            )
        )
        if user.organisation_id is not None:
            condition |= models.Q(supplier__organisation_id=user.organisation_id)
        return self.filter(condition)


class ProductionSite(models.Model):
    supplier = models.ForeignKey(
        "purchasing.Supplier",
        verbose_name=_("fournisseur"),
        on_delete=models.PROTECT,
        related_name="production_sites",
    )
    name = models.CharField(_("nom du site"), max_length=200)
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    activity = models.CharField(
        _("activité"),
        max_length=200,
        help_text=_("Par exemple : filature, tissage, teinture, confection."),
    )
    workers = models.PositiveIntegerField(_("nombre de travailleurs"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProductionSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site de production")
        verbose_name_plural = _("sites de production")
        ordering = ["supplier", "country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "name", "country", "city"],
                name="production_site_unique_per_supplier",
                violation_error_message=_("Ce fournisseur a déjà un site de ce nom à cet endroit."),
            ),
            models.CheckConstraint(
                condition=models.Q(country__regex=r"^[A-Z]{2}$"),
                name="production_site_country_iso_code",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_country_display()})"


class AuditStandard(models.TextChoices):
    ILO_CORE = "ilo_core", _("Conventions fondamentales de l'OIT")
    SA8000 = "sa8000", _("SA8000")
    AMFORI_BSCI = "amfori_bsci", _("amfori BSCI")
    SMETA = "smeta", _("SMETA (Sedex)")
    WRAP = "wrap", _("WRAP")
    OTHER = "other", _("Autre référentiel")


class AuditResult(models.TextChoices):
    COMPLIANT = "compliant", _("Conforme")
    MINOR = "minor", _("Non-conformités mineures")
    MAJOR = "major", _("Non-conformités majeures")
    CRITICAL = "critical", _("Manquement critique")


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Audits recorded by the person's organisation and those of their groups."""
        if not user.is_authenticated:
            return self.none()
        condition = models.Q(group_id__in=group_ids_of(user))
        if user.organisation_id is not None:
            condition |= models.Q(organisation_id=user.organisation_id)
        return self.filter(condition)


def audit_report_path(instance, filename):
    return f"network/audits/{instance.public_id}/{filename}"


class Audit(models.Model):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    site = models.ForeignKey(
        ProductionSite,
        verbose_name=_("site de production"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    group = models.ForeignKey(
        PurchasingGroup,
        verbose_name=_("groupement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits",
        help_text=_("Les membres du groupement voient l'audit et ses constats."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation qui l'a enregistré"),
        on_delete=models.PROTECT,
        related_name="social_audits",
    )
    audited_on = models.DateField(_("date de l'audit"))
    auditor = models.CharField(_("auditeur"), max_length=200)
    standard = models.CharField(_("référentiel"), max_length=20, choices=AuditStandard.choices)
    scope = models.TextField(_("périmètre"), blank=True)
    result = models.CharField(_("résultat"), max_length=20, choices=AuditResult.choices)
    report = models.FileField(_("rapport d'audit"), upload_to=audit_report_path, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("saisi par"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit social")
        verbose_name_plural = _("audits sociaux")
        ordering = ["-audited_on", "-pk"]
        constraints = [
            choices_constraint("standard", AuditStandard, name="audit_standard_valid"),
            choices_constraint("result", AuditResult, name="audit_result_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "audited_on"])]

    def __str__(self):
        return f"{self.site} — {self.audited_on:%d/%m/%Y}"


class FindingTopic(models.TextChoices):
    CHILD_LABOUR = "child_labour", _("Travail des enfants")
    FORCED_LABOUR = "forced_labour", _("Travail forcé")
    FREEDOM_OF_ASSOCIATION = "freedom_of_association", _("Liberté syndicale")
    DISCRIMINATION = "discrimination", _("Discrimination")
    HEALTH_AND_SAFETY = "health_and_safety", _("Santé et sécurité")
    WAGES = "wages", _("Salaires")
    WORKING_HOURS = "working_hours", _("Temps de travail")


class Severity(models.TextChoices):
    LOW = "low", _("Faible")
    MEDIUM = "medium", _("Moyenne")
    HIGH = "high", _("Élevée")
    CRITICAL = "critical", _("Critique")


# Most serious first: the order of the dashboards.
SEVERITY_ORDER = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW]


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    IN_PROGRESS = "in_progress", _("En cours de correction")
    CLOSED = "closed", _("Clos")


class FindingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(audit__in=Audit.objects.visible_to(user))

    def unresolved(self):
        return self.exclude(status=FindingStatus.CLOSED)

    def overdue(self, day=None):
        """Corrective actions past their deadline and not closed."""
        return self.unresolved().filter(deadline__lt=day or timezone.localdate())


def finding_evidence_path(instance, filename):
    return f"network/findings/{instance.audit.public_id}/{filename}"


class Finding(models.Model):
    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    topic = models.CharField(_("thème"), max_length=30, choices=FindingTopic.choices)
    severity = models.CharField(_("gravité"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("constat"))
    corrective_action = models.TextField(_("action corrective"), blank=True)
    deadline = models.DateField(_("échéance de l'action corrective"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    closed_on = models.DateField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("clos par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.FileField(
        _("preuve de correction"), upload_to=finding_evidence_path, blank=True
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("constat d'audit")
        verbose_name_plural = _("constats d'audit")
        ordering = ["audit", "pk"]
        constraints = [
            choices_constraint("topic", FindingTopic, name="finding_topic_valid"),
            choices_constraint("severity", Severity, name="finding_severity_valid"),
            choices_constraint("status", FindingStatus, name="finding_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=FindingStatus.CLOSED)
                | (models.Q(closed_on__isnull=False) & ~models.Q(evidence="")),
                name="finding_closed_has_date_and_evidence",
                violation_error_message=_(
                    "Un constat clos a une date de clôture et une preuve de correction."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status=FindingStatus.CLOSED) | models.Q(closed_on__isnull=True),
                name="finding_unresolved_has_no_closed_on",
                violation_error_message=_("Seul un constat clos a une date de clôture."),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.get_severity_display()})"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != FindingStatus.CLOSED
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )


# ---------------------------------------------------------------------------------------------
# Training


class Audience(models.TextChoices):
    ORGANISATION = "organisation", _("L'organisation qui organise")
    NETWORK = "network", _("Tout le réseau")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")


class TrainingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published (or cancelled) sessions of the person's organisation and, when open to the
        network, of the networks it belongs to; drafts only to the organiser's coordinators."""
        if not _has_organisation(user):
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


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulé")
    ATTENDED = "attended", _("Présent")
    ABSENT = "absent", _("Absent")


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
