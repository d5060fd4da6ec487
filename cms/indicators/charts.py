"""An indicator's values against its targets, as the portal's line chart
(`portal.charts`).

The x axis runs over every period of the indicator's frequency, from the first
value or target to the last, so a missing figure leaves a gap. A target is set
per year and is what the figure should be by the end of that year: on a
quarterly or monthly indicator it stands on the year's last period (Q4,
December), as a square marker; on a yearly one the targets join into a dashed
line.
"""

from django.utils.translation import gettext as _

from cms.indicators.models import Indicator
from cms.indicators.periods import last_period_of_year, period_label, periods_between
from portal.charts import LineChart, Series, line_chart


def indicator_chart(indicator: Indicator) -> LineChart:
    """The chart (and its table) of an indicator's values and targets."""
    values = {value.period: value.value for value in indicator.values.all()}
    frequency = indicator.frequency
    targets = {
        last_period_of_year(target.year, frequency): target.value
        for target in indicator.targets.all()
    }
    known = sorted({*values, *targets})
    periods = list(periods_between(known[0], known[-1], frequency)) if known else []
    series = [Series(_("Gemeten"), [values.get(period) for period in periods])]
    if targets:
        series.append(
            Series(
                _("Streefwaarde"),
                [targets.get(period) for period in periods],
                style="target",
            )
        )
    return line_chart(
        title=indicator.name,
        periods=[period_label(period, frequency) for period in periods],
        series=series,
        unit=indicator.unit,
        decimals=indicator.decimals,
    )
