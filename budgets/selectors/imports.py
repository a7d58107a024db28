"""The imports of an organisation and the first lines of a file waiting for confirmation.
A fixed number of queries whatever the number of imports."""

from django.db.models import QuerySet

from core.tabular import TableRejected, cell_text

from .. import imports
from ..models import ImportBatch


def preview_rows(batch: ImportBatch, *, limit: int) -> list[tuple[int, list[str]]]:
    """The first data lines of an import's stored file, as (line, values in the order of the
    contract's columns), for the preview before confirming. No query."""
    if not batch.file:
        return []
    with batch.file.open("rb") as stored:
        content = stored.read()
    try:
        rows = imports.read_rows(content, batch.file_name, imports.COLUMNS[batch.kind], limit=limit)
    except TableRejected:
        return []
    return [(line, [cell_text(value) for value in values]) for line, values in rows]


def import_list(*, viewer, status: str | None = None) -> QuerySet[ImportBatch]:
    """The imports of the viewer's organisation (of one status if given), newest first, with
    who sent them, without loading their errors (`errors_total` counts them)."""
    batches = ImportBatch.objects.visible_to(viewer)
    if status:
        batches = batches.filter(status=status)
    return batches.select_related("uploaded_by").defer("errors").order_by("-uploaded_at", "-pk")
