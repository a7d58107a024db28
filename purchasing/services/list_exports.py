"""The contract list as a file, prepared in the background when it is long (core's one job
mechanism): the person's filters kept with the export, applied again by the job as that person
(`selectors.lists.market_list`: the contracts they may read), the file written with the writers
of `purchasing.exports` to a temporary file, then saved whole through the storage; the export
points at it in the transaction that ends its job. A short list is still answered at once by the
view, and the command line writes synchronously."""

import tempfile

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import ensure
from core.jobs import services as jobs
from core.jobs.registry import JobError, Progress
from core.models import Job

from .. import access, exports
from ..forms.lists import MarketFilterForm
from ..models import LIST_EXPORT_JOB, ExportFormat, ListExport
from ..selectors import lists as selectors

# Rows between two progress reports of an export.
PROGRESS_EVERY = 500


def export_request(*, actor: User, file_format: str, query: str) -> ListExport:
    """Ask for the filtered list (`query`: the list page's query string) as a file."""
    ensure(access.can_list_markets(actor))
    file_format = ExportFormat(file_format)
    with transaction.atomic():
        export = ListExport.objects.create(
            organisation_id=actor.organisation_id,
            requested_by=actor,
            file_format=file_format,
            query=query[:2000],
            job=jobs.job_open(kind=LIST_EXPORT_JOB, requested_by=actor),
        )
        jobs.job_queue(job=export.job)
    return export


def filtered_markets(*, viewer: User, query: str):
    """The contracts of the list with the filters of `query`, as `viewer` reads them."""
    filters = MarketFilterForm(QueryDict(query), viewer=viewer)
    return selectors.market_list(viewer=viewer, **filters.criteria())


def _counted(markets, total: int, progress: Progress):
    """The contracts, read in chunks, the progress told every PROGRESS_EVERY of them."""
    for number, market in enumerate(exports.rows(markets), start=1):
        if number % PROGRESS_EVERY == 0:
            progress(
                10 + 85 * number // max(total, 1),
                _("%(done)s marchés écrits sur %(total)s") % {"done": number, "total": total},
            )
        yield market


def export_run(*, job: Job, progress: Progress) -> dict:
    """Write the export of `job`; gone meanwhile: nothing."""
    export = ListExport.objects.filter(job=job).select_related("requested_by").first()
    if export is None:
        return {}
    viewer = export.requested_by
    try:
        ensure(access.can_list_markets(viewer))
    except PermissionDenied as error:
        raise JobError(_("Vous n'avez plus accès à la liste des marchés.")) from error
    markets = filtered_markets(viewer=viewer, query=export.query)
    progress(5, _("Comptage des marchés"))
    total = markets.count()

    progress(10, _("Écriture du fichier"))
    organisation = viewer.organisation
    extension = export.file_format
    with tempfile.TemporaryFile(suffix=f".{extension}") as handle:
        rows = _counted(markets, total, progress)
        if extension == ExportFormat.CSV:
            for line in exports.csv_lines(rows):
                handle.write(line.encode("utf-8"))
        else:
            exports.write_xlsx(rows, handle)
        progress(95, _("Enregistrement du fichier"))
        handle.seek(0)
        name = default_storage.save(
            f"exports/marches/{organisation.pk}/{exports.filename(organisation, extension)}",
            File(handle),
        )
    return {"file": name, "rows": total}


def export_done(*, job: Job, result: dict) -> None:
    """The export points at its file; in the transaction that ends its job."""
    if result:
        ListExport.objects.filter(job=job).update(file=result["file"], rows=result["rows"])


def export_failed(*, job: Job) -> None:
    """The job keeps the error; the export's page shows it with a retry."""


def export_retry(*, actor: User, export: ListExport) -> bool:
    """Prepare a failed export again (its requester)."""
    if export.requested_by_id != actor.pk:
        raise PermissionDenied
    return jobs.job_retry(job=export.job)
