"""Writes on the reference data every organisation shares: purchase families, eco-labels and
CPV codes. Clause library administrators keep them; each write checks that right, validates
the whole row, saves in one transaction and, where the model keeps a history, leaves a row
naming its author.

Codes do not change once created: clauses, budgets, purchases and rules refer to them.
Families are never deleted either; one that is no longer offered is made inactive."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.history import history_save

from ..access import ensure_can_manage_reference_data
from ..communes import CommuneRow
from ..cpv import CPV_CODE_RE
from ..models import Commune, CpvCode, EcoLabel, PurchaseFamily

FAMILY_EDITABLE_FIELDS = frozenset(
    {"name", "description", "cpv_prefixes", "agec_category", "is_active"}
)
ECO_LABEL_EDITABLE_FIELDS = frozenset({"name", "proves", "recycled_content_percent", "description"})


def _save_with_history(row, *, actor: User, reason: str) -> None:
    """Validate and save in one transaction; the history row names the actor and the reason."""
    with transaction.atomic():
        history_save(row, actor=actor, reason=reason)


def _apply_changes(row, fields: dict, editable: frozenset, *, service: str) -> bool:
    """Set `fields` on `row`; return whether any value differs from what it holds."""
    unknown = set(fields) - editable
    if unknown:
        raise TypeError(f"{service}() cannot change {', '.join(sorted(unknown))}")
    changed = False
    for name, value in fields.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def family_create(
    *,
    actor: User,
    code: str,
    name: str,
    description: str = "",
    cpv_prefixes: Iterable[str] = (),
    agec_category: str = "",
    is_active: bool = True,
) -> PurchaseFamily:
    """Add a purchase family, offered at once to every organisation when active."""
    ensure_can_manage_reference_data(actor)
    family = PurchaseFamily(
        code=code,
        name=name,
        description=description,
        cpv_prefixes=list(cpv_prefixes),
        agec_category=agec_category,
        is_active=is_active,
    )
    _save_with_history(family, actor=actor, reason=_("Création"))
    return family


def family_update(*, actor: User, family: PurchaseFamily, **fields) -> PurchaseFamily:
    """Change a family's name, description, CPV prefixes, AGEC category or activity.

    Nothing is written, and no history row left, when no value changes."""
    ensure_can_manage_reference_data(actor)
    if "cpv_prefixes" in fields:
        fields["cpv_prefixes"] = list(fields["cpv_prefixes"])
    if _apply_changes(family, fields, FAMILY_EDITABLE_FIELDS, service="family_update"):
        _save_with_history(family, actor=actor, reason=_("Modification"))
    return family


def eco_label_create(
    *,
    actor: User,
    code: str,
    name: str,
    proves: str,
    recycled_content_percent: int | None = None,
    description: str = "",
) -> EcoLabel:
    """Add an eco-label that purchases can carry as proof of what it guarantees."""
    ensure_can_manage_reference_data(actor)
    label = EcoLabel(
        code=code,
        name=name,
        proves=proves,
        recycled_content_percent=recycled_content_percent,
        description=description,
    )
    _save_with_history(label, actor=actor, reason=_("Création"))
    return label


def eco_label_update(*, actor: User, eco_label: EcoLabel, **fields) -> EcoLabel:
    """Change an eco-label's name, proof, guaranteed recycled share or description."""
    ensure_can_manage_reference_data(actor)
    if _apply_changes(eco_label, fields, ECO_LABEL_EDITABLE_FIELDS, service="eco_label_update"):
        _save_with_history(eco_label, actor=actor, reason=_("Modification"))
    return eco_label


