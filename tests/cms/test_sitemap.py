"""The sitemap lists each public plan's goals by their own pages, and no goal of a
plan the public may not see."""

import pytest
from django.test import Client

from cms.models import PolicyPlanPage
from portal.access.audiences import Audience
from tests.conftest import demo_loaded

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def test_goal_pages_of_public_plans_are_in_the_sitemap(demo):
    xml = Client().get("/sitemap.xml").content.decode()
    plans = PolicyPlanPage.objects.live()
    public = [plan for plan in plans if plan.audience == Audience.PUBLIC]
    assert public
    for plan in public:
        goals = list(plan.goals.all())
        assert goals, plan.title
        for goal in goals:
            assert f"{goal.get_absolute_url()}</loc>" in xml, goal.code
    for plan in plans:
        if plan.audience != Audience.PUBLIC:
            for goal in plan.goals.all():
                assert f"{goal.get_absolute_url()}</loc>" not in xml, goal.code
