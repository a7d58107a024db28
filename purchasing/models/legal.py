"""The rules of the Code de la commande publique the product checks, as dated data: their start
date and legal reference (`LegalRule`), and the European thresholds (`EuThreshold`) above which
some of them apply. Administrators edit them in the admin; every change keeps its history.

Seeded by the migration `0005_legal_rules_2026`; read through `purchasing.rules`."""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint


class LegalRuleCode(models.TextChoices):
    ENVIRONMENTAL = "environmental", _("Considération environnementale")
    SOCIAL = "social", _("Considération sociale au-delà des seuils européens")
    SINGLE_CRITERION = "single_criterion", _("Critère unique d'attribution")


class LegalRule(models.Model):
    """A rule applied to the consultations launched from `starts_on`."""

    code = models.CharField(_("règle"), max_length=30, choices=LegalRuleCode.choices, unique=True)
    starts_on = models.DateField(
        _("s'applique aux consultations lancées à partir du"),
    )
    reference = models.CharField(
        _("référence légale"),
        max_length=300,
        help_text=_("Telle qu'elle est citée aux acheteurs, par exemple « art. L2112-2 »."),
    )
    summary = models.TextField(_("ce que la règle demande"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règle légale")
        verbose_name_plural = _("règles légales")
        ordering = ["code"]
        constraints = [choices_constraint("code", LegalRuleCode, name="legal_rule_code_valid")]

    def __str__(self):
        return f"{self.get_code_display()} ({self.reference})"

    def applies_to(self, launch_date: datetime.date | None) -> bool:
        return launch_date is not None and launch_date >= self.starts_on


class ThresholdKind(models.TextChoices):
    LOCAL_SUPPLIES = (
        "local_supplies",
        _("Fournitures et services des collectivités territoriales et autres acheteurs"),
    )
    STATE_SUPPLIES = "state_supplies", _("Fournitures et services de l'État")
    WORKS = "works", _("Travaux")


class EuThreshold(models.Model):
    """A European procedure threshold, excluding VAT, in force from `valid_from` to
    `valid_until` (the Commission revises them every two years)."""

    kind = models.CharField(_("marchés concernés"), max_length=20, choices=ThresholdKind.choices)
    amount = models.DecimalField(
        _("seuil HT (€)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    valid_from = models.DateField(_("en vigueur à partir du"))
    valid_until = models.DateField(_("jusqu'au"), null=True, blank=True)
    reference = models.CharField(_("référence"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seuil européen")
        verbose_name_plural = _("seuils européens")
        ordering = ["kind", "-valid_from"]
        constraints = [
            choices_constraint("kind", ThresholdKind, name="eu_threshold_kind_valid"),
            models.UniqueConstraint(
                fields=["kind", "valid_from"],
                name="eu_threshold_unique_per_kind_and_start",
                violation_error_message=_("Un seuil de ce type commence déjà à cette date."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="eu_threshold_period_ordered",
                violation_error_message=_("La fin de validité précède son début."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.amount} € HT ({self.valid_from:%Y})"

    def covers(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


# The rules as the law sets them, seeded by the migration and kept when a row is missing.
DEFAULT_RULES = {
    LegalRuleCode.ENVIRONMENTAL: {
        "starts_on": datetime.date(2026, 8, 21),
        "reference": "loi Climat et résilience, art. 35 ; art. L2112-2 et L2152-7 du code de la "
        "commande publique ; décret n° 2022-767",
        "summary": "Une condition d'exécution prenant en compte des considérations "
        "environnementales et au moins un critère d'attribution prenant en compte les "
        "caractéristiques environnementales de l'offre.",
    },
    LegalRuleCode.SOCIAL: {
        "starts_on": datetime.date(2026, 8, 21),
        "reference": "loi Climat et résilience, art. 35 ; art. L2112-2-1 du code de la commande "
        "publique ; décret n° 2022-767",
        "summary": "Au-delà des seuils européens, une condition d'exécution prenant en compte des "
        "considérations relatives au domaine social ou à l'emploi.",
    },
    LegalRuleCode.SINGLE_CRITERION: {
        "starts_on": datetime.date(2026, 8, 21),
        "reference": "art. R2152-7 du code de la commande publique ; décret n° 2022-767",
        "summary": "Un critère unique d'attribution ne peut être que le coût, déterminé selon une "
        "approche globale qui prend en compte les caractéristiques environnementales de l'offre.",
    },
}
