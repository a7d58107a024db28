"""The buyers' network and its member organisations with their contacts; the permissions the
roles give and who takes part in which network, which the other sub-domains' `visible_to`
build on."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The permissions the roles give (accounts/roles.py).
COORDINATE_NETWORK = "network.coordinate_network"
MANAGE_GROUPS = "network.manage_groups"
RECORD_AUDITS = "network.record_audits"


def has_organisation(user) -> bool:
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


# ---------------------------------------------------------------------------------------------
# Network and members


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Networks whose member (or coordinator) the person's organisation is."""
        if not has_organisation(user):
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


class NetworkContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of the network read its members' contacts."""
        return self.filter(membership__in=NetworkMembership.objects.visible_to(user))


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
    objects = NetworkContactQuerySet.as_manager()

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
