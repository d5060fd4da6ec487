"""Recording values and targets: the period is taken to the start of its year,
quarter or month; a second value for a period replaces the first; bad input is
refused in Dutch and nothing is saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cms.indicators.models import Frequency, IndicatorTarget, IndicatorValue
from cms.indicators.periods import parse_period, period_label, period_start
from cms.indicators.services import indicator_record_value, indicator_set_target
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("frequency", "day", "start", "label"),
    [
        (Frequency.YEARLY, D(2026, 8, 14), D(2026, 1, 1), "2026"),
        (Frequency.QUARTERLY, D(2026, 5, 31), D(2026, 4, 1), "2026 K2"),
        (Frequency.QUARTERLY, D(2026, 12, 1), D(2026, 10, 1), "2026 K4"),
        (Frequency.MONTHLY, D(2026, 3, 17), D(2026, 3, 1), "mrt 2026"),
    ],
)
def test_a_value_is_kept_on_the_first_day_of_its_period(frequency, day, start, label):
    indicator = IndicatorFactory(frequency=frequency)
    row, created = indicator_record_value(indicator=indicator, period=day, value="12")
    assert created and row.period == start
    assert period_start(day, frequency) == start
    assert period_label(row.period, frequency) == label


def test_a_second_value_for_the_period_replaces_the_first():
    indicator = IndicatorFactory(frequency=Frequency.QUARTERLY)
    indicator_record_value(indicator=indicator, period=D(2026, 4, 1), value=10)
    row, created = indicator_record_value(
        indicator=indicator,
        period=D(2026, 6, 30),
        value=Decimal("11.5"),
        measured_on=D(2026, 7, 3),
        note="Gecorrigeerd",
    )
    assert not created
    assert IndicatorValue.objects.count() == 1
    row.refresh_from_db()
    assert (row.value, row.measured_on, row.note) == (
        Decimal("11.5"),
        D(2026, 7, 3),
        "Gecorrigeerd",
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "veel"}, "value", "Geef een getal."),
        ({"value": "NaN"}, "value", "Geef een getal."),
        ({"value": "1.23456"}, "value", "4"),
        ({"value": "1", "measured_on": D(2025, 12, 31)}, "measured_on", "voor het"),
        ({"value": "1", "period": D(1800, 1, 1)}, "period", "Geef een jaar"),
    ],
)
def test_bad_values_are_refused_in_dutch_and_not_saved(fields, field, message):
    indicator = IndicatorFactory()
    arguments = {"indicator": indicator, "period": D(2026, 1, 1), **fields}
    with pytest.raises(ValidationError) as error:
        indicator_record_value(**arguments)
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert not IndicatorValue.objects.exists()


def test_trailing_zeros_past_four_decimals_are_no_error():
    row, _ = indicator_record_value(
        indicator=IndicatorFactory(), period=D(2026, 1, 1), value="12.50000"
    )
    assert row.value == Decimal("12.5")


def test_a_target_per_year_is_set_and_replaced():
    indicator = IndicatorFactory()
    indicator_set_target(indicator=indicator, year=2027, value=50)
    target, created = indicator_set_target(
        indicator=indicator, year=2027, value="55", note="Bijgesteld"
    )
    assert not created and target.note == "Bijgesteld"
    assert IndicatorTarget.objects.get().value == Decimal("55")
    with pytest.raises(ValidationError):
        indicator_set_target(indicator=indicator, year=12, value=1)


@pytest.mark.parametrize(
    ("text", "frequency", "start"),
    [
        ("2026", Frequency.YEARLY, D(2026, 1, 1)),
        ("2026-Q3", Frequency.QUARTERLY, D(2026, 7, 1)),
        ("2026 K2", Frequency.QUARTERLY, D(2026, 4, 1)),
        ("2026-05", Frequency.QUARTERLY, D(2026, 4, 1)),
        ("2026-05", Frequency.MONTHLY, D(2026, 5, 1)),
        ("14/11/2026", Frequency.MONTHLY, D(2026, 11, 1)),
        ("2026-11-14", Frequency.YEARLY, D(2026, 1, 1)),
    ],
)
def test_periods_are_read_as_people_write_them(text, frequency, start):
    assert parse_period(text, frequency) == start


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("2026", Frequency.QUARTERLY),
        ("2026-K2", Frequency.MONTHLY),
        ("2026-13", Frequency.MONTHLY),
        ("31/02/2026", Frequency.YEARLY),
        ("volgend jaar", Frequency.YEARLY),
        ("", Frequency.YEARLY),
    ],
)
def test_periods_that_say_too_little_are_refused(text, frequency):
    with pytest.raises(ValidationError):
        parse_period(text, frequency)
