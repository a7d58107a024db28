"""The committee dashboard: the figures of a quarter (the last complete one by default) for
the whole organisation or one department, each linked to the list behind it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.access import ensure
from core.quarters import Quarter

from .. import access
from ..forms.dashboard import DashboardFilterForm
from ..selectors import dashboard as selectors
from ..selectors.spaser import obligation
from . import steering_tabs


@login_required
@require_GET
def dashboard(request):
    user = request.user
    ensure(access.can_view_dashboard(user))
    today = timezone.localdate()
    default = Quarter.last_complete(today)
    filters = DashboardFilterForm(
        request.GET,
        organisation=user.organisation,
        default=default,
        today=today,
        years=selectors.years_with_data(organisation=user.organisation),
    )
    quarter, department = filters.selection()
    figures = selectors.dashboard(
        organisation=user.organisation, quarter=quarter, department=department
    )
    return render(
        request,
        "steering/dashboard/dashboard.html",
        {
            "d": figures,
            "filters": filters,
            "department": department,
            "quarter": quarter,
            "in_progress": quarter == Quarter.of(today),
            "can_request_report": quarter < Quarter.of(today) and access.can_request_reports(user),
            "links": True,
            # The SPASER obligation of the last complete year (three queries).
            "obligation": obligation(organisation=user.organisation, year=today.year - 1),
            "steering_tabs": steering_tabs(user),
        },
    )
