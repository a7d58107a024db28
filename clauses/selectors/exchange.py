"""The export of a clause library: the actor's clauses as exchange entries, and the files
(JSON or CSV) they download; the format itself is `clauses/exchange.py`."""

from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User

from .. import exchange
from ..access import ensure_can_manage_clauses
from ..exchange import TEXT_FIELDS, ExportFile, in_key_order
from ..models import Clause, ClauseStatus, PurchaseFamily


def library_export_entries(*, actor: User) -> list[dict]:
    """The actor's library as exchange entries, ordered by code, in a fixed number of queries.

    A clause approved at least once is exported as its version in force, even while an edit is
    in draft: what the organisation actually uses, not work in progress."""
    ensure_can_manage_clauses(actor)
    clauses = (
        Clause.objects.filter(organisation_id=actor.organisation_id)
        .exclude(status=ClauseStatus.RETIRED)
        .select_related("current_version")
        .prefetch_related(
            Prefetch("purchase_families", queryset=PurchaseFamily.objects.order_by("code"))
        )
        .order_by("code")
    )
    entries = []
    for clause in clauses:
        version = clause.current_version
        text = version or clause
        entry = {"code": clause.code}
        entry.update({name: getattr(text, name) for name in TEXT_FIELDS if name != "code"})
        entry.update(
            {
                "ocds_strategies": list(text.ocds_strategies),
                "parameters": [in_key_order(definition) for definition in text.parameters],
                "purchase_families": [family.code for family in clause.purchase_families.all()],
                "cpv_prefixes": list(clause.cpv_prefixes),
                "status": ClauseStatus.APPROVED.value if version else ClauseStatus.DRAFT.value,
                "version": version.number if version else None,
            }
        )
        entries.append(entry)
    return entries


def _export_file_name(actor: User, extension: str) -> str:
    return f"clauses-{actor.organisation.slug}-{timezone.localdate().isoformat()}.{extension}"


def library_export_json(*, actor: User) -> ExportFile:
    """The actor's library as a JSON exchange file."""
    return ExportFile(
        content=exchange.json_content(
            library_export_entries(actor=actor), organisation=actor.organisation
        ),
        content_type="application/json; charset=utf-8",
        file_name=_export_file_name(actor, "json"),
    )


def library_export_csv(*, actor: User) -> ExportFile:
    """The actor's library as a CSV exchange file (what Excel in France opens)."""
    return ExportFile(
        content=exchange.csv_content(library_export_entries(actor=actor)),
        content_type="text/csv; charset=utf-8",
        file_name=_export_file_name(actor, "csv"),
    )


EXPORTERS = {"json": library_export_json, "csv": library_export_csv}
