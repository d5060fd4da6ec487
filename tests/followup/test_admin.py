"""The admin of reports and versions: civil servants write a draft, publish it
after a confirmation, and record versions through the service; a published
report opens read-only."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cms.followup.models import PlanReport, PlanVersion
from cms.followup.services import report_draft, report_publish
from tests.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_client(civil_servant):
    civil_servant.groups.add(Group.objects.get(name="Civil servants"))
    client = Client()
    client.force_login(civil_servant)
    return client


def test_a_civil_servant_writes_and_publishes_a_report(town_client, followed):
    listing = town_client.get(reverse("wagtailsnippets_followup_planreport:list"))
    assert listing.status_code == 200
    response = town_client.post(
        reverse("wagtailsnippets_followup_planreport:add"),
        {
            "plan": followed.plan.pk,
            "kind": "year",
            "year": "2026",
            "title": "",
            "introduction": "Inleiding",
            "conclusions": "Besluiten",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = PlanReport.objects.get(plan=followed.plan, year=2026)
    assert report.status == PlanReport.Status.DRAFT
    listing = town_client.get(reverse("wagtailsnippets_followup_planreport:list"))
    publish_url = reverse("followup_report_publish", args=[report.pk])
    assert publish_url in listing.content.decode()

    confirm = town_client.get(publish_url)
    assert confirm.status_code == 200
    assert "liggen daarna vast" in confirm.content.decode()
    assert town_client.post(publish_url, {}).status_code == 200  # not confirmed
    report.refresh_from_db()
    assert not report.is_published
    done = town_client.post(publish_url, {"confirm": "on"})
    assert done.status_code == 302
    assert done["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.is_published
    assert report.figures["goals"]

    edit = reverse("wagtailsnippets_followup_planreport:edit", args=[report.pk])
    assert town_client.get(edit).status_code in (302, 403)
    town_client.post(
        edit,
        {
            "plan": followed.plan.pk,
            "kind": "year",
            "year": "2026",
            "introduction": "Anders",
        },
    )
    report.refresh_from_db()
    assert report.introduction == "Inleiding"
    assert town_client.get(publish_url).status_code in (302, 403)
    delete = reverse("wagtailsnippets_followup_planreport:delete", args=[report.pk])
    town_client.post(delete)
    assert PlanReport.objects.filter(pk=report.pk).exists()


def test_a_partner_cannot_publish(followed):
    report = report_draft(plan=followed.plan, year=2026)
    client = Client()
    client.force_login(MembershipFactory().user)
    response = client.post(
        reverse("followup_report_publish", args=[report.pk]), {"confirm": "on"}
    )
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert not report.is_published


def test_a_version_is_recorded_through_the_service(town_client, followed):
    goal = followed.goals["TD 1.1"]
    response = town_client.post(
        reverse("wagtailsnippets_followup_planversion:add"),
        {
            "plan": followed.plan.pk,
            "decided_on": "2026-10-19",
            "decision": "GR 2026/241",
            "summary": "Budgetverschuiving",
            "changed_goals": [goal.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    version = PlanVersion.objects.get(plan=followed.plan)
    assert version.number == 1
    assert [e["code"] for e in version.goal_tree] == ["SD 1", "TD 1.1", "TD 1.2"]
    assert list(version.changed_goals.all()) == [goal]
    edit = reverse("wagtailsnippets_followup_planversion:edit", args=[version.pk])
    assert town_client.get(edit).status_code in (302, 403)


def test_the_published_report_is_read_only_for_superusers_too(followed, civil_servant):
    report = report_publish(report_draft(plan=followed.plan, year=2026), civil_servant)
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    edit = reverse("wagtailsnippets_followup_planreport:edit", args=[report.pk])
    assert client.get(edit).status_code in (302, 403)
