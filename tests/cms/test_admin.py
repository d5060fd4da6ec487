import pytest
from django.urls import reverse

from cms.models import Goal, ProgressUpdate
from tests.factories import (
    GoalFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["frameworktextpage", "policyplanpage", "contentpage"]
)
def test_editors_get_the_create_form_of_each_page_type(admin_client, home, model):
    url = reverse("wagtailadmin_pages:add", args=["cms", model, home.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()


@pytest.mark.parametrize(
    "model",
    [
        "lifedomain",
        "socialright",
        "targetgroup",
        "goalstatus",
        "goal",
        "progressupdate",
    ],
)
def test_vocabularies_and_goals_are_listed_in_the_admin(admin_client, home, model):
    app = "cms"
    GoalFactory(plan=PolicyPlanPageFactory(parent=home))
    response = admin_client.get(reverse(f"wagtailsnippets_{app}_{model}:list"))
    assert response.status_code == 200


def test_organisations_are_listed_in_the_admin(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_portal_organisation:list"))
    assert response.status_code == 200


def test_a_progress_report_from_the_admin_updates_the_goal(admin_client, home):
    goal = GoalFactory(plan=PolicyPlanPageFactory(parent=home))
    status = goal_status("lopend")
    response = admin_client.post(
        reverse("wagtailsnippets_cms_progressupdate:add"),
        {
            "goal": goal.pk,
            "date": "2026-05-04",
            "status": status.pk,
            "progress": "45",
            "text": "Eerste fase afgerond",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = ProgressUpdate.objects.get()
    assert update.author is not None
    goal = Goal.objects.get(pk=goal.pk)
    assert (goal.status, goal.progress) == (status, 45)


def test_progress_reports_cannot_be_edited_or_deleted(admin_client, home):
    goal = GoalFactory(plan=PolicyPlanPageFactory(parent=home))
    from cms.services import goal_report_progress

    update = goal_report_progress(goal=goal, status=goal_status("lopend"), progress=10)
    edit = admin_client.get(
        reverse("wagtailsnippets_cms_progressupdate:edit", args=[update.pk])
    )
    delete = admin_client.post(
        reverse("wagtailsnippets_cms_progressupdate:delete", args=[update.pk])
    )
    assert edit.status_code in (302, 403)
    assert delete.status_code in (302, 403)
    update.refresh_from_db()
    assert update.progress == 10
