"""The open-data page of the organisation (/marches/donnees-ouvertes/): for a year, how many
contracts go in the DECP file and how many are left out under the threshold, the DECP file
(offered only when every contract can be described and the file validates), the OCDS release
package, and the contracts whose missing fields stop the DECP file, with where to fix them.

Access: `access.can_export_open_data` (buyers, advisors and committee members of the
organisation; 403 for anyone else). Without the official schemas (`OPEN_DATA_SCHEMAS_DIR`)
no file is offered: the page says so."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import ensure
from core.views import action_redirect

from ..access import (
    can_export_open_data,
    get_market_for_user,
    reads_whole_organisation,
    viewer_scope,
)
from ..models import DECP_THRESHOLD, EDIT_MARKETS, EDITABLE_STATUSES, TRANSITIONS
from ..opendata import checks, decp, ocds, schemas, validation
from ..opendata.output import Gap
from ..selectors import opendata as selectors
from ..services import opendata as opendata_services

JSON_TYPE = "application/json"
YEAR_PARAMETER = "annee"
# Statuses in which the award page takes a correction of the supplier.
AWARD_STATUSES = TRANSITIONS["award"].sources


@dataclass(frozen=True)
class FieldToFix:
    label: str
    url: str | None
    note: str = ""
    # Where the link leads: the form that fixes the field, or only the contract's page.
    fixes: bool = True


@dataclass(frozen=True)
class ProblemRow:
    reference: str
    title: str
    url: str
    fields: list[FieldToFix]


def _year(request, years: list[int], *, required: bool = True) -> int | None:
    raw = request.GET.get(YEAR_PARAMETER, "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    if not required:
        return None
    return years[0] if years else timezone.localdate().year


def _field_to_fix(user, problem, missing) -> FieldToFix:
    detail = reverse("purchasing:detail", kwargs={"pk": problem.market_id})
    if missing.code == Gap.BUYER_SIRET:
        if user.is_staff:
            return FieldToFix(
                missing.label,
                reverse("admin:accounts_organisation_change", args=[missing.organisation_id]),
            )
        return FieldToFix(
            missing.label,
            None,
            _("à faire corriger par l'administrateur technique de l'application"),
        )
    if missing.code == Gap.SUPPLIER_SIRET:
        if problem.status in AWARD_STATUSES:
            return FieldToFix(
                missing.label,
                reverse(
                    "purchasing:award", kwargs={"pk": problem.market_id, "lot_pk": missing.lot_id}
                ),
            )
        return FieldToFix(
            missing.label,
            detail,
            _("l'attribution n'est plus modifiable une fois le marché en exécution"),
            fixes=False,
        )
    if problem.status in EDITABLE_STATUSES:
        return FieldToFix(
            missing.label, reverse("purchasing:step-needs", kwargs={"pk": problem.market_id})
        )
    return FieldToFix(
        missing.label,
        detail,
        _("le besoin n'est plus modifiable après la validation du marché"),
        fixes=False,
    )


@dataclass(frozen=True)
class FlagRow:
    reference: str
    title: str
    message: str
    url: str
    link_label: str
    # (INSEE code, name) the buyer may give the place of execution with one button.
    offers: tuple[tuple[str, str], ...] = ()
    apply_url: str = ""


def _flag_rows(user, flags) -> list[FlagRow]:
    rows = []
    buyer = user.has_perm(EDIT_MARKETS)
    for flag in flags:
        if flag.check == checks.Check.AMOUNT and flag.lot_id is not None:
            url = reverse("purchasing:award", kwargs={"pk": flag.market_id, "lot_pk": flag.lot_id})
            label = _("corriger l'attribution")
        else:
            url = reverse("purchasing:detail", kwargs={"pk": flag.market_id})
            label = _("voir le marché")
        offers, apply_url = (), ""
        if flag.check == checks.Check.PLACE and buyer:
            offers = flag.offers
            apply_url = reverse("purchasing:opendata-place", kwargs={"pk": flag.market_id})
        rows.append(
            FlagRow(flag.reference, flag.title, flag.message, url, label, offers, apply_url)
        )
    return rows


def _rows(user, problems) -> list[ProblemRow]:
    return [
        ProblemRow(
            reference=problem.reference,
            title=problem.title,
            url=reverse("purchasing:detail", kwargs={"pk": problem.market_id}),
            fields=[_field_to_fix(user, problem, missing) for missing in problem.missing],
        )
        for problem in problems
    ]


def _page(
    request, *, year: int, years=None, status: int = 200, problems=None, errors=None, notice=""
):
    user = request.user
    organisation = user.organisation
    viewer = viewer_scope(user)
    if years is None:
        years = selectors.notification_years(organisation=organisation, viewer=viewer)
    missing_schemas = validation.missing_schema_files()
    if problems is None:
        problems = decp.problems(
            selectors.chunks(
                selectors.decp_markets(organisation=organisation, year=year, viewer=viewer)
            )
        )
    return render(
        request,
        "purchasing/opendata/page.html",
        {
            "year": year,
            "year_label": str(year),
            "years": sorted({*years, year, timezone.localdate().year}, reverse=True),
            "counts": selectors.decp_counts(organisation=organisation, year=year, viewer=viewer),
            "ocds_count": selectors.ocds_count(organisation=organisation, year=year, viewer=viewer),
            "problems": _rows(user, problems),
            "errors": errors or [],
            "notice": notice,
            "flags": _flag_rows(
                user,
                selectors.prepublication_flags(
                    organisation=organisation,
                    year=year,
                    viewer=viewer,
                    today=timezone.localdate(),
                ),
            ),
            "missing_schemas": missing_schemas,
            "fetch_command": schemas.FETCH_COMMAND,
            "ocid_placeholder": ocds.DEFAULT_OCID_PREFIX
            if ocds.ocid_prefix_is_placeholder()
            else "",
            "schemas_dir": validation.schemas_dir(),
            "whole_organisation": reads_whole_organisation(user),
            "threshold": DECP_THRESHOLD,
        },
        status=status,
    )


@login_required
@require_GET
def opendata_page(request):
    ensure(can_export_open_data(request.user))
    viewer = viewer_scope(request.user)
    years = selectors.notification_years(organisation=request.user.organisation, viewer=viewer)
    return _page(request, year=_year(request, years), years=years)


@login_required
@require_POST
def place_insee_code_set(request, pk):
    """A button of the checks before publication: the commune's INSEE code offered for the
    contract's postcode becomes the code of its place of execution."""
    market = get_market_for_user(request.user, pk)
    insee_code = request.POST.get("insee_code", "").strip()[:5]
    return action_redirect(
        request,
        reverse("purchasing:opendata"),
        lambda: opendata_services.market_place_set_insee_code(
            actor=request.user, market=market, insee_code=insee_code
        ),
        _("Le marché %(reference)s a pour lieu d'exécution le code commune INSEE %(code)s.")
        % {"reference": market.reference, "code": insee_code},
    )


