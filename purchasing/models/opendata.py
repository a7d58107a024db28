"""What the open data has already published: each DECP record (a contract, or one lot of an
allotted contract) with the identifier and the date of its first publication, so that a later
export gives the same record the same `id` and `datePublicationDonnees` (consolidators read a
changed date as a changed record)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# `lot_number` of the record of a contract without lots (or of one lot only).
WHOLE_CONTRACT = 0


class DecpRecord(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    market = models.ForeignKey(
        "purchasing.Market",
        verbose_name=_("marché"),
        on_delete=models.PROTECT,
        related_name="decp_records",
    )
    lot_number = models.PositiveSmallIntegerField(
        _("numéro du lot"), help_text=_("0 pour le marché entier.")
    )
    record_id = models.CharField(_("identifiant DECP"), max_length=16)
    first_published_on = models.DateField(_("date de première publication"))
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("donnée essentielle publiée")
        verbose_name_plural = _("données essentielles publiées")
        ordering = ["market", "lot_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "lot_number"], name="decp_record_unique_per_lot"
            ),
            models.UniqueConstraint(
                fields=["organisation", "record_id"], name="decp_record_id_unique_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.record_id} ({self.first_published_on:%d/%m/%Y})"
