"""Which goals are not updated in time (cms.staleness), and the dashboards that list
them, with a frozen clock."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import Goal, GoalLevel
from cms.services import goal_report_progress
from cms.staleness import add_months, goals_due_soon, stale_goals, update_due_date
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db

REPORTED_ON = datetime.date(2026, 3, 10)
DUE_ON = datetime.date(2026, 9, 10)  # six months later


@pytest.fixture
def owner():
    return MembershipFactory()


@pytest.fixture
def plan(home):
    return PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")


def owned_goal(plan, owner, code="TD 1", **kwargs) -> Goal:
    return GoalFactory(
        plan=plan,
        level=GoalLevel.TACTICAL,
        code=code,
        title=f"Doelstelling {code}",
        status=goal_status("lopend"),
        lead_organisation=owner.organisation,
        **kwargs,
    )


@pytest.fixture
def goal(plan, owner):
    goal = owned_goal(plan, owner)
    goal_report_progress(goal=goal, status=goal_status("lopend"), date=REPORTED_ON)
    return goal


def codes(goals) -> list[str]:
    return [goal.code for goal in goals]


def test_months_are_added_to_the_last_day_a_month_has():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 3, 10), 6) == datetime.date(2026, 9, 10)
    assert add_months(datetime.date(2026, 3, 10), -3) == datetime.date(2025, 12, 10)


def test_the_due_date_is_the_last_report_plus_the_interval(goal):
    assert update_due_date(goal) == DUE_ON
    goal_report_progress(
        goal=goal, status=goal_status("lopend"), date=datetime.date(2026, 5, 1)
    )
    assert update_due_date(goal) == datetime.date(2026, 11, 1)


def test_due_on_the_day_is_not_stale_yet_and_the_day_after_it_is(goal):
    assert stale_goals(Goal.objects.all(), today=DUE_ON) == []
    assert codes(goals_due_soon(Goal.objects.all(), today=DUE_ON)) == ["TD 1"]

    stale = stale_goals(Goal.objects.all(), today=DUE_ON + datetime.timedelta(days=1))

    assert codes(stale) == ["TD 1"]
    assert (stale[0].last_report_date, stale[0].due_date) == (REPORTED_ON, DUE_ON)


def test_the_clock_decides_without_a_today(goal):
    with time_machine.travel(datetime.datetime(2026, 9, 11, 8, 0), tick=False):
        assert codes(stale_goals(Goal.objects.all())) == ["TD 1"]
    with time_machine.travel(datetime.datetime(2026, 9, 10, 8, 0), tick=False):
        assert stale_goals(Goal.objects.all()) == []


def test_due_soon_looks_fourteen_days_ahead(goal):
    assert not goals_due_soon(Goal.objects.all(), today=DUE_ON - datetime.timedelta(15))
    assert codes(
        goals_due_soon(Goal.objects.all(), today=DUE_ON - datetime.timedelta(14))
    ) == ["TD 1"]
    assert not goals_due_soon(
        Goal.objects.all(), today=DUE_ON - datetime.timedelta(14), days=13
    )


def test_a_new_report_makes_the_goal_fresh(goal):
    later = DUE_ON + datetime.timedelta(days=5)
    assert stale_goals(Goal.objects.all(), today=later)
    goal_report_progress(goal=goal, status=goal_status("vertraagd"), date=later)
    assert stale_goals(Goal.objects.all(), today=later) == []


@pytest.mark.parametrize("slug", ["gerealiseerd", "stopgezet"])
def test_closed_goals_are_never_stale(goal, slug):
    goal_report_progress(goal=goal, status=goal_status(slug), date=REPORTED_ON)
    assert stale_goals(Goal.objects.all(), today=datetime.date(2030, 1, 1)) == []


def test_the_plan_interval_decides(goal, plan):
    plan.update_interval_months = 3
    plan.save()
    assert codes(stale_goals(Goal.objects.all(), today=datetime.date(2026, 6, 11)))
    assert stale_goals(Goal.objects.all(), today=datetime.date(2026, 6, 10)) == []

    plan.update_interval_months = 12
    plan.save()
    assert stale_goals(Goal.objects.all(), today=datetime.date(2027, 3, 10)) == []
    assert codes(stale_goals(Goal.objects.all(), today=datetime.date(2027, 3, 11)))


def test_without_reports_the_later_start_counts(plan, owner):
    from_plan = owned_goal(plan, owner, code="TD 2")
    from_goal = owned_goal(
        plan, owner, code="TD 3", start_date=datetime.date(2026, 4, 15)
    )
    assert update_due_date(from_plan) == datetime.date(2026, 7, 1)
    assert update_due_date(from_goal) == datetime.date(2026, 10, 15)
    assert codes(stale_goals(Goal.objects.all(), today=datetime.date(2026, 8, 1))) == [
        "TD 2"
    ]


def test_goals_not_started_unowned_or_in_a_draft_page_do_not_count(home, plan, owner):
    owned_goal(plan, owner, code="TD 2", start_date=datetime.date(2027, 1, 1))
    GoalFactory(plan=plan, code="TD 3", lead_organisation=None)  # nobody reports
    hidden_plan = PolicyPlanPageFactory(parent=home, live=False)
    owned_goal(hidden_plan, owner, code="TD 4")
    with_contact = GoalFactory(plan=plan, code="TD 5")
    with_contact.contact_persons.add(UserFactory())

    assert codes(stale_goals(Goal.objects.all(), today=datetime.date(2026, 12, 1))) == [
        "TD 5"
    ]


def test_one_query_for_many_goals(plan, owner):
    for number in range(8):
        goal = owned_goal(plan, owner, code=f"OD {number}")
        goal_report_progress(goal=goal, status=goal_status("lopend"), date=REPORTED_ON)
    with CaptureQueriesContext(connection) as queries:
        stale = stale_goals(Goal.objects.all(), today=datetime.date(2027, 1, 1))
        [(goal.plan.title, goal.lead_organisation.name) for goal in stale]
    assert len(stale) == 8
    assert len(queries) == 1


# Dashboards ---------------------------------------------------------------------


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_partner_dashboard_lists_stale_and_due_goals_with_their_link(
    plan, owner, goal
):
    soon = owned_goal(plan, owner, code="TD 2")
    goal_report_progress(
        goal=soon, status=goal_status("lopend"), date=datetime.date(2026, 3, 20)
    )
    other = MembershipFactory()
    owned_goal(plan, other, code="TD 9")  # stale too, of another organisation

    with time_machine.travel(datetime.datetime(2026, 9, 12, 9, 0), tick=False):
        page = client_of(owner.user).get("/partners/").content.decode()

    assert "Niet tijdig bijgewerkt" in page and "Binnenkort te melden" in page
    assert reverse("partners:goal_report", args=[goal.pk]) in page
    assert reverse("partners:goal_report", args=[soon.pk]) in page
    assert "10 september 2026" in page and "20 september 2026" in page
    assert "TD 9" not in page


def test_a_partner_without_stale_goals_is_told_so(goal, owner):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, 0), tick=False):
        page = client_of(owner.user).get("/partners/").content.decode()
    assert "Niet tijdig bijgewerkt" not in page
    assert "De voortgang van de doelstellingen van je organisatie is bijgewerkt" in page


def test_the_intranet_dashboard_lists_every_stale_goal(plan, owner, goal):
    other = owned_goal(plan, MembershipFactory(), code="TD 9")
    with time_machine.travel(datetime.datetime(2026, 9, 11, 9, 0), tick=False):
        page = client_of(StaffFactory()).get("/intranet/").content.decode()
    section = page.split('id="niet-bijgewerkt"')[1].split("</section>")[0]
    assert "TD 1" in section and other.code in section
    assert owner.organisation.name in section
    assert "10 maart 2026" in section  # the last report
    assert "nog geen" in section  # TD 9 never reported
