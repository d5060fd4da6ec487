"""The server-drawn line chart: geometry, gaps, ticks, and its table alternative."""

from django.template.loader import render_to_string
from django.utils import translation

from portal.charts import Series, line_chart, nice_step


def test_nice_steps_are_round_numbers():
    assert nice_step(100) == 20
    assert nice_step(7) == 2
    assert nice_step(0.9) == 0.2
    assert nice_step(0) == 1.0


def test_points_span_the_plot_and_a_missing_value_breaks_the_line():
    chart = line_chart(
        title="Gezinnen met huurachterstal",
        periods=["2024", "2025", "2026", "2027"],
        series=[Series("Gemeten", [120, None, 90, 80])],
        unit="gezinnen",
    )
    (series,) = chart.series
    assert [p.label for p in series.points] == ["2024", "2026", "2027"]
    assert series.points[0].x == chart.plot_left
    assert series.points[-1].x == chart.plot_right
    # The gap after 2024 starts a new segment: two "M" moves.
    assert series.path.count("M") == 2
    # The axis starts at zero and reaches above the highest value.
    assert chart.y_ticks[0].label == "0"
    assert max(p.y for p in series.points) <= chart.plot_bottom
    assert min(p.y for p in series.points) >= chart.plot_top


def test_the_summary_and_table_carry_every_figure():
    with translation.override("nl"):
        chart = line_chart(
            title="Bereik",
            periods=["2025", "2026"],
            series=[
                Series("Gemeten", [12.5, 14]),
                Series("Streefwaarde", [None, 15], style="target"),
            ],
            unit="%",
            decimals=1,
        )
        html = render_to_string(
            "includes/line_chart.html", {"chart": chart, "chart_id": "bereik"}
        )
    assert "Gemeten: van 12,5 % (2025) naar 14,0 % (2026)." in chart.summary
    assert chart.rows == [("2025", ["12,5", "–"]), ("2026", ["14,0", "15,0"])]
    assert 'role="img"' in html and "<title" in html
    # Coordinates are never localised (a comma would break the SVG).
    assert 'cx="56"' in html or 'cx="56.0"' in html
    assert "<rect" in html  # the target's square markers
    assert '<th scope="row">2026</th><td>14,0</td><td>15,0</td>' in html


def test_an_empty_chart_says_so():
    chart = line_chart(title="Leeg", periods=["2026"], series=[Series("x", [None])])
    assert chart.empty
    html = render_to_string(
        "includes/line_chart.html", {"chart": chart, "chart_id": "l"}
    )
    assert "Nog geen cijfers." in html and "<svg" not in html


def test_the_outer_period_labels_align_inwards():
    chart = line_chart(
        title="Voortgang",
        periods=["18-12-2025", "14-04-2026", "21-09-2026"],
        series=[Series("Voortgang", [5, 10, 25])],
    )
    assert [tick.anchor for tick in chart.x_ticks] == ["start", "middle", "end"]
