"""Charts drawn on the server as SVG markup, for every app: the same functions serve the pages
and the PDF reports (WeasyPrint draws SVG); their template tags are `{% load charts %}`. No
script, no style attribute (the CSP forbids inline styles): colours are presentation
attributes, and the classes (`svg-chart`, `chart-value`, `chart-target`…) let a stylesheet
adjust them.

Every chart is an image for assistive technologies (role="img", an aria-label, <title> and
<desc>) and is paired, in the templates, with a table holding the same figures."""

from decimal import ROUND_CEILING, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Colours with a contrast of at least 3:1 on white (WCAG 1.4.11 for graphics).
VALUE_COLOUR = "#1d5c96"
MET_COLOUR = "#1e6b3a"
TARGET_COLOUR = "#a4161a"
TRACK_COLOUR = "#e3e7eb"
TEXT_COLOUR = "#212529"
GRID_COLOUR = "#adb5bd"


def _number(value, decimals: int = 1) -> str:
    """A number the French way (decimal comma, grouped thousands), without trailing ",0"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        decimals = 0
    return number_format(value, decimals, force_grouping=True)


def format_value(value, unit: str = "%") -> str:
    """A chart's value in words: "45,5 %", "833 h", or "sans objet" without a value."""
    if value is None:
        return _("sans objet")
    return f"{_number(value)}\u00a0{unit}" if unit else _number(value)


def _frame(
    *, width: int, height: int, label: str, description: str, body: str, css: str
) -> SafeString:
    """The chart's SVG element: its texts escaped here, its `body` built of escaped parts."""
    return mark_safe(  # noqa: S308 — every text is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svg-chart {css}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}" focusable="false">'
        f"<title>{escape(label)}</title>"
        f"<desc>{escape(description)}</desc>"
        f"{body}</svg>"
    )


def progress_bar(
    *,
    value: Decimal | None,
    target: Decimal | None,
    label: str,
    unit: str = "%",
    maximum: Decimal = Decimal("100"),
) -> SafeString:
    """A horizontal bar: `value` out of `maximum`, the target marked by a vertical line.

    The description says the value and the target in words."""
    width, height, bar_top, bar_height = 320, 34, 4, 16
    maximum = Decimal(maximum) or Decimal("1")

    def x(amount) -> str:
        held = min(max(Decimal(amount), Decimal("0")), maximum)
        return f"{held * width / maximum:.1f}"

    reached = value is not None and target is not None and value >= target
    parts = [
        f'<rect class="chart-track" x="0" y="{bar_top}" width="{width}" height="{bar_height}" '
        f'fill="{TRACK_COLOUR}" rx="3"/>'
    ]
    if value is not None:
        colour = MET_COLOUR if reached else VALUE_COLOUR
        parts.append(
            f'<rect class="chart-value" x="0" y="{bar_top}" width="{x(value)}" '
            f'height="{bar_height}" fill="{colour}" rx="3"/>'
        )
    if target is not None:
        position = x(target)
        parts.append(
            f'<line class="chart-target" x1="{position}" x2="{position}" y1="0" '
            f'y2="{bar_top + bar_height + 4}" stroke="{TARGET_COLOUR}" stroke-width="3"/>'
        )
    parts.append(
        f'<text x="0" y="{height - 1}" font-size="11" fill="{TEXT_COLOUR}">0</text>'
        f'<text x="{width}" y="{height - 1}" font-size="11" text-anchor="end" '
        f'fill="{TEXT_COLOUR}">{escape(format_value(maximum, unit))}</text>'
    )
    if target is None:
        description = _("Valeur : %(value)s.") % {"value": format_value(value, unit)}
    else:
        description = _("Valeur : %(value)s ; objectif : %(target)s (trait vertical).") % {
            "value": format_value(value, unit),
            "target": format_value(target, unit),
        }
    return _frame(
        width=width,
        height=height,
        label=label,
        description=description,
        body="".join(parts),
        css="chart-progress",
    )


def _ceil_to_ten(amount: Decimal) -> Decimal:
    tens = (amount / 10).to_integral_value(rounding=ROUND_CEILING)
    return max(tens, Decimal("1")) * 10


# A value label is 10 px high and sits 4 px above its bar; the target line is 2 px thick.
LABEL_HEIGHT, LABEL_GAP, LINE_MARGIN = 10, 4, 2


def _value_label_position(top_of_bar, baseline, level) -> tuple[Decimal, str]:
    """Where a bar's value is written (its baseline) and in which colour: above the bar, or,
    when the target line would cross it, inside the top of the bar in white, or above the line
    when the bar is too short to hold it. The label never overlaps the target line."""
    above = top_of_bar - LABEL_GAP
    if level is None:
        return above, TEXT_COLOUR
    crosses = above - LABEL_HEIGHT - LINE_MARGIN <= level <= above + LINE_MARGIN
    if not crosses:
        return above, TEXT_COLOUR
    inside = top_of_bar + LABEL_HEIGHT + 2
    if baseline - top_of_bar >= LABEL_HEIGHT + 6 and inside - LABEL_HEIGHT > level + LINE_MARGIN:
        return inside, "#ffffff"
    return level - LINE_MARGIN - LABEL_GAP, TEXT_COLOUR


