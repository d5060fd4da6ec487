"""The editors' admin: the Editors group manages goals, indicators and bodies; the
goal tree's services keep the tree's rules; the workflow and Wagtail's strings
that editors read are Dutch."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from wagtail.models import Task, Workflow

from cms.models import Goal, GoalLevel
from cms.models.goal_tree import goal_code_suggestion
from cms.services import goal_move, goal_shift
from cms.site import ensure_home_page
from tests.factories import GoalFactory, PolicyPlanPageFactory, StaffFactory

pytestmark = pytest.mark.django_db

MANAGED = [
    ("cms", "goal"),
    ("indicators", "indicator"),
    ("indicators", "indicatorvalue"),
    ("bodies", "body"),
    ("bodies", "meeting"),
    ("bodies", "advice"),
]


@pytest.fixture
def plan():
    plan = PolicyPlanPageFactory(parent=ensure_home_page(), title="Meerjarenplan")
    first = GoalFactory(plan=plan, code="SD 1", title="Wonen", sort_order=0)
    GoalFactory(plan=plan, code="SD 2", title="Werken", sort_order=1)
    for position, code in enumerate(["TD 1.1", "TD 1.2"], start=2):
        GoalFactory(
            plan=plan,
            parent=first,
            level=GoalLevel.TACTICAL,
            code=code,
            title=code,
            sort_order=position,
        )
    return plan


def editor():
    user = StaffFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize(("app", "model"), MANAGED)
def test_editors_manage_goals_indicators_and_bodies(app, model):
    user = editor()
    for action in ("add", "change", "view"):
        assert user.has_perm(f"{app}.{action}_{model}")
    client = Client()
    client.force_login(user)
    assert client.get(f"/admin/snippets/{app}/{model}/").status_code == 200
    assert not StaffFactory().has_perm(f"{app}.change_{model}")


def test_editors_open_the_goal_tree_others_do_not(plan):
    client = Client()
    client.force_login(editor())
    response = client.get(f"/admin/doelenboom/{plan.pk}/")
    assert response.status_code == 200
    assert "Onderliggende toevoegen" in response.content.decode()
    client.force_login(StaffFactory(is_staff=True))
    assert client.get(f"/admin/doelenboom/{plan.pk}/").status_code != 200


def test_a_new_goal_gets_a_code_by_position(plan):
    first = Goal.objects.get(plan=plan, code="SD 1")
    assert goal_code_suggestion(plan=plan, parent=first) == "TD 1.3"
    assert goal_code_suggestion(plan=plan, parent=None) == "SD 3"
    tactical = Goal.objects.get(plan=plan, code="TD 1.1")
    assert goal_code_suggestion(plan=plan, parent=tactical) == "OD 1.1.1"


def test_a_code_taken_in_the_plan_is_refused_in_dutch(plan):
    client = Client()
    client.force_login(editor())
    response = client.post(
        "/admin/snippets/cms/goal/add/",
        {
            "plan": plan.pk,
            "level": GoalLevel.STRATEGIC,
            "code": "SD 1",
            "title": "Dubbel",
            "priority": "other",
            "sort_order": 9,
            "budget_lines-TOTAL_FORMS": 0,
            "budget_lines-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert Goal.objects.filter(plan=plan, code="SD 1").count() == 1


def test_moving_and_shifting_keep_the_tree_in_reading_order(plan):
    goal = Goal.objects.get(plan=plan, code="TD 1.2")
    second = Goal.objects.get(plan=plan, code="SD 2")
    goal_move(goal=goal, parent=second)
    goal_shift(goal=Goal.objects.get(plan=plan, code="SD 2"), offset=-1)
    codes = list(Goal.objects.filter(plan=plan).values_list("code", flat=True))
    assert codes == ["SD 2", "TD 1.2", "SD 1", "TD 1.1"]


def test_a_goal_cannot_hang_under_a_lower_level(plan):
    goal = Goal.objects.get(plan=plan, code="SD 1")
    with pytest.raises(ValidationError) as refusal:
        goal_move(goal=goal, parent=Goal.objects.get(plan=plan, code="TD 1.1"))
    assert "hoger niveau" in str(refusal.value) or "onder zichzelf" in str(
        refusal.value
    )


def test_the_moderation_workflow_has_a_dutch_name():
    assert Workflow.objects.filter(name="Goedkeuring door moderatoren").exists()
    assert Task.objects.filter(name="Goedkeuring door moderatoren").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


@pytest.mark.parametrize(
    ("english", "dutch"),
    [("Home", "Start"), ("Editor Guide", "Handleiding voor redacteurs")],
)
def test_wagtail_strings_it_leaves_english_are_translated(english, dutch):
    """The compiled catalogue (theme/locale) is in step with its .po file."""
    with translation.override("nl-be"):
        assert translation.gettext(english) == dutch
