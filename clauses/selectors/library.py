"""Reads of the clause library: search, suggestions, history, version comparison.

Every read starts from `Clause.objects.visible_to(viewer)`. A clause of the viewer's own
organisation is read as it stands by its administrators; any other reader gets the text of
its version in force (`current_version`), so a draft in progress never leaks."""

import difflib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from .. import parameters
from ..access import can_manage_clause, can_manage_clauses
from ..models import (
    CLAUSE_TEXT_FIELDS,
    Clause,
    ClauseStatus,
    ClauseText,
    ClauseVersion,
    OcdsSustainabilityStrategy,
    PurchaseFamily,
    cpv_candidate_prefixes,
)
from ..search import query_terms
from .reference import FieldChange, HistoryEntry, family_for_cpv


class StatusFilter:
    """What the administrators' status filter offers; readers always get usable clauses."""

    USABLE = "usable"
    DRAFT = "draft"
    RETIRED = "retired"
    ALL = "all"


def reads_live_text(viewer, clause: Clause) -> bool:
    """The viewer reads the clause as it stands (drafts included), not its version in force."""
    return can_manage_clause(viewer, clause)


def clause_text(*, viewer, clause: Clause) -> ClauseText | None:
    """The text the viewer reads: the live row for its administrators, else the version in force
    (which every clause visible to other readers has)."""
    if reads_live_text(viewer, clause):
        return clause
    return clause.current_version


def _text_condition(viewer, **lookups) -> Q:
    """`lookups` on the text the viewer reads (see clause_text)."""
    version = Q(**{f"current_version__{name}": value for name, value in lookups.items()})
    if not can_manage_clauses(viewer):
        return version
    own = Q(organisation_id=viewer.organisation_id)
    return (own & Q(**lookups)) | (~own & version)


