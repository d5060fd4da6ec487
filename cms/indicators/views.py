"""/indicatoren/: the indicators a visitor may see, grouped by life domain, and
one indicator with its chart, values, targets and goals. An indicator the
visitor may not see answers 404, as if it did not exist."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cms.indicators.charts import indicator_chart
from cms.indicators.selectors import (
    goals_of_indicator,
    indicator_summary,
    indicators_by_life_domain,
    indicators_for,
)


def indicator_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/indicator_list.html",
        {"groups": indicators_by_life_domain(request.user)},
    )


def indicator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(indicators_for(request.user), slug=slug)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "summary": indicator_summary(indicator),
            "chart": indicator_chart(indicator),
            "values": sorted(
                indicator.values.all(), key=lambda row: row.period, reverse=True
            ),
            "targets": sorted(indicator.targets.all(), key=lambda row: row.year),
            "goals": goals_of_indicator(request.user, indicator),
        },
    )
