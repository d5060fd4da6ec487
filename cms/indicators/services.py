"""Writes of indicator figures: a value per period, a target per year.

A value is kept per (indicator, period): recording one for a period that has one
replaces it (a corrected figure), so a repeated import or API call changes
nothing. The period is taken to the first day of its year, quarter or month after
the indicator's frequency. Refusals are Django `ValidationError`s per field, in
Dutch; the admin, the CSV import and the API show them as they are.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from cms.indicators.periods import period_start

#: Rows written per query by the bulk writes of an import.
BATCH_SIZE = 500
MIN_YEAR, MAX_YEAR = 1900, 2200
#: Decimals a value or target keeps (the columns' `decimal_places`).
DECIMALS = 4


def as_decimal(value, field: str = "value") -> Decimal:
    """A number as a Decimal, or a refusal naming `field`."""
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            number = None
    if number is None or not number.is_finite():
        raise ValidationError({field: _("Geef een getal.")}, code="invalid")
    # 12.50000 is 12.5: trailing zeros past the stored decimals are no precision.
    if number.as_tuple().exponent < -DECIMALS:
        rounded = number.quantize(Decimal(1).scaleb(-DECIMALS))
        if rounded == number:
            number = rounded
    return number


def _check_year(year: int, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        message = _("Geef een jaar van %(min)s tot %(max)s.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
        raise ValidationError({field: message}, code="invalid")


def indicator_value_prepare(
    *,
    indicator: Indicator,
    period: datetime.date,
    value,
    measured_on: datetime.date | None = None,
    note: str = "",
    existing: IndicatorValue | None = None,
) -> IndicatorValue:
    """The value as it would be saved, checked but not saved: the period taken to
    the first day of its period, the number and dates checked. `existing` is the
    row already kept for that period, if any (it is updated)."""
    period = period_start(period, indicator.frequency)
    _check_year(period.year, "period")
    number = as_decimal(value)
    row = existing or IndicatorValue(indicator=indicator, period=period)
    row.value = number
    row.measured_on = measured_on
    row.note = (note or "").strip()
    # The indicator is the object given: checking that it exists would cost a
    # query per row of an import.
    row.full_clean(
        exclude=["indicator"], validate_unique=False, validate_constraints=False
    )
    return row


@transaction.atomic
def indicator_record_value(
    *,
    indicator: Indicator,
    period: datetime.date,
    value,
    measured_on: datetime.date | None = None,
    note: str = "",
) -> tuple[IndicatorValue, bool]:
    """Record the value of `indicator` for the period holding `period`; a value
    already kept for that period is replaced. Returns the row and whether it is
    new."""
    start = period_start(period, indicator.frequency)
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period=start)
        .first()
    )
    row = indicator_value_prepare(
        indicator=indicator,
        period=start,
        value=value,
        measured_on=measured_on,
        note=note,
        existing=existing,
    )
    row.save()
    return row, existing is None


def indicator_target_prepare(
    *,
    indicator: Indicator,
    year: int,
    value,
    note: str = "",
    existing: IndicatorTarget | None = None,
) -> IndicatorTarget:
    """The target as it would be saved, checked but not saved."""
    _check_year(int(year), "year")
    row = existing or IndicatorTarget(indicator=indicator, year=int(year))
    row.value = as_decimal(value)
    row.note = (note or "").strip()
    # The indicator is the object given: checking that it exists would cost a
    # query per row of an import.
    row.full_clean(
        exclude=["indicator"], validate_unique=False, validate_constraints=False
    )
    return row


@transaction.atomic
def indicator_set_target(
    *, indicator: Indicator, year: int, value, note: str = ""
) -> tuple[IndicatorTarget, bool]:
    """Set what `indicator` should reach in `year`; a target already set for that
    year is replaced. Returns the row and whether it is new."""
    existing = (
        IndicatorTarget.objects.select_for_update()
        .filter(indicator=indicator, year=year)
        .first()
    )
    row = indicator_target_prepare(
        indicator=indicator, year=year, value=value, note=note, existing=existing
    )
    row.save()
    return row, existing is None


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0


@transaction.atomic
def indicator_rows_save(
    rows: Iterable[IndicatorValue | IndicatorTarget], *, batch_size: int = BATCH_SIZE
) -> BulkResult:
    """Save prepared values or targets (from `*_prepare`) in batches, all or
    nothing: new rows are inserted, known rows updated, a few hundred per query."""
    result = BulkResult()
    new, known = [], []
    for row in rows:
        (known if row.pk else new).append(row)
    for model, fields in (
        (IndicatorValue, ["value", "measured_on", "note"]),
        (IndicatorTarget, ["value", "note"]),
    ):
        created = [row for row in new if isinstance(row, model)]
        updated = [row for row in known if isinstance(row, model)]
        model.objects.bulk_create(created, batch_size=batch_size)
        model.objects.bulk_update(updated, fields, batch_size=batch_size)
        result.created += len(created)
        result.updated += len(updated)
    return result
