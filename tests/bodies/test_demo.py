"""The demo bodies: the four of Wilgendonk with their members, meetings with
agendas, attendance and minutes in each state, advice in every state with a real
timeline (one overdue, one urgent, one answered per recommendation), chaired by
partner@demo.lokaal; and a second run adds nothing."""

import time

import pytest
from django.utils import timezone

from cms.bodies.demo import ensure_bodies
from cms.bodies.models import (
    Advice,
    AdviceEvent,
    AdviceState,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    MemberRole,
    MinutesState,
    Recommendation,
    RecommendationAnswer,
)
from cms.bodies.selectors import overdue_advice
from cms.bodies.terms import town_due_date
from portal.access.bodies import in_workspace
from portal.models import User
from tests.conftest import demo_loaded

pytestmark = pytest.mark.django_db

NAMES = {
    "Werkgroep Welzijn",
    "Stuurgroep Lokaal Sociaal Beleid",
    "Regisseursoverleg",
    "Forum Welzijn",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Body,
            BodyMember,
            Meeting,
            AgendaItem,
            Attendance,
            Advice,
            Recommendation,
            AdviceEvent,
        )
    }


def test_the_four_bodies_of_wilgendonk(demo):
    bodies = {body.name: body for body in Body.objects.all()}
    assert set(bodies) == NAMES
    assert {name for name, body in bodies.items() if body.is_public} == {
        "Werkgroep Welzijn",
        "Forum Welzijn",
    }
    assert bodies["Werkgroep Welzijn"].gives_advice
    civil_servant = User.objects.get(email="ambtenaar@demo.lokaal")
    assert {body.contact_civil_servant for body in bodies.values()} == {civil_servant}
    for body in bodies.values():
        assert body.members.filter(organisation__isnull=False).count() >= 2
        assert body.life_domains.exists()


def test_partner_chairs_the_working_group_and_partner2_observes(demo):
    group = Body.objects.get(name="Werkgroep Welzijn")
    chair = group.members.get(role=MemberRole.CHAIR)
    assert chair.user.email == "partner@demo.lokaal"
    assert chair.organisation.name == "De Brugwachter vzw"
    observer = group.members.get(role=MemberRole.OBSERVER)
    assert observer.user.email == "partner2@demo.lokaal"
    assert group.members.filter(role=MemberRole.SECRETARY).exists()
    assert group.members.filter(end_date__lt=timezone.localdate()).exists()
    forum = Body.objects.get(name="Forum Welzijn")
    assert forum.members.get(role=MemberRole.SECRETARY).user.email == (
        "partner2@demo.lokaal"
    )
    # partner2 holds no seat in the closed bodies: their workspace stays shut.
    partner2 = User.objects.get(email="partner2@demo.lokaal")
    closed = Body.objects.filter(is_public=False)
    assert closed.count() == 2
    assert not any(in_workspace(partner2, body.pk) for body in closed)


def test_meetings_past_and_upcoming_with_agendas_attendance_and_minutes(demo):
    now = timezone.now()
    for body in Body.objects.all():
        assert body.meetings.filter(starts_at__lt=now).exists(), body
        assert body.meetings.filter(starts_at__gt=now).exists(), body
        assert AgendaItem.objects.filter(meeting__body=body).exists(), body
    past = Meeting.objects.filter(starts_at__lt=now)
    assert all(meeting.attendances.exists() for meeting in past)
    assert Attendance.objects.values("status").distinct().count() == 3
    assert set(past.values_list("minutes_state", flat=True)) == set(MinutesState.values)
    items = AgendaItem.objects.all()
    assert items.filter(signal__isnull=False).exists()
    assert items.filter(goal__isnull=False).exists()
    assert items.filter(advice__isnull=False).exists()
    forum = Meeting.objects.filter(body__name="Forum Welzijn", is_public=True)
    assert forum.filter(starts_at__gt=now).count() == 1


def test_advice_in_every_state_with_its_timeline(demo):
    advice = Advice.objects.all()
    assert set(advice.values_list("state", flat=True)) == set(AdviceState.values)
    for item in advice:
        events = list(item.events.all())
        assert events[0].kind == AdviceEvent.Kind.CREATED
        steps = [e.to_state for e in events if e.kind != AdviceEvent.Kind.ANSWER]
        assert steps[-1] == item.state
    assert advice.filter(urgent=True).count() == 1
    assert advice.filter(published=True).exists()
    assert advice.filter(kind="own_initiative").exists()


def test_exactly_one_advice_is_overdue_the_town_s_answer(demo):
    today = timezone.localdate()
    overdue = list(overdue_advice(today))
    assert len(overdue) == 1
    assert overdue[0].state == AdviceState.SUBMITTED
    assert town_due_date(overdue[0]) < today


def test_the_answered_advice_has_three_answers_with_reasons(demo):
    answered = Advice.objects.get(state=AdviceState.ANSWERED)
    answers = list(answered.recommendations.values_list("answer", "answer_reason"))
    assert [answer for answer, _reason in answers] == [
        RecommendationAnswer.TAKEN_OVER,
        RecommendationAnswer.PARTLY,
        RecommendationAnswer.NOT_TAKEN_OVER,
    ]
    assert all(reason for answer, reason in answers if answer != "taken_over")
    assert answered.published


def test_a_second_run_adds_nothing_and_is_quick(demo):
    users = {user.email: user for user in User.objects.all()}
    before = counts()
    started = time.monotonic()
    assert ensure_bodies(users=users) == 0
    assert time.monotonic() - started < 1
    assert counts() == before
