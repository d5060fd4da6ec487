"""The demo follows Wilgendonk's plan: two versions and a published 2026 report,
made once; a second run changes nothing and never publishes again."""

import pytest
from django.test import Client

from cms.followup.demo import ensure_plan_follow_up
from cms.followup.models import PlanReport, PlanVersion
from portal.models import User
from tests.conftest import demo_loaded


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


@pytest.mark.django_db
def test_the_plan_has_two_versions_and_a_published_2026_report(demo):
    report = PlanReport.objects.get(kind="year", year=2026)
    plan = report.plan
    assert report.is_published
    assert report.introduction and report.conclusions
    assert report.figures["goal_counts"]["reports"] > 0
    assert report.figures["signals"]["received"] > 0
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].decided_on.year == 2025
    assert sorted(g.code for g in versions[1].changed_goals.all()) == [
        "OD 1.1.1",
        "TD 3.1",
    ]
    adjusted = next(e for e in versions[1].goal_tree if e["code"] == "OD 1.1.1")
    assert adjusted["budget"][0]["adjusted"] == "240000.00"

    published_at = report.published_at
    user = User.objects.get(email="ambtenaar@demo.lokaal")
    assert ensure_plan_follow_up(plan, user) == {"versions": 0, "reports": 0}
    report.refresh_from_db()
    assert report.published_at == published_at

    client = Client()
    page = client.get(plan.url).content.decode()
    assert report.get_absolute_url() in page
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(versions[1].get_absolute_url()).status_code == 200
