"""Reads of the reference data every organisation shares: purchase families, eco-labels and CPV
codes, and the history of the families and eco-labels."""

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ..models import Clause, CpvCode, EcoLabel, PurchaseFamily, cpv_candidate_prefixes

HISTORY_LIMIT = 100
# What a person types for the start of a code: digits, then maybe the hyphen and check digit.
_CPV_CODE_START_RE = re.compile(r"[0-9]{1,8}(-[0-9]?)?")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One recorded change of a row, as the history pages show it (clauses and reference data
    alike)."""

    date: object
    user: object
    reason: str
    changes: list[FieldChange]
    status: str = ""


def families_list(*, viewer):
    """Every family, active or not, with the number of clauses the viewer can see that use it:
    one query whatever the number of families."""
    visible = Clause.objects.visible_to(viewer).values("pk")
    return (
        PurchaseFamily.objects.visible_to(viewer)
        .annotate(clause_count=Count("clauses", filter=Q(clauses__in=visible), distinct=True))
        .order_by("-is_active", "name")
    )


def active_families(*, viewer):
    """The families offered today, by code (what an exchange file names them by)."""
    return PurchaseFamily.objects.visible_to(viewer).filter(is_active=True).order_by("code")


def eco_labels_list(*, viewer):
    """Every eco-label, by name."""
    return EcoLabel.objects.visible_to(viewer).order_by("name")


def family_for_cpv(code: str) -> PurchaseFamily | None:
    """The most specific active family whose CPV prefixes the code starts with."""
    candidates = set(cpv_candidate_prefixes(code))
    best, best_length = None, 0
    for family in PurchaseFamily.objects.filter(is_active=True):
        for prefix in family.cpv_prefixes:
            if prefix in candidates and len(prefix) > best_length:
                best, best_length = family, len(prefix)
    return best


def cpv_codes_search(*, query: str = "", viewer=None):
    """CPV codes matching every word of `query`, case aside: a number is the start of a code
    ("3019", "30192000-1"), any other word is looked for in the code and the labels. Given a
    viewer, only the codes they may read."""
    codes = CpvCode.objects.all() if viewer is None else CpvCode.objects.visible_to(viewer)
    codes = codes.order_by("code")
    for word in query.split():
        labels = Q(label_fr__icontains=word) | Q(label_en__icontains=word)
        if _CPV_CODE_START_RE.fullmatch(word):
            codes = codes.filter(Q(code__startswith=word) | labels)
        else:
            codes = codes.filter(Q(code__icontains=word) | labels)
    return codes


def cpv_codes_count(*, viewer) -> int:
    """How many CPV codes the vocabulary holds."""
    return CpvCode.objects.visible_to(viewer).count()


def _display(field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def reference_history(row, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Each recorded change of a family or eco-label, newest first, with the fields it changed
    against the record before it. One query."""
    records = list(
        row.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    fields = {field.name: field for field in row._meta.concrete_fields}
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = fields[change.field]
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
