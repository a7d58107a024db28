"""The imports of an organisation and the first lines of a file waiting for confirmation.
A fixed number of queries whatever the number of imports."""

from django.db.models import Func, IntegerField, QuerySet

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
        rows = imports.read_rows(content, batch.file_name, imports.COLUMNS[batch.kind])
    except TableRejected:
        return []
    return [(line, [cell_text(value) for value in values]) for line, values in rows[:limit]]


class JSONArrayLength(Func):
    """The number of items of a JSON array column, counted by the database."""

    function = "JSON_ARRAY_LENGTH"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra)


def import_list(*, viewer) -> QuerySet[ImportBatch]:
    """The imports of the viewer's organisation, newest first, with who sent them and their
    number of errors (`error_count`), without loading the errors themselves."""
    return (
        ImportBatch.objects.visible_to(viewer)
        .select_related("uploaded_by")
        .defer("errors")
        .annotate(error_count=JSONArrayLength("errors"))
        .order_by("-uploaded_at", "-pk")
    )
