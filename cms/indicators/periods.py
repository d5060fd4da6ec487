"""Periods of an indicator: a year, a quarter or a month, stored as its first day.

Everything that reads a period from people (the admin, the CSV import, the API)
and everything that shows one (pages, charts, the API) goes through these
functions, so "2026 K2" always means 1 April 2026 for a quarterly indicator.
"""

import datetime
import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.indicators.models import Frequency

MONTH_ABBREVIATIONS = [
    gettext_lazy("jan"),
    gettext_lazy("feb"),
    gettext_lazy("mrt"),
    gettext_lazy("apr"),
    gettext_lazy("mei"),
    gettext_lazy("jun"),
    gettext_lazy("jul"),
    gettext_lazy("aug"),
    gettext_lazy("sep"),
    gettext_lazy("okt"),
    gettext_lazy("nov"),
    gettext_lazy("dec"),
]

#: How many months one period of each frequency spans.
MONTHS = {Frequency.YEARLY: 12, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[QqKk]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BELGIAN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The first day of the year, quarter or month that holds `day`."""
    months = MONTHS[Frequency(frequency)]
    month = months * ((day.month - 1) // months) + 1
    return datetime.date(day.year, month, 1)


def next_period(period: datetime.date, frequency: str) -> datetime.date:
    """The first day of the period after `period`."""
    month = period.month - 1 + MONTHS[Frequency(frequency)]
    return datetime.date(period.year + month // 12, month % 12 + 1, 1)


def periods_between(
    first: datetime.date, last: datetime.date, frequency: str
) -> Iterator[datetime.date]:
    """Every period from the one holding `first` to the one holding `last`."""
    period, end = period_start(first, frequency), period_start(last, frequency)
    while period <= end:
        yield period
        period = next_period(period, frequency)


def last_period_of_year(year: int, frequency: str) -> datetime.date:
    """The last period of a year: where a target for that year is due."""
    return period_start(datetime.date(year, 12, 31), frequency)


def period_label(period: datetime.date, frequency: str) -> str:
    """How a period reads: "2026", "2026 K2" or "mrt 2026"."""
    frequency = Frequency(frequency)
    if frequency == Frequency.QUARTERLY:
        return f"{period.year} K{(period.month - 1) // 3 + 1}"
    if frequency == Frequency.MONTHLY:
        return f"{MONTH_ABBREVIATIONS[period.month - 1]} {period.year}"
    return str(period.year)


def parse_date(text: str) -> datetime.date:
    """A day written as 2026-03-31 or 31/03/2026 (also 31-03-2026, 31.03.2026)."""
    text = (text or "").strip()
    match = _ISO_DATE.match(text)
    try:
        if match:
            return datetime.date(*(int(part) for part in match.groups()))
        match = _BELGIAN_DATE.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        pass
    raise ValidationError(
        _("'%(text)s' is geen geldige datum (schrijf 2026-03-31 of 31/03/2026).")
        % {"text": text},
        code="invalid_date",
    )


def parse_period(text: str, frequency: str) -> datetime.date:
    """The period a person wrote (2026, 2026-Q2 or 2026-K2, 2026-03, or a day), for
    an indicator of `frequency`. A finer period than the frequency is taken to the
    period that holds it; a coarser one (a year for a quarterly indicator) is
    refused, since it does not say which quarter."""
    text = (text or "").strip()
    frequency = Frequency(frequency)
    if not text:
        raise ValidationError(_("Geef een periode."), code="required")
    if match := _YEAR.match(text):
        if frequency != Frequency.YEARLY:
            raise _too_coarse(text, frequency)
        return datetime.date(int(match.group(1)), 1, 1)
    if match := _QUARTER.match(text):
        if frequency == Frequency.MONTHLY:
            raise _too_coarse(text, frequency)
        year, quarter = int(match.group(1)), int(match.group(2))
        return period_start(datetime.date(year, 3 * quarter - 2, 1), frequency)
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValidationError(
                _("'%(text)s': een maand loopt van 01 tot 12.") % {"text": text},
                code="invalid_period",
            )
        return period_start(datetime.date(year, month, 1), frequency)
    if _ISO_DATE.match(text) or _BELGIAN_DATE.match(text):
        return period_start(parse_date(text), frequency)
    raise ValidationError(
        _(
            "'%(text)s' is geen periode: schrijf een jaar (2026), een kwartaal "
            "(2026-K2), een maand (2026-03) of een datum."
        )
        % {"text": text},
        code="invalid_period",
    )


def _too_coarse(text: str, frequency: str) -> ValidationError:
    example = "2026-K2" if frequency == Frequency.QUARTERLY else "2026-03"
    return ValidationError(
        _(
            "'%(text)s' is te ruim voor een indicator die %(frequency)s gemeten "
            "wordt: schrijf bijvoorbeeld %(example)s."
        )
        % {
            "text": text,
            "frequency": Frequency(frequency).label,
            "example": example,
        },
        code="invalid_period",
    )
