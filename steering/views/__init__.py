"""The steering pages, one module per part: the dashboard, the committee, the quarterly
reports; the tabs between those parts."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.ui import Tab

from .. import access


def steering_tabs(user) -> list[Tab]:
    """The parts of the steering pages the person may read, for `{% section_tabs %}` (which
    draws nothing for one)."""
    sections = [
        ("dashboard", _("Tableau de bord"), "steering:dashboard", access.can_view_dashboard),
        ("committee", _("Comité"), "steering:committee", access.can_view_committee),
        ("reports", _("Rapports trimestriels"), "steering:report-list", access.can_read_reports),
        ("spaser", _("SPASER"), "steering:spaser", access.can_view_spaser),
    ]
    return [
        Tab(key, label, reverse(url_name))
        for key, label, url_name, allowed in sections
        if allowed(user)
    ]
