"""Charts and figures in templates (pages and PDF reports), drawn by `core.charts`:

{% load charts %}
{% progress_bar d.contracts.environmental.share_by_count d.targets.environmental label %}
{% trend_chart d.contracts.trend "environmental_share" label target=d.targets.environmental %}
{{ value|percent }}  {{ hours|hours }}"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from core import charts

register = template.Library()


@register.simple_tag
def progress_bar(value, target, label, unit="%", maximum=100):
    """charts.progress_bar of a value against its target (None: no target)."""
    return charts.progress_bar(
        value=value, target=target, label=label, unit=unit, maximum=Decimal(maximum)
    )


@register.simple_tag
def trend_chart(points, field, label, target=None, unit="%", maximum=None):
    """charts.trend_chart of the `field` of each trend point (they have a `label`)."""
    return charts.trend_chart(
        points=[(point.label, getattr(point, field)) for point in points],
        label=label,
        target=target,
        unit=unit,
        maximum=None if maximum is None else Decimal(maximum),
    )


@register.filter
def percent(value):
    """45,2 % — or a dash when there is nothing to measure."""
    if value is None or value == "":
        return "—"
    return charts.format_value(Decimal(str(value)), "%")


@register.filter
def hours(value):
    """A number of hours, grouped by thousands, without decimals: 1 234 h."""
    if value is None or value == "":
        return "—"
    return f"{number_format(Decimal(str(value)), 0, force_grouping=True)}\u00a0h"
