"""The purchasing rules an organisation sets itself, written by clause library administrators."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import ensure
from core.history import history_save, refuse_unknown_fields

from ..access import can_manage_rules
from ..models import PurchasingRule

RULE_FIELDS = (
    "name",
    "family",
    "basis",
    "threshold_percent",
    "accepts_eco_label",
    "accepts_recycled",
    "min_recycled_percent",
    "accepts_reuse",
    "first_year",
    "last_year",
)


def _apply_rule_fields(rule: PurchasingRule, fields: dict) -> None:
    refuse_unknown_fields("rule", fields, RULE_FIELDS)
    for name, value in fields.items():
        setattr(rule, name, value)
    if not rule.accepts_recycled:
        rule.min_recycled_percent = None


def rule_create(*, actor: User, **fields) -> PurchasingRule:
    """Create a purchasing rule of the actor's organisation."""
    ensure(can_manage_rules(actor))
    rule = PurchasingRule(organisation_id=actor.organisation_id)
    _apply_rule_fields(rule, fields)
    with transaction.atomic():
        history_save(rule, actor=actor, reason=_("Règle créée"))
    return rule


def rule_update(*, actor: User, rule: PurchasingRule, **fields) -> PurchasingRule:
    """Change a purchasing rule; past compliance is recomputed from the purchases, never stored."""
    ensure(can_manage_rules(actor))
    if rule.organisation_id != actor.organisation_id:
        raise ValidationError(_("Cette règle n'appartient pas à votre organisation."))
    with transaction.atomic():
        rule = PurchasingRule.objects.select_for_update().get(pk=rule.pk)
        _apply_rule_fields(rule, fields)
        history_save(rule, actor=actor, reason=_("Règle modifiée"))
    return rule
