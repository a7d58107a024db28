"""The purchasing rules of an organisation."""

from django.db.models import QuerySet

from ..models import PurchasingRule


def rule_list(*, viewer) -> QuerySet[PurchasingRule]:
    """The purchasing rules of the viewer's organisation, by family and name."""
    return (
        PurchasingRule.objects.visible_to(viewer)
        .select_related("family")
        .order_by("family__name", "name", "pk")
    )
