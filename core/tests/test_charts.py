"""The SVG charts shared by the pages and the PDF reports (the steering dashboard, its
report)."""

import re
from decimal import Decimal

import pytest

from core import charts


def test_a_progress_bar_is_an_image_with_its_value_and_target_in_words():
    svg = charts.progress_bar(value=Decimal("45.5"), target=Decimal("30"), label="Part <sociale>")

    assert svg.startswith("<svg ")
    assert 'role="img"' in svg and 'aria-label="Part &lt;sociale&gt;"' in svg
    assert "<title>Part &lt;sociale&gt;</title>" in svg
    assert "<desc>Valeur : 45,5\u00a0% ; objectif : 30\u00a0% (trait vertical).</desc>" in svg
    # 45.5 % of 320 wide; the target at 30 %.
    assert 'width="145.6"' in svg
    assert 'x1="96.0"' in svg
    assert f'fill="{charts.MET_COLOUR}"' in svg


def test_a_progress_bar_without_value_or_target_says_so():
    svg = charts.progress_bar(value=None, target=None, label="Acheteurs formés")

    assert "<desc>Valeur : sans objet.</desc>" in svg
    assert "chart-value" not in svg and "chart-target" not in svg


def test_a_trend_chart_draws_a_bar_per_quarter_and_the_target_line():
    points = [("T1 2026", Decimal("20")), ("T2 2026", None), ("T3 2026", Decimal("100"))]

    svg = charts.trend_chart(points=points, label="Part environnementale", target=Decimal("50"))

    assert svg.count('class="chart-value"') == 2
    assert svg.count('class="chart-target"') == 1
    assert "T2 2026 : sans objet" in svg
    assert "Objectif : 50\u00a0% (ligne pointillée)." in svg
    assert "style=" not in svg


def test_a_trend_in_hours_scales_to_its_largest_value():
    svg = charts.trend_chart(
        points=[("T1", Decimal("0")), ("T2", Decimal("1234.5"))], label="Heures", unit="h"
    )

    assert "1\u00a0234,5\u00a0h" in svg
    assert 'height="138.0"' in svg  # the largest bar fills the plot


def test_a_trend_chart_with_a_target_has_a_legend():
    svg = str(
        charts.trend_chart(
            points=[("T1", Decimal("25")), ("T2", Decimal("15"))],
            label="Part",
            target=Decimal("20"),
        )
    )

    assert '<g class="chart-legend"' in svg
    assert ">objectif atteint</text>" in svg
    assert ">sous l'objectif</text>" in svg or ">sous l&#x27;objectif</text>" in svg
    assert "chart-legend" not in str(
        charts.trend_chart(points=[("T1", Decimal("25"))], label="Part")
    )


@pytest.mark.parametrize("value", ["18", "19", "19.5", "20", "20.5", "21", "22", "23", "0.5"])
def test_a_value_label_never_overlaps_the_target_line(value):
    svg = str(
        charts.trend_chart(
            points=[("T1", Decimal(value)), ("T2", Decimal("60"))],
            label="Part",
            target=Decimal("20"),
        )
    )

    level = float(re.search(r'class="chart-target"[^>]*y1="([\d.]+)"', svg).group(1))
    for baseline in re.findall(r'class="chart-value-label"[^>]*y="([\d.]+)"', svg):
        bottom, top = float(baseline), float(baseline) - charts.LABEL_HEIGHT
        assert bottom < level - 1 or top > level + 1, (value, top, bottom, level)
