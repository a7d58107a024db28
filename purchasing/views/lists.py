"""The contract list and its exports: the contracts the person may read
(`Market.objects.visible_to` through `selectors.market_list`), filtered, searched, sorted.

Whoever holds no contract permission at all (a finance officer, say) is refused with 403."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.access import ensure

from .. import access, exports
from ..forms.lists import MarketFilterForm
from ..selectors import lists as selectors

MARKETS_PER_PAGE = 25
# The sortable columns, by their ascending key in selectors.SORTS.
SORTABLE = ("reference", "title", "amount", "launch")
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
        },
    )


@login_required
@require_GET
def market_export(request):
    _filters, _criteria, markets = _filtered(request)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
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
