"""Purchasing groups (groupements de commandes), their members and the contracts run for them."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .networks import COORDINATE_NETWORK, Network


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


class GroupMembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Those who follow a group read who its members are."""
        return self.filter(group__in=PurchasingGroup.objects.visible_to(user))


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
    objects = GroupMembershipQuerySet.as_manager()

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