def _unavailable(request, year: int):
    return _page(
        request,
        year=year,
        status=503,
        notice=_(
            "Les schémas officiels ne sont pas disponibles sur ce serveur : aucun fichier ne "
            "peut être vérifié, donc aucun n'est proposé."
        ),
    )


@login_required
@require_GET
def decp_download(request):
    ensure(can_export_open_data(request.user))
    organisation = request.user.organisation
    year = _year(request, [])
    markets = selectors.decp_markets(
        organisation=organisation, year=year, viewer=viewer_scope(request.user)
    )
    try:
        result = decp.write(selectors.chunks(markets))
    except validation.SchemasUnavailable:
        return _unavailable(request, year)
    if result.ok:
        opendata_services.decp_records_store(actor=request.user, records=result.new_records)
    if not result.ok:
        return _page(
            request,
            year=year,
            status=409,
            problems=result.problems,
            errors=result.errors,
            notice=_(
                "Le fichier DECP ne peut pas être produit : complétez les marchés ci-dessous."
            ),
        )
    return FileResponse(
        result.handle,
        as_attachment=True,
        filename=f"decp-{organisation.slug}-{year}.json",
        content_type=JSON_TYPE,
    )


@login_required
@require_GET
def ocds_download(request):
    ensure(can_export_open_data(request.user))
    organisation = request.user.organisation
    year = _year(request, [], required=False)
    markets = selectors.ocds_markets(
        organisation=organisation, year=year, viewer=viewer_scope(request.user)
    )
    uri = settings.SITE_URL + request.get_full_path()
    try:
        result = ocds.write(selectors.chunks(markets), organisation=organisation, uri=uri)
    except validation.SchemasUnavailable:
        return _unavailable(request, year or timezone.localdate().year)
    if not result.ok:
        return _page(
            request,
            year=year or timezone.localdate().year,
            status=409,
            errors=result.errors,
            notice=_("Le paquet OCDS ne peut pas être produit."),
        )
    suffix = f"-{year}" if year else ""
    return FileResponse(
        result.handle,
        as_attachment=True,
        filename=f"ocds-{organisation.slug}{suffix}.json",
        content_type=JSON_TYPE,
    )
