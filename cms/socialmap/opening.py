"""Opening hours as pure functions: is a service open at a moment, and when does it
open next. Times are wall-clock times in Europe/Brussels.

A schedule is anything with `byday`, `opens_at`, `closes_at`, `valid_from` and
`valid_to` (the `Schedule` model, or `Rule` in tests and imports):

- a weekly rule has `byday` ("MO,WE") and hours; a closing time at or before the
  opening time runs into the next day (a night shelter open 20:00-08:00);
- an exception has no `byday` but dates: with hours it replaces the weekly rules on
  those days, without hours it closes the service on those days;
- on a public holiday the weekly rules do not apply (pass `holidays=()` for a
  service that stays open), but an exception with hours on that day does.
"""

import datetime
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy

BRUSSELS = ZoneInfo("Europe/Brussels")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: The Dutch name of each weekday code, as pages and review lines show it.
DAY_NAMES = {
    "MO": gettext_lazy("maandag"),
    "TU": gettext_lazy("dinsdag"),
    "WE": gettext_lazy("woensdag"),
    "TH": gettext_lazy("donderdag"),
    "FR": gettext_lazy("vrijdag"),
    "SA": gettext_lazy("zaterdag"),
    "SU": gettext_lazy("zondag"),
}
Interval = tuple[datetime.datetime, datetime.datetime]


@dataclass(frozen=True)
class Rule:
    byday: str = ""
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[datetime.date]:
    """The ten Belgian public holidays of a year (with Easter and Whit Sunday)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [0, 1, 39, 49, 50]  # Easter, Easter Monday, Ascension, Whitsun, Monday
    return frozenset(
        [datetime.date(year, month, day) for month, day in fixed]
        + [easter + datetime.timedelta(days=offset) for offset in moving]
    )


class BelgianHolidays:
    """The public holidays of every year, as a container of dates."""

    def __contains__(self, day) -> bool:
        return day in public_holidays(day.year)


BELGIAN_HOLIDAYS = BelgianHolidays()


def _days(rule) -> list[str]:
    return [
        day for day in (rule.byday or "").replace(" ", "").upper().split(",") if day
    ]


def _valid_on(rule, day: datetime.date) -> bool:
    return (rule.valid_from is None or rule.valid_from <= day) and (
        rule.valid_to is None or day <= rule.valid_to
    )


def _interval(day: datetime.date, rule) -> Interval:
    start = datetime.datetime.combine(day, rule.opens_at, tzinfo=BRUSSELS)
    end_day = (
        day + datetime.timedelta(days=1) if rule.closes_at <= rule.opens_at else day
    )
    end = datetime.datetime.combine(end_day, rule.closes_at, tzinfo=BRUSSELS)
    return start, end


def rules_on(schedules: Iterable, day: datetime.date, *, holidays=None) -> list:
    """The rules that give the hours starting on `day`: its exceptions if it has
    any, else none on a holiday, else the weekly rules for its weekday."""
    holidays = BELGIAN_HOLIDAYS if holidays is None else holidays
    schedules = list(schedules)
    exceptions = [
        rule
        for rule in schedules
        if not _days(rule) and rule.valid_from is not None and _valid_on(rule, day)
    ]
    if exceptions:
        return [rule for rule in exceptions if rule.opens_at and rule.closes_at]
    if day in holidays:
        return []
    weekday = WEEKDAYS[day.weekday()]
    return [
        rule
        for rule in schedules
        if weekday in _days(rule)
        and rule.opens_at
        and rule.closes_at
        and _valid_on(rule, day)
    ]


def intervals_on(
    schedules: Iterable, day: datetime.date, *, holidays: Container | None = None
) -> list[Interval]:
    """The opening intervals that start on `day`, in order."""
    return sorted(
        _interval(day, rule) for rule in rules_on(schedules, day, holidays=holidays)
    )


def _local(at: datetime.datetime) -> datetime.datetime:
    if at.tzinfo is None:
        return at.replace(tzinfo=BRUSSELS)
    return at.astimezone(BRUSSELS)


def current_interval(
    schedules: Iterable, at: datetime.datetime, *, holidays: Container | None = None
) -> Interval | None:
    """The interval `at` falls in (it may have started the day before), if any."""
    schedules = list(schedules)
    local = _local(at)
    for day in (local.date() - datetime.timedelta(days=1), local.date()):
        for start, end in intervals_on(schedules, day, holidays=holidays):
            if start <= local < end:
                return start, end
    return None


def is_open(
    schedules: Iterable, at: datetime.datetime, *, holidays: Container | None = None
) -> bool:
    """Whether the service is open at `at` (aware, or naive in Brussels time)."""
    return current_interval(schedules, at, holidays=holidays) is not None


def next_opening(
    schedules: Iterable,
    at: datetime.datetime,
    *,
    holidays: Container | None = None,
    horizon_days: int = 62,
) -> datetime.datetime | None:
    """The next moment after `at` at which the service opens, within the horizon."""
    schedules = list(schedules)
    local = _local(at)
    for offset in range(horizon_days + 1):
        day = local.date() + datetime.timedelta(days=offset)
        for start, _end in intervals_on(schedules, day, holidays=holidays):
            if start > local:
                return start
    return None


def weekly_hours(schedules: Iterable, on: datetime.date) -> list[tuple[str, list]]:
    """The regular hours valid on `on`, per weekday: [("MO", [(opens, closes)]), ...]
    for showing a week at a glance."""
    schedules = [rule for rule in schedules if _days(rule) and _valid_on(rule, on)]
    week = []
    for weekday in WEEKDAYS:
        hours = sorted(
            (rule.opens_at, rule.closes_at)
            for rule in schedules
            if weekday in _days(rule) and rule.opens_at and rule.closes_at
        )
        week.append((weekday, hours))
    return week
