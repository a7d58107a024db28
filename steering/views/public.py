"""The public page of an organisation's responsible purchasing, without login, at
/<organisation-slug>/achats-responsables/: its adopted SPASER, its published yearly reports
(PDF), the key figures of the last published year and its indicators as open data (CSV with
its Table Schema). Nothing unpublished: no draft, no report the committee has not published,
no name but the signatory's. An unknown organisation is 404. A fixed number of queries;
answers may be cached by browsers and proxies for five minutes."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from accounts.models import Organisation
from core.files import attachment_response

from .. import pdf
from ..models import SpaserReport, SpaserReportStatus
from ..opendata import indicators_csv
from ..selectors import spaser as selectors

PUBLIC_MAX_AGE = 300


def _published(organisation):
    return SpaserReport.objects.filter(
        organisation=organisation, published=True, status=SpaserReportStatus.READY
    )


def _cached(response):
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@require_GET
def public_page(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    scheme = selectors.adopted_scheme(organisation)
    axes = list(scheme.axes.prefetch_related("objectives")) if scheme else []
    reports = list(
        _published(organisation)
        .only("pk", "year", "published_at", "comments", "figures", "organisation_id")
        .order_by("-year", "-pk")
    )
    latest = reports[0] if reports else None
    context = (
        pdf.spaser_context(report=latest, figures=latest.figures, public=True) if latest else {}
    )
    return _cached(
        render(
            request,
            "steering/public/page.html",
            {
                **context,
                "organisation": organisation,
                "scheme": scheme,
                "scheme_axes": axes,
                "reports": reports,
                "latest": latest,
            },
        )
    )


def _report(slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    return get_object_or_404(_published(organisation).select_related("organisation"), pk=pk)


@require_GET
def public_report_pdf(request, slug, pk):
    report = _report(slug, pk)
    if not report.file:
        raise Http404
    return _cached(attachment_response(report.file))


@require_GET
def public_indicators_csv(request, slug, pk):
    report = _report(slug, pk)
    response = HttpResponse(indicators_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="indicateurs-spaser-{report.organisation.slug}-{report.year}.csv"'
    )
    return _cached(response)
