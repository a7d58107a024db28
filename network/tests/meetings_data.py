"""What the meetings tests share: meetings, projects and items built through the services, by
nora, the coordinator (Roubaix coordinates the network, Tourcoing is a member)."""

import datetime
import html

from django.utils import timezone

from clauses.models import PurchaseFamily
from network.services import meetings as services

NBSP = "\u00a0"
NNBSP = "\u202f"


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def family(code="paper"):
    return PurchaseFamily.objects.get(code=code)


def plan(network, coordinator, *, in_days=30, hours=2, title=None, **fields):
    """A meeting `in_days` from now (negative: in the past), of `hours` hours."""
    starts_at = (timezone.now() + datetime.timedelta(days=in_days)).replace(second=0, microsecond=0)
    values = {
        "title": title or f"Rencontre du réseau ({in_days:+d} jours)",
        "theme": family(),
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        "place": "Hôtel de ville de Roubaix, 17 Grand'Place",
        "agenda": "Tour de table\nRetours d'expérience",
    }
    values.update(fields)
    return services.meeting_create(actor=coordinator, network=network, **values)


def project(network, coordinator, *, title="Guide commun des achats textiles", **fields):
    values = {
        "lead_organisation": network.coordinator_organisation,
        "participants": [],
        "status": "in_progress",
        "description": "Un guide partagé.",
    }
    values.update(fields)
    return services.project_create(actor=coordinator, network=network, title=title, **values)
