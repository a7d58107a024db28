"""The links between the steering pages: dashboard, committee, reports, for those who read them."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from steering import access

register = template.Library()


@register.inclusion_tag("steering/includes/sections.html", takes_context=True)
def steering_sections(context, current: str):
    """`current` is "dashboard", "committee" or "reports"."""
    user = context["request"].user
    sections = [
        ("dashboard", _("Tableau de bord"), "steering:dashboard", access.can_view_dashboard),
        ("committee", _("Comité"), "steering:committee", access.can_view_committee),
        ("reports", _("Rapports trimestriels"), "steering:report-list", access.can_read_reports),
    ]
    links = [
        {"label": label, "url": reverse(url_name), "current": key == current}
        for key, label, url_name, allowed in sections
        if allowed(user)
    ]
    return {"links": links if len(links) > 1 else []}