def _legend(*, y: int, left: int) -> str:
    """The key of a chart with a target: a bar that meets it, one below it, the target line."""
    met, below, target = _("objectif atteint"), _("sous l'objectif"), _("objectif")
    return (
        f'<g class="chart-legend" font-size="11" fill="{TEXT_COLOUR}">'
        f'<rect x="{left}" y="{y - 9}" width="10" height="10" fill="{MET_COLOUR}"/>'
        f'<text x="{left + 14}" y="{y}">{escape(met)}</text>'
        f'<rect x="{left + 130}" y="{y - 9}" width="10" height="10" fill="{VALUE_COLOUR}"/>'
        f'<text x="{left + 144}" y="{y}">{escape(below)}</text>'
        f'<line x1="{left + 260}" x2="{left + 284}" y1="{y - 4}" y2="{y - 4}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 290}" y="{y}">{escape(target)}</text>'
        "</g>"
    )


def trend_chart(
    *,
    points: list[tuple[str, Decimal | None]],
    label: str,
    target: Decimal | None = None,
    unit: str = "%",
    maximum: Decimal | None = None,
) -> SafeString:
    """Vertical bars, one per quarter (`points` of (label, value), the oldest first), with
    their values written above them and the target as a dashed horizontal line.

    `maximum` is the top of the scale: by default the largest of the values and the target,
    with some room above, rounded up to a ten (at most 100 for percentages): a 20 % rule is not
    drawn as thin bars at the foot of a 100 % scale."""
    # With a target, a row under the quarters holds the legend.
    legend_height = 20 if target is not None else 0
    width, height = 480, 190 + legend_height
    left, right, top, bottom = 8, 8, 18, 34 + legend_height
    plot_width, plot_height = width - left - right, height - top - bottom
    values = [value for _label, value in points if value is not None]
    if maximum is None:
        candidates = [*values, *([target] if target is not None else [])]
        highest = max(candidates, default=Decimal("0"))
        if unit == "%":
            maximum = min(Decimal("100"), _ceil_to_ten(Decimal(highest) * Decimal("1.15")))
        else:
            maximum = highest
    maximum = Decimal(maximum) if maximum and Decimal(maximum) > 0 else Decimal("1")
    slot = Decimal(plot_width) / max(len(points), 1)
    bar = slot * Decimal("0.6")

    def y(amount) -> Decimal:
        held = min(max(Decimal(amount), Decimal("0")), maximum)
        return Decimal(top) + Decimal(plot_height) * (1 - held / maximum)

    def svg_number(amount: Decimal) -> str:
        return f"{amount:.1f}"

    baseline = Decimal(top + plot_height)
    level = y(target) if target is not None else None
    parts = [
        f'<line class="chart-axis" x1="{left}" x2="{width - right}" y1="{baseline}" '
        f'y2="{baseline}" stroke="{GRID_COLOUR}" stroke-width="1"/>'
    ]
    for index, (name, value) in enumerate(points):
        centre = Decimal(left) + slot * index + slot / 2
        if value is not None:
            top_of_bar = y(value)
            reached = target is not None and value >= target
            text_y, text_colour = _value_label_position(top_of_bar, baseline, level)
            parts.append(
                f'<rect class="chart-value" x="{svg_number(centre - bar / 2)}" '
                f'y="{svg_number(top_of_bar)}" width="{svg_number(bar)}" '
                f'height="{svg_number(baseline - top_of_bar)}" '
                f'fill="{MET_COLOUR if reached else VALUE_COLOUR}"/>'
                f'<text class="chart-value-label" x="{svg_number(centre)}" '
                f'y="{svg_number(text_y)}" font-size="10" text-anchor="middle" '
                f'fill="{text_colour}">{escape(format_value(value, unit))}</text>'
            )
        else:
            parts.append(
                f'<text x="{svg_number(centre)}" y="{svg_number(baseline - 4)}" font-size="10" '
                f'text-anchor="middle" fill="{TEXT_COLOUR}">—</text>'
            )
        parts.append(
            f'<text x="{svg_number(centre)}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">{escape(name)}</text>'
        )
    if level is not None:
        parts.append(
            f'<line class="chart-target" x1="{left}" x2="{width - right}" '
            f'y1="{svg_number(level)}" y2="{svg_number(level)}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(_legend(y=height - 6, left=left))
    described = "; ".join(f"{name} : {format_value(value, unit)}" for name, value in points)
    description = (
        _("%(values)s. Objectif : %(target)s (ligne pointillée).")
        % {"values": described, "target": format_value(target, unit)}
        if target is not None
        else f"{described}."
    )
    return _frame(
        width=width,
        height=height,
        label=label,
        description=description,
        body="".join(parts),
        css="chart-trend",
    )