def clause_search(
    *,
    viewer,
    query: str = "",
    category: str = "",
    kind: str = "",
    family: PurchaseFamily | None = None,
    cpv: str = "",
    decp_consideration: str = "",
    status: str = StatusFilter.ALL,
) -> QuerySet[Clause]:
    """The clauses the viewer may read that match, their own organisation's first.

    Words of `query` must all appear in the title, text or guidance, whatever the accents and
    case. `cpv` (a code or its first digits) matches the clauses with a CPV prefix it starts
    with. `status` narrows an administrator's list (readers only ever get usable clauses).
    The result carries what the list shows in a fixed number of queries."""
    own = viewer.organisation_id
    clauses = Clause.objects.visible_to(viewer)
    if can_manage_clauses(viewer) and status != StatusFilter.ALL:
        usable = Q(current_version__isnull=False) & ~Q(status=ClauseStatus.RETIRED)
        if status == StatusFilter.DRAFT:
            clauses = clauses.filter(organisation_id=own, status=ClauseStatus.DRAFT)
        elif status == StatusFilter.RETIRED:
            clauses = clauses.filter(organisation_id=own, status=ClauseStatus.RETIRED)
        else:
            clauses = clauses.filter(usable)
    for term in query_terms(query):
        clauses = clauses.filter(_text_condition(viewer, search_text__contains=term))
    if category:
        clauses = clauses.filter(_text_condition(viewer, category=category))
    if kind:
        clauses = clauses.filter(_text_condition(viewer, kind=kind))
    if decp_consideration:
        clauses = clauses.filter(_text_condition(viewer, decp_consideration=decp_consideration))
    if family is not None:
        clauses = clauses.filter(purchase_families=family)
    if cpv:
        clauses = clauses.matching_cpv(cpv)
    return (
        clauses.select_related("organisation", "current_version")
        .prefetch_related("purchase_families")
        .annotate(
            is_own=Case(
                When(organisation_id=own, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_own", "organisation__name", "code")
    )


@dataclass(frozen=True)
class Badge:
    """A status as a page shows it: `{% status_badge badge.label badge.tone %}`."""

    label: str
    tone: str


def clause_badges(*, viewer, clause: Clause) -> list[Badge]:
    """The clause's status as the viewer reads it; its administrators also learn that an edit of
    an approved clause waits in draft (others read the version in force). No query once the
    clause's current version is loaded."""
    if clause.status == ClauseStatus.DRAFT and clause.current_version_id is None:
        return [Badge(_("Brouillon"), clause.status_tone)]
    if clause.status == ClauseStatus.RETIRED:
        return [Badge(_("Retirée"), clause.status_tone)]
    number = clause.current_version.number
    if clause.status == ClauseStatus.DRAFT and reads_live_text(viewer, clause):
        return [
            Badge(_("Version %(number)s en vigueur") % {"number": number}, "success"),
            Badge(_("Modifications en brouillon"), clause.status_tone),
        ]
    return [Badge(_("Approuvée, version %(number)s") % {"number": number}, "success")]


def with_texts(*, viewer, clauses) -> list[Clause]:
    """The clauses with what a list shows the viewer (no query): `.text`, the text they read;
    `.badges`, their status; `.from_other_organisation`, shared by another organisation."""
    rows = list(clauses)
    for clause in rows:
        clause.text = clause_text(viewer=viewer, clause=clause)
        clause.badges = clause_badges(viewer=viewer, clause=clause)
        clause.from_other_organisation = clause.organisation_id != viewer.organisation_id
    return rows


@dataclass
class Suggestion:
    """A clause suggested for a contract, with why."""

    clause: Clause
    reasons: list[str] = field(default_factory=list)


def clause_suggestions(
    *, viewer, family: PurchaseFamily | None = None, cpv: str = ""
) -> list[Suggestion]:
    """Usable clauses for a purchase family and/or a CPV code, each with why it is suggested.

    A clause is suggested when it belongs to the family (or to the family the CPV code falls
    in), or when one of its CPV prefixes begins the code (`cpv`: its eight digits)."""
    families = [f for f in [family] if f is not None]
    if cpv:
        cpv_family = family_for_cpv(cpv)
        if cpv_family is not None and cpv_family not in families:
            families.append(cpv_family)
    in_families = Clause.purchase_families.through.objects.filter(purchasefamily__in=families)
    condition = Q(pk__in=in_families.values("clause_id"))
    if cpv:
        condition |= Q(pk__in=Clause.objects.matching_cpv(cpv).values("pk"))
    clauses = (
        Clause.objects.visible_to(viewer)
        .usable()
        .filter(condition)
        .select_related("organisation", "current_version")
        .prefetch_related("purchase_families")
        .annotate(
            is_own=Case(
                When(organisation_id=viewer.organisation_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_own", "organisation__name", "code")
    )
    candidates = set(cpv_candidate_prefixes(cpv)) if cpv else set()
    suggestions = []
    for clause in with_texts(viewer=viewer, clauses=clauses):
        suggestion = Suggestion(clause)
        for clause_family in clause.purchase_families.all():
            if clause_family in families:
                suggestion.reasons.append(
                    _("Famille « %(family)s »") % {"family": clause_family.name}
                )
        for prefix in clause.cpv_prefixes:
            if prefix in candidates:
                suggestion.reasons.append(_("Préfixe CPV %(prefix)s") % {"prefix": prefix})
        suggestions.append(suggestion)
    return suggestions


def clause_versions(*, clause: Clause) -> QuerySet[ClauseVersion]:
    """The approved versions of the clause, the latest first, with who approved them."""
    return clause.versions.select_related("approved_by").order_by("-number")


HISTORY_HIDDEN_FIELDS = {"updated_at", "created_at", "created_by"}


def clause_history(*, clause: Clause, limit: int = 100) -> list[HistoryEntry]:
    """Each recorded change of the clause, newest first, with the fields it changed.

    Three queries whatever the length: the records, their purchase families, family names."""
    records = list(
        clause.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    # simple-history keeps the purchase families of each record in a table of its own.
    family_model = apps.get_model("clauses", "HistoricalClause_purchase_families")
    family_rows = family_model.objects.filter(
        history__in=[record.history_id for record in records]
    ).values_list("history_id", "purchasefamily_id")
    families_of = {record.history_id: set() for record in records}
    for history_id, family_id in family_rows:
        families_of[history_id].add(family_id)
    family_names = dict(PurchaseFamily.objects.values_list("pk", "name"))
    labels = {
        f.name: f.verbose_name for f in Clause._meta.get_fields() if hasattr(f, "verbose_name")
    }
    hidden = [*HISTORY_HIDDEN_FIELDS, "purchase_families"]
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=hidden)
            for change in delta.changes:
                changes.append(
                    FieldChange(
                        label=str(labels.get(change.field, change.field)),
                        old=_display(change.field, change.old),
                        new=_display(change.field, change.new),
                    )
                )
            before, after = families_of[previous.history_id], families_of[record.history_id]
            if before != after:
                changes.append(
                    FieldChange(
                        label=str(labels["purchase_families"]),
                        old=", ".join(sorted(family_names.get(pk, "?") for pk in before)),
                        new=", ".join(sorted(family_names.get(pk, "?") for pk in after)),
                    )
                )
        entry = HistoryEntry(
            date=record.history_date,
            user=record.history_user,
            reason=record.history_change_reason or "",
            status=ClauseStatus(record.status).label,
            changes=changes,
        )
        if entries and _same_action(entries[-1], entry):
            # A save and its purchase families make two records of one action: show one.
            entries[-1].changes = entry.changes + entries[-1].changes
            entries[-1].date = entry.date
            continue
        entries.append(entry)
    return entries


def _same_action(later: HistoryEntry, earlier: HistoryEntry) -> bool:
    return (
        later.user == earlier.user
        and later.reason == earlier.reason
        and abs((later.date - earlier.date).total_seconds()) < 2
    )


def _display(name: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(
            str(item.get("name", item)) if isinstance(item, dict) else str(item) for item in value
        )
    if name == "status" and value:
        return str(ClauseStatus(value).label)
    return "" if value is None else str(value)


@dataclass
class Segment:
    text: str
    change: str  # "same", "added" or "removed"


@dataclass
class FieldDiff:
    label: str
    changed: bool
    segments: list[Segment]


COMPARED_FIELDS = CLAUSE_TEXT_FIELDS


def _comparable(version: ClauseVersion, name: str) -> str:
    value = getattr(version, name)
    display = getattr(version, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if name == "parameters":
        return "\n".join(parameters.describe(item) for item in value)
    if name == "ocds_strategies":
        labels = dict(OcdsSustainabilityStrategy.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


_WORDS = re.compile(r"(\s+)")


def _word_diff(old: str, new: str) -> list[Segment]:
    before, after = _WORDS.split(old), _WORDS.split(new)
    segments = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(Segment("".join(before[a1:a2]), "same"))
            continue
        if a2 > a1:
            segments.append(Segment("".join(before[a1:a2]), "removed"))
        if b2 > b1:
            segments.append(Segment("".join(after[b1:b2]), "added"))
    return segments


def versions_compare(*, old: ClauseVersion, new: ClauseVersion) -> list[FieldDiff]:
    """Field by field, the words removed from `old` and added in `new`."""
    diffs = []
    for name in COMPARED_FIELDS:
        before, after = _comparable(old, name), _comparable(new, name)
        diffs.append(
            FieldDiff(
                label=str(ClauseVersion._meta.get_field(name).verbose_name),
                changed=before != after,
                segments=_word_diff(before, after) if before != after else [Segment(after, "same")],
            )
        )
    return diffs
