import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import GoalLevel, ProgressUpdate
from cms.services import goal_report_progress
from tests.factories import GoalFactory, PolicyPlanPageFactory, goal_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home):
    return PolicyPlanPageFactory(parent=home, tactical_label="Actieplan")


def test_parent_progress_is_the_mean_of_its_children(plan):
    strategic = GoalFactory(plan=plan, code="SD 1")
    GoalFactory(
        plan=plan, parent=strategic, level=GoalLevel.TACTICAL, code="TD 1", progress=100
    )
    tactical = GoalFactory(
        plan=plan, parent=strategic, level=GoalLevel.TACTICAL, code="TD 2"
    )
    GoalFactory(
        plan=plan,
        parent=tactical,
        level=GoalLevel.OPERATIONAL,
        code="OD 1",
        progress=20,
    )
    GoalFactory(
        plan=plan,
        parent=tactical,
        level=GoalLevel.OPERATIONAL,
        code="OD 2",
        status=goal_status("lopend"),
    )

    [root] = plan.goal_tree()

    assert [child.goal.code for child in root.children] == ["TD 1", "TD 2"]
    assert root.children[1].progress == 35  # mean of 20 and the status default 50
    assert root.progress == 68  # mean of 100 and 35, rounded
    assert root.children[0].level_label == "Actieplan"


def test_goal_tree_as_dict_carries_the_api_fields(plan):
    goal = GoalFactory(
        plan=plan,
        code="SD 3",
        owners="Sociale dienst + Welzijnsraad",
        timing_term="short",
        status=goal_status("gepland"),
    )
    [node] = plan.goal_tree()
    data = node.as_dict()
    assert data["code"] == goal.code
    assert data["level"] == "strategic"
    assert data["owners"] == ["Sociale dienst", "Welzijnsraad"]
    assert data["timing"]["term"] == "short"
    assert data["timing"]["label"] == "korte termijn"
    assert data["status"]["slug"] == "gepland"
    assert data["progress"] == 10
    assert data["children"] == []


def test_progress_updates_are_appended_and_the_latest_becomes_current(plan):
    goal = GoalFactory(plan=plan)
    first = goal_report_progress(
        goal=goal,
        status=goal_status("lopend"),
        progress=30,
        text="Start",
        date=datetime.date(2026, 3, 1),
    )
    goal_report_progress(
        goal=goal,
        status=goal_status("vertraagd"),
        progress=40,
        text="Vertraging door aanbesteding",
        date=datetime.date(2026, 6, 1),
    )
    # A late report about an earlier date is kept but does not overwrite the present.
    goal_report_progress(
        goal=goal,
        status=goal_status("lopend"),
        progress=35,
        date=datetime.date(2026, 4, 1),
    )

    goal.refresh_from_db()
    first.refresh_from_db()
    assert ProgressUpdate.objects.filter(goal=goal).count() == 3
    assert (goal.status.slug, goal.progress) == ("vertraagd", 40)
    assert (first.progress, first.text) == (30, "Start")


def test_a_progress_report_outside_0_to_100_saves_nothing(plan):
    goal = GoalFactory(plan=plan)
    with pytest.raises(ValidationError):
        goal_report_progress(goal=goal, status=goal_status("lopend"), progress=120)
    assert not ProgressUpdate.objects.exists()
    goal.refresh_from_db()
    assert goal.status is None


def test_a_goal_cannot_sit_under_a_goal_of_another_plan_or_a_lower_level(home):
    plan, other = PolicyPlanPageFactory(parent=home), PolicyPlanPageFactory(parent=home)
    strategic = GoalFactory(plan=other)
    goal = GoalFactory.build(
        plan=plan, parent=strategic, level=GoalLevel.TACTICAL, code="TD 9"
    )
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert "parent" in error.value.message_dict

    tactical = GoalFactory(plan=plan, level=GoalLevel.TACTICAL)
    upside_down = GoalFactory.build(
        plan=plan, parent=tactical, level=GoalLevel.STRATEGIC, code="SD 99"
    )
    with pytest.raises(ValidationError):
        upside_down.full_clean()


def test_goal_codes_are_unique_within_a_plan(plan):
    GoalFactory(plan=plan, code="SD 1")
    duplicate = GoalFactory.build(plan=plan, code="SD 1")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
