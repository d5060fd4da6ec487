"""Line charts drawn on the server as SVG, with the same figures as a table.

Indicator pages (values against targets) and goal pages (progress over time) show a
line chart. It is drawn here, as plain SVG geometry a template writes out
(`includes/line_chart.html`): no script, nothing for the content security policy
to allow, readable by a screen reader through the figure's title, its summary and
the table beside it, and printable. Chart libraries for Python (matplotlib, pygal)
draw images or SVG with inline styles and no table alternative; the geometry of a
few lines is small enough to own.

The x axis is categorical: the periods in order, equally spaced (a year, a quarter
or a report date), so a gap in the data stays a gap and never a slope.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from math import floor, log10

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# The drawing's coordinate system (the SVG scales to its container's width).
WIDTH = 640
HEIGHT = 280
LEFT = 56
RIGHT = 16
TOP = 16
BOTTOM = 40
#: How many x labels at most, so they never overlap on a phone.
MAX_X_LABELS = 8


@dataclass(frozen=True)
class Series:
    """One line: a name for the legend and the table, and a value (or None) for
    each period of the chart. `style` is "line" (solid, round markers) or
    "target" (dashed, square markers): told apart by shape, not only by colour."""

    name: str
    values: list[float | Decimal | int | None]
    style: str = "line"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # the period
    value: str  # the formatted value

    @property
    def corner_x(self) -> float:
        """The left edge of a square marker centred on the point."""
        return round(self.x - 4, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class DrawnSeries:
    name: str
    style: str
    points: list[Point]
    #: SVG path data, one segment per run of periods with a value.
    path: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    #: SVG text-anchor: the outer x labels align inwards, so none is cut off.
    anchor: str = "middle"


@dataclass
class LineChart:
    """Everything `includes/line_chart.html` draws and tabulates."""

    title: str
    unit: str
    periods: list[str]
    series: list[DrawnSeries]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    #: The table alternative: one row per period, a formatted cell per series.
    rows: list[tuple[str, list[str]]]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    empty: bool = field(default=False)


def _format(value, decimals: int) -> str:
    if value is None:
        return "–"
    return number_format(round(Decimal(str(value)), decimals), decimals, use_l10n=True)


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that divides `span` into
    about `ticks` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** floor(log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _y_range(values: list[float]) -> tuple[float, float, float]:
    low, high = min(values), max(values)
    # Quantities and percentages start at zero; a chart of only negative values
    # or far from zero may start elsewhere.
    if 0 <= low <= high * 0.8 + 1e-9 or low == high == 0:
        low = 0.0
    if low == high:
        high = low + 1
    step = nice_step(high - low)
    bottom = floor(low / step) * step
    top = bottom
    while top < high - 1e-9:
        top += step
    return bottom, top, step


def line_chart(
    *,
    title: str,
    periods: list[str],
    series: list[Series],
    unit: str = "",
    decimals: int = 0,
) -> LineChart:
    """The chart of `series` over `periods` (labels in order). Each series has one
    value per period; None leaves a gap."""
    known = [float(v) for s in series for v in s.values if v is not None]
    rows = [
        (period, [_format(s.values[i], decimals) for s in series])
        for i, period in enumerate(periods)
    ]
    if not known or not periods:
        return LineChart(
            title=title,
            unit=unit,
            periods=periods,
            series=[],
            y_ticks=[],
            x_ticks=[],
            rows=rows,
            summary="",
            empty=True,
        )
    bottom, top, step = _y_range(known)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x_at(index: int) -> float:
        if len(periods) == 1:
            return LEFT + plot_width / 2
        return round(LEFT + plot_width * index / (len(periods) - 1), 1)

    def y_at(value: float) -> float:
        return round(TOP + plot_height * (1 - (value - bottom) / (top - bottom)), 1)

    drawn = []
    for s in series:
        points, path, pen_down = [], [], False
        for index, value in enumerate(s.values):
            if value is None:
                pen_down = False
                continue
            point = Point(
                x_at(index),
                y_at(float(value)),
                periods[index],
                _format(value, decimals),
            )
            points.append(point)
            path.append(f"{'L' if pen_down else 'M'}{point.x} {point.y}")
            pen_down = True
        drawn.append(DrawnSeries(s.name, s.style, points, " ".join(path)))

    y_ticks = []
    tick = bottom
    while tick <= top + 1e-9:
        y_ticks.append(Tick(y_at(tick), _format(tick, _tick_decimals(step))))
        tick += step
    every = max(1, -(-len(periods) // MAX_X_LABELS))
    last = len(periods) - 1
    x_ticks = [
        Tick(
            x_at(index),
            period,
            "middle" if last == 0 else {0: "start", last: "end"}.get(index, "middle"),
        )
        for index, period in enumerate(periods)
        if index % every == 0 or index == last
    ]
    return LineChart(
        title=title,
        unit=unit,
        periods=periods,
        series=drawn,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        rows=rows,
        summary=_summary(drawn, unit),
    )


def _tick_decimals(step: float) -> int:
    if step >= 1 and float(step).is_integer():
        return 0
    return max(0, -floor(log10(step))) + (1 if step * 10 % 1 else 0)


def _summary(series: list[DrawnSeries], unit: str) -> str:
    """One sentence per line for a screen reader: from where to where."""
    parts = []
    suffix = f" {unit}" if unit else ""
    for s in series:
        if not s.points:
            continue
        first, last = s.points[0], s.points[-1]
        values = {
            "name": s.name,
            "first": f"{first.value}{suffix}",
            "first_period": first.label,
            "last": f"{last.value}{suffix}",
            "last_period": last.label,
        }
        if first is last:
            parts.append(_("%(name)s: %(last)s (%(last_period)s).") % values)
        else:
            parts.append(
                _(
                    "%(name)s: van %(first)s (%(first_period)s) "
                    "naar %(last)s (%(last_period)s)."
                )
                % values
            )
    return " ".join(parts)
