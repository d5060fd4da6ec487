"""Opening hours in Europe/Brussels: across midnight, public holidays, exceptions."""

import datetime

import pytest
import time_machine

from cms.socialmap.opening import (
    BRUSSELS,
    Rule,
    easter_sunday,
    is_open,
    next_opening,
    public_holidays,
)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


OFFICE = [
    Rule(byday="MO,TU,WE,TH,FR", opens_at=t("09:00"), closes_at=t("12:00")),
    Rule(byday="TU,TH", opens_at=t("13:30"), closes_at=t("18:00")),
]
NIGHT_SHELTER = [
    Rule(byday="MO,TU,WE,TH,FR,SA,SU", opens_at=t("20:00"), closes_at=t("08:00"))
]
WEEKEND_NIGHT = [Rule(byday="FR", opens_at=t("19:00"), closes_at=t("01:00"))]


@pytest.mark.parametrize(
    "moment, expected",
    [
        ("2026-11-30 08:59", False),  # Monday, before opening
        ("2026-11-30 09:00", True),
        ("2026-11-30 11:59", True),
        ("2026-11-30 12:00", False),  # closing time is exclusive
        ("2026-12-01 15:00", True),  # Tuesday afternoon
        ("2026-12-02 15:00", False),  # not on Wednesday afternoon
        ("2026-12-05 10:00", False),  # Saturday
    ],
)
def test_weekly_hours(moment, expected):
    assert is_open(OFFICE, at(moment)) is expected


@pytest.mark.parametrize(
    "moment, expected",
    [
        ("2026-12-04 23:30", True),  # Friday evening
        ("2026-12-05 00:30", True),  # after midnight, still Friday's night
        ("2026-12-05 01:00", False),
        ("2026-12-05 23:30", False),  # Saturday: no rule
        ("2026-12-04 00:30", False),  # Thursday night: no rule the day before
    ],
)
def test_hours_across_midnight(moment, expected):
    assert is_open(WEEKEND_NIGHT, at(moment)) is expected


def test_a_night_shelter_is_open_every_night_and_closed_by_day():
    assert is_open(NIGHT_SHELTER, at("2026-12-01 03:00"))
    assert not is_open(NIGHT_SHELTER, at("2026-12-01 12:00"))
    assert next_opening(NIGHT_SHELTER, at("2026-12-01 12:00")) == at("2026-12-01 20:00")


def test_belgian_public_holidays():
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
    days = public_holidays(2026)
    assert datetime.date(2026, 4, 6) in days  # Easter Monday
    assert datetime.date(2026, 5, 14) in days  # Ascension
    assert datetime.date(2026, 5, 25) in days  # Whit Monday
    assert datetime.date(2026, 7, 21) in days  # national holiday
    assert datetime.date(2026, 11, 11) in days


def test_closed_on_a_public_holiday_unless_it_stays_open():
    easter_monday = at("2026-04-06 10:00")
    assert not is_open(OFFICE, easter_monday)
    assert is_open(OFFICE, easter_monday, holidays=())
    assert next_opening(OFFICE, easter_monday) == at("2026-04-07 09:00")


def test_a_night_that_starts_before_a_holiday_runs_on():
    # The shelter's night of 10 November starts on a working day and ends on
    # Armistice Day; the holiday itself has no night.
    assert is_open(NIGHT_SHELTER, at("2026-11-11 02:00"))
    assert not is_open(NIGHT_SHELTER, at("2026-11-11 21:00"))
    assert is_open(NIGHT_SHELTER, at("2026-11-11 21:00"), holidays=())


def test_a_closure_and_special_hours_replace_the_weekly_rules():
    schedules = [
        *OFFICE,
        Rule(
            valid_from=datetime.date(2026, 12, 21), valid_to=datetime.date(2026, 12, 31)
        ),
        Rule(
            valid_from=datetime.date(2026, 12, 23),
            valid_to=datetime.date(2026, 12, 23),
            opens_at=t("10:00"),
            closes_at=t("11:00"),
        ),
    ]
    assert not is_open(schedules, at("2026-12-22 10:00"))  # closed that week
    assert not is_open(schedules, at("2026-12-23 09:30"))  # special hours only
    assert is_open(schedules, at("2026-12-23 10:30"))
    assert next_opening(schedules, at("2026-12-23 12:00")) == at("2027-01-04 09:00")


def test_weekly_rules_with_a_validity_period():
    summer = [
        Rule(
            byday="SA",
            opens_at=t("10:00"),
            closes_at=t("12:00"),
            valid_from=datetime.date(2026, 7, 1),
            valid_to=datetime.date(2026, 8, 31),
        )
    ]
    assert is_open(summer, at("2026-07-04 11:00"))
    assert not is_open(summer, at("2026-09-05 11:00"))


def test_open_now_uses_brussels_time_whatever_the_clock_zone():
    # 08:30 UTC on a winter Monday is 09:30 in Brussels; in summer, 10:30.
    with time_machine.travel(
        datetime.datetime(2026, 11, 30, 8, 30, tzinfo=datetime.UTC)
    ):
        now = datetime.datetime.now(datetime.UTC)
        assert is_open(OFFICE, now)
    summer_morning = datetime.datetime(2026, 6, 1, 6, 30, tzinfo=datetime.UTC)
    assert not is_open(OFFICE, summer_morning)  # 08:30 in Brussels
    assert is_open(OFFICE, summer_morning + datetime.timedelta(hours=1))


def test_across_the_change_to_summer_time():
    # The night of 28-29 March 2026 is an hour shorter; the shelter still closes
    # at 08:00 local time.
    assert is_open(NIGHT_SHELTER, at("2026-03-29 07:30"))
    assert not is_open(NIGHT_SHELTER, at("2026-03-29 08:00"))


def test_no_next_opening_without_hours():
    assert next_opening([], at("2026-12-01 10:00")) is None
