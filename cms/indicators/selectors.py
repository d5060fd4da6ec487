"""Reads of indicators, filtered by who is asking (`portal.access.indicators`),
and what a reader makes of the figures: the latest value, which way it moves and
whether that is the way the indicator should go."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.indicators.models import (
    Direction,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from cms.indicators.periods import period_label
from cms.models import Goal
from cms.selectors import goals_visible_to
from portal.access import indicators_visible_to

__all__ = [
    "IndicatorSummary",
    "Outlook",
    "Trend",
    "goals_of_indicator",
    "indicator_summary",
    "indicators_by_life_domain",
    "indicators_for",
    "period_label",
    "values_by_period",
]


class Trend(models.TextChoices):
    """How the latest value compares with the one before."""

    UP = "up", _("stijgt")
    DOWN = "down", _("daalt")
    FLAT = "flat", _("blijft gelijk")


class Outlook(models.TextChoices):
    """Whether the figures go the way the indicator should go (its direction),
    in words: a colour never says it alone."""

    REACHED = "reached", _("streefwaarde gehaald")
    GOOD = "good", _("gaat de goede kant op")
    BAD = "bad", _("gaat de verkeerde kant op")

    @property
    def tone(self) -> str:
        """The badge modifier that goes with the words."""
        return "warning" if self == Outlook.BAD else "success"


def indicators_for(user) -> QuerySet[Indicator]:
    """The indicators this user may see, with their life domain, values and
    targets loaded (goals are read through `goals_of_indicator`, which applies the
    plans' audience)."""
    return indicators_visible_to(
        user,
        Indicator.objects.select_related("life_domain").prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("period")),
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
        ),
    )


def values_by_period(indicator: Indicator) -> dict[datetime.date, IndicatorValue]:
    """The indicator's values keyed on the first day of their period, in order."""
    return {value.period: value for value in _values(indicator)}


def goals_of_indicator(user, indicator: Indicator) -> QuerySet[Goal]:
    """The goals an indicator informs, of the plans this user may see."""
    return (
        goals_visible_to(user)
        .filter(indicators=indicator)
        .select_related("plan")
        .order_by("plan__title", "sort_order", "code")
    )


def _values(indicator: Indicator) -> list[IndicatorValue]:
    return sorted(indicator.values.all(), key=lambda value: value.period)


def _targets(indicator: Indicator) -> list[IndicatorTarget]:
    return sorted(indicator.targets.all(), key=lambda target: target.year)


@dataclass(frozen=True)
class IndicatorSummary:
    """What a list of indicators shows of each: the latest value, the target it
    is measured against, the trend and the outlook (None when there is nothing to
    say: no figures yet, or an indicator without a direction)."""

    indicator: Indicator
    latest: IndicatorValue | None
    previous: IndicatorValue | None
    target: IndicatorTarget | None
    trend: Trend | None
    outlook: Outlook | None

    @property
    def latest_label(self) -> str:
        if self.latest is None:
            return ""
        return period_label(self.latest.period, self.indicator.frequency)


def relevant_target(
    targets: list[IndicatorTarget], year: int
) -> IndicatorTarget | None:
    """The target a value of `year` is measured against: that year's, else the
    next one set, else the last one before."""
    if not targets:
        return None
    for target in targets:
        if target.year >= year:
            return target
    return targets[-1]


def _trend(latest, previous) -> Trend | None:
    if latest is None or previous is None:
        return None
    if latest.value > previous.value:
        return Trend.UP
    if latest.value < previous.value:
        return Trend.DOWN
    return Trend.FLAT


def _outlook(direction, latest, trend, target) -> Outlook | None:
    if latest is None or direction == Direction.NONE:
        return None
    good = Trend.UP if direction == Direction.UP else Trend.DOWN
    if target is not None:
        reached = (
            latest.value >= target.value
            if direction == Direction.UP
            else latest.value <= target.value
        )
        if reached:
            return Outlook.REACHED
    if trend is None or trend == Trend.FLAT:
        return None
    return Outlook.GOOD if trend == good else Outlook.BAD


def indicator_summary(indicator: Indicator) -> IndicatorSummary:
    """The latest value against its target, and which way it moves."""
    values = _values(indicator)
    latest = values[-1] if values else None
    previous = values[-2] if len(values) > 1 else None
    target = relevant_target(
        _targets(indicator),
        latest.period.year if latest else timezone.localdate().year,
    )
    trend = _trend(latest, previous)
    return IndicatorSummary(
        indicator=indicator,
        latest=latest,
        previous=previous,
        target=target,
        trend=trend,
        outlook=_outlook(indicator.direction, latest, trend, target),
    )


@dataclass(frozen=True)
class LifeDomainGroup:
    name: str
    slug: str
    summaries: list[IndicatorSummary]


def indicators_by_life_domain(user) -> list[LifeDomainGroup]:
    """The indicators this user may see, summarised and grouped by life domain
    (in the domains' order; indicators without one last)."""
    groups: dict = defaultdict(list)
    for indicator in indicators_for(user):
        groups[indicator.life_domain].append(indicator_summary(indicator))
    ordered = sorted(
        groups.items(),
        key=lambda item: (
            item[0] is None,
            (item[0].sort_order, item[0].name) if item[0] else (0, ""),
        ),
    )
    return [
        LifeDomainGroup(
            name=str(domain.name) if domain else str(_("Overige indicatoren")),
            slug=domain.slug if domain else "overige",
            summaries=summaries,
        )
        for domain, summaries in ordered
    ]