def _check_cpv_code(code: str) -> None:
    # The model's constraints would report these as unnamed constraint violations.
    if not CPV_CODE_RE.fullmatch(code):
        raise ValidationError(
            {
                "code": _(
                    "« %(code)s » n'est pas un code CPV : huit chiffres, un tiret et le "
                    "chiffre de contrôle, par exemple 30192000-1."
                )
                % {"code": code}
            }
        )
    existing = CpvCode.objects.filter(code__startswith=code[:8]).values_list("code", flat=True)
    for other in existing:
        if other == code:
            message = _("Le code CPV %(code)s existe déjà.") % {"code": code}
        else:
            message = _(
                "Le code CPV %(other)s a déjà les huit chiffres de %(code)s : un code CPV "
                "est identifié par ses huit chiffres, le chiffre de contrôle mis à part."
            ) % {"code": code, "other": other}
        raise ValidationError({"code": message})


def cpv_code_create(*, actor: User, code: str, label_en: str, label_fr: str = "") -> CpvCode:
    """Add one CPV code by hand (the vocabulary itself is loaded with `manage.py load_cpv`)."""
    ensure_can_manage_reference_data(actor)
    cpv_code = CpvCode(code=code, label_en=label_en, label_fr=label_fr)
    with transaction.atomic():
        _check_cpv_code(code)
        cpv_code.full_clean()
        cpv_code.save()
    return cpv_code


def cpv_code_update(*, actor: User, cpv_code: CpvCode, label_fr: str, label_en: str) -> CpvCode:
    """Change the labels of a CPV code; the code itself does not change."""
    ensure_can_manage_reference_data(actor)
    cpv_code.label_fr = label_fr
    cpv_code.label_en = label_en
    with transaction.atomic():
        cpv_code.full_clean()
        cpv_code.save(update_fields=["label_fr", "label_en"])
    return cpv_code


@dataclass(frozen=True)
class CpvLoadResult:
    """What a load of the vocabulary did, code by code."""

    added: int
    updated: int
    unchanged: int


def cpv_codes_load(*, labels: dict[str, str]) -> CpvLoadResult:
    """Add or update the CPV codes of `labels` ({code: English label}, already validated).

    A code is matched on its eight digits, so a corrected check digit updates the row. French
    labels and codes absent from `labels` are left as they are. Bulk writes, one transaction."""
    with transaction.atomic():
        existing = {row.digits: row for row in CpvCode.objects.select_for_update()}
        to_create, to_update = [], []
        for code, label in labels.items():
            label = label.strip()
            row = existing.get(code[:8])
            if row is None:
                to_create.append(CpvCode(code=code, label_en=label))
            elif (row.code, row.label_en) != (code, label):
                row.code, row.label_en = code, label
                to_update.append(row)
        CpvCode.objects.bulk_create(to_create, batch_size=1000)
        CpvCode.objects.bulk_update(to_update, ["code", "label_en"], batch_size=1000)
    return CpvLoadResult(
        added=len(to_create),
        updated=len(to_update),
        unchanged=len(labels) - len(to_create) - len(to_update),
    )


@dataclass(frozen=True)
class CommuneLoadResult:
    added: int
    updated: int
    unchanged: int


def communes_load(*, rows: list[CommuneRow]) -> CommuneLoadResult:
    """Add or rename the communes of `rows` (already validated), matched on their INSEE code
    and postcode; communes absent from `rows` are left as they are. Bulk writes, one
    transaction."""
    with transaction.atomic():
        existing = {
            (row.insee_code, row.postcode): row for row in Commune.objects.select_for_update()
        }
        to_create, to_update = [], []
        for row in rows:
            found = existing.get((row.insee_code, row.postcode))
            if found is None:
                to_create.append(
                    Commune(insee_code=row.insee_code, postcode=row.postcode, name=row.name)
                )
            elif found.name != row.name:
                found.name = row.name
                to_update.append(found)
        Commune.objects.bulk_create(to_create, batch_size=1000)
        Commune.objects.bulk_update(to_update, ["name"], batch_size=1000)
    return CommuneLoadResult(
        added=len(to_create),
        updated=len(to_update),
        unchanged=len(rows) - len(to_create) - len(to_update),
    )
