"""The contract list and its exports: the contracts the person may read
(`Market.objects.visible_to` through `selectors.market_list`), filtered, searched, sorted.

Exports: a list of up to EXPORT_IMMEDIATE_MAX_ROWS contracts is written into the answer at once
(a few hundred milliseconds); a longer one is offered as a file prepared in the background
(`services.list_exports`, core's job mechanism): its page shows the progress, then the download,
served only to the person who asked for it.

Whoever holds no contract permission at all (a finance officer, say) is refused with 403."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import ensure
from core.files import attachment_response
from core.views import job_status_response

from .. import access, exports
from ..forms.lists import MarketFilterForm
from ..models import ExportFormat
from ..selectors import lists as selectors
from ..services import list_exports

MARKETS_PER_PAGE = 25
# The sortable columns, by their ascending key in selectors.SORTS.
SORTABLE = ("reference", "title", "amount", "launch", "updated")
EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    ensure(access.can_list_markets(request.user))
    filters = MarketFilterForm(request.GET, viewer=request.user)
    criteria = filters.criteria()
    return filters, criteria, selectors.market_list(viewer=request.user, **criteria)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _sort_headers(request, current: str) -> dict:
    """For each sortable column: the link that sorts by it (ascending first, then the other
    way when it is already sorted ascending) and its `aria-sort` value."""
    base = _query_without(request, "tri", "page")
    headers = {}
    for key in SORTABLE:
        if current == key:
            state, target = "ascending", f"-{key}"
        elif current == f"-{key}":
            state, target = "descending", key
        else:
            state, target = "", key
        query = f"{base}&tri={target}" if base else f"tri={target}"
        headers[key] = {"url": f"?{query}", "aria_sort": state}
    return headers


@login_required
@require_GET
def market_list(request):
    filters, criteria, markets = _filtered(request)
    page = selectors.market_page(markets, request.GET.get("page"), per_page=MARKETS_PER_PAGE)
    export_query = _query_without(request, "page", "format")
    return render(
        request,
        "purchasing/lists/market_list.html",
        {
            "page": page,
            "filters": filters,
            "query": _query_without(request, "page"),
            "export_query": f"{export_query}&" if export_query else "",
            "sort": _sort_headers(request, criteria["sort"]),
            "can_create": access.can_create_markets(request.user),
            "can_open_data": access.can_export_open_data(request.user),
            # A list that mixes organisations (a group's contracts) says whose each one is.
            "several_organisations": markets.order_by()
            .values("organisation_id")
            .distinct()[:2]
            .count()
            > 1,
            "filtering": any(request.GET.get(name) for name in filters.fields if name != "tri"),
        },
    )


@login_required
@require_GET
def market_export(request):
    _filters, _criteria, markets = _filtered(request)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    count = markets.count()
    if count > settings.EXPORT_IMMEDIATE_MAX_ROWS:
        # Long: the page that asks for it in the background (a POST: it creates the job).
        return render(
            request,
            "purchasing/lists/export_offer.html",
            {
                "count": count,
                "file_format": ExportFormat(file_format),
                "query": _query_without(request, "page", "format"),
            },
        )
    organisation = request.user.organisation
    if file_format == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(exports.rows(markets)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.filename(organisation, "csv")}"'
        )
        return response
    return FileResponse(
        exports.xlsx_file(exports.rows(markets)),
        as_attachment=True,
        filename=exports.filename(organisation, "xlsx"),
        content_type=XLSX_TYPE,
    )


@login_required
@require_POST
def export_request(request):
    ensure(access.can_list_markets(request.user))
    try:
        export = list_exports.export_request(
            actor=request.user,
            file_format=request.POST.get("format", ""),
            query=request.POST.get("filtres", ""),
        )
    except ValueError as error:
        raise Http404 from error
    export.job.refresh_from_db()
    if export.job.awaits_broker:
        messages.warning(
            request,
            _(
                "Le service des travaux en arrière-plan est momentanément indisponible : la "
                "demande est enregistrée, le fichier sera préparé dès son retour."
            ),
        )
    return redirect("purchasing:export-detail", public_id=export.public_id)


@login_required
@require_GET
def export_detail(request, public_id):
    export = access.get_export_for_user(request.user, public_id)
    return render(request, "purchasing/lists/export_detail.html", {"export": export})


@login_required
@require_GET
def export_status(request, public_id):
    return job_status_response(access.get_export_for_user(request.user, public_id).job)


@login_required
@require_GET
def export_download(request, public_id):
    export = access.get_export_for_user(request.user, public_id)
    if not export.file:
        raise Http404
    return attachment_response(export.file)


@login_required
@require_POST
def export_retry(request, public_id):
    export = access.get_export_for_user(request.user, public_id)
    if list_exports.export_retry(actor=request.user, export=export):
        messages.success(request, _("La préparation du fichier est relancée."))
    else:
        messages.error(request, _("Seul un export en échec peut être relancé."))
    return redirect("purchasing:export-detail", public_id=export.public_id)
