"""The terms with a frozen clock: 30 days, 14 when urgent, an extension replaces
the due date, the town's 30 days run from the submission in Brussels; a due date
on a weekend or a Belgian public holiday stays and is flagged. The overdue
selector holds exactly the overdue advice."""

import datetime

import pytest
import time_machine

from cms.bodies.models import AdviceEvent, AdviceState
from cms.bodies.selectors import overdue_advice
from cms.bodies.services import advice_transition
from cms.bodies.terms import (
    BRUSSELS,
    body_due_date,
    closed_day,
    falls_on_closed_day,
    town_due_date,
)

A = AdviceState
day = datetime.date


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("urgent", "due"), [(False, day(2026, 4, 1)), (True, day(2026, 3, 16))]
)
def test_the_body_answers_within_30_days_or_14_when_urgent(make_advice, urgent, due):
    advice = make_advice(asked_on=day(2026, 3, 2), urgent=urgent)
    assert body_due_date(advice) == due
    assert not falls_on_closed_day(due)


def test_an_extension_replaces_the_due_date(make_advice):
    advice = make_advice(asked_on=day(2026, 3, 2), extended_until=day(2026, 4, 20))
    assert body_due_date(advice) == day(2026, 4, 20)


def test_own_initiative_has_no_term_for_the_body(make_advice):
    advice = make_advice(kind="own_initiative", asked_on=None, state=A.IN_PREPARATION)
    assert body_due_date(advice) is None


def test_the_town_answers_within_30_days_of_submission(make_advice, chair):
    advice = make_advice(state=A.ADOPTED)
    assert town_due_date(advice) is None
    # 00:30 on 10 March in Brussels is still 9 March in UTC: Brussels counts.
    with time_machine.travel(at(2026, 3, 10, 0, 30), tick=False):
        advice_transition(advice=advice, to=A.SUBMITTED, by=chair)
    assert town_due_date(advice) == day(2026, 4, 9)


@pytest.mark.parametrize(
    ("asked_on", "urgent", "due", "why"),
    [
        (day(2026, 2, 5), False, day(2026, 3, 7), "zaterdag"),
        (day(2026, 4, 14), False, day(2026, 5, 14), "O. L. H. Hemelvaart"),
        (day(2026, 7, 7), True, day(2026, 7, 21), "Nationale feestdag"),
    ],
)
def test_a_due_date_on_a_closed_day_stays_and_is_flagged(
    make_advice, asked_on, urgent, due, why
):
    advice = make_advice(asked_on=asked_on, urgent=urgent)
    assert body_due_date(advice) == due
    assert falls_on_closed_day(due)
    assert closed_day(due) == why


def test_a_working_day_is_not_flagged():
    assert closed_day(day(2026, 4, 9)) is None
    assert not falls_on_closed_day(None)


def test_overdue_holds_exactly_the_overdue(make_advice):
    today = day(2026, 5, 1)
    expected = {
        make_advice(title="30 dagen, gisteren", asked_on=day(2026, 3, 31)),
        make_advice(title="dringend, gisteren", asked_on=day(2026, 4, 16), urgent=True),
        make_advice(
            title="verlengd tot gisteren",
            asked_on=day(2026, 3, 1),
            extended_until=day(2026, 4, 30),
            state=A.IN_PREPARATION,
        ),
        make_advice(
            title="goedgekeurd, niet bezorgd",
            asked_on=day(2026, 1, 5),
            state=A.ADOPTED,
        ),
    }
    on_time = {
        make_advice(title="30 dagen, vandaag", asked_on=day(2026, 4, 1)),
        make_advice(title="dringend, vandaag", asked_on=day(2026, 4, 17), urgent=True),
        make_advice(
            title="verlengd tot vandaag",
            asked_on=day(2026, 3, 1),
            extended_until=day(2026, 5, 1),
        ),
        make_advice(
            title="eigen initiatief",
            kind="own_initiative",
            asked_on=None,
            state=A.IN_PREPARATION,
        ),
        make_advice(title="beantwoord", asked_on=day(2026, 1, 5), state=A.ANSWERED),
        make_advice(title="ingetrokken", asked_on=day(2026, 1, 5), state=A.WITHDRAWN),
    }
    for title, submitted_at, late in [
        ("bezorgd, 31 dagen geleden", at(2026, 3, 31, 12, 0), True),
        ("bezorgd, net na middernacht", at(2026, 4, 1, 0, 30), False),
    ]:
        advice = make_advice(title=title, asked_on=day(2026, 3, 1), state=A.SUBMITTED)
        with time_machine.travel(submitted_at, tick=False):
            AdviceEvent.objects.create(
                advice=advice, from_state=A.ADOPTED, to_state=A.SUBMITTED
            )
        (expected if late else on_time).add(advice)

    assert set(overdue_advice(today)) == expected
    for advice in expected | on_time:  # the same terms as the functions
        due = body_due_date(advice) if advice.state != A.SUBMITTED else None
        due = due or town_due_date(advice)
        late = advice.state in {A.REQUESTED, A.IN_PREPARATION, A.ADOPTED, A.SUBMITTED}
        assert (advice in expected) == bool(late and due and due < today), advice
