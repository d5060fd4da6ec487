"""Partners report progress on the goals their organisation owns, in the partner
portal; others find no form (404)."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.models import GoalLevel, ProgressUpdate
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory()


@pytest.fixture
def goal(home, owner):
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    strategic = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    goal = GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1",
        title="Sociale huurwoningen",
        status=goal_status("gepland"),
        lead_organisation=owner.organisation,
    )
    return goal


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def report_url(goal) -> str:
    return reverse("partners:goal_report", args=[goal.pk])


def test_an_owner_sees_the_link_and_reports(goal, owner):
    client = client_of(owner.user)
    dashboard = client.get("/partners/").content.decode()
    assert report_url(goal) in dashboard
    assert client.get(report_url(goal)).status_code == 200
    response = client.post(
        report_url(goal),
        {"status": goal_status("lopend").pk, "progress": "45", "text": "Gestart"},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.progress, update.text, update.organisation, update.author) == (
        45,
        "Gestart",
        owner.organisation,
        owner.user,
    )
    goal.refresh_from_db()
    assert (goal.status.slug, goal.progress) == ("lopend", 45)


def test_a_co_owner_reports_for_its_own_organisation(goal):
    co_owner = MembershipFactory()
    goal.owner_organisations.add(co_owner.organisation)
    response = client_of(co_owner.user).post(
        report_url(goal), {"status": goal_status("lopend").pk, "progress": "30"}
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().organisation == co_owner.organisation


@pytest.mark.parametrize("who", ["other_partner", "ended_member"])
def test_others_find_no_form(goal, owner, who):
    if who == "other_partner":
        user = MembershipFactory(organisation=OrganisationFactory(is_partner=True)).user
    else:
        owner.status = "ended"
        owner.save()
        user = MembershipFactory(user=owner.user).user  # still a partner elsewhere
    client = client_of(user)
    assert client.get(report_url(goal)).status_code == 404
    assert client.post(report_url(goal), {"status": "1"}).status_code == 404
    assert report_url(goal) not in client.get("/partners/").content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_civil_servant_may_report(goal):
    response = client_of(StaffFactory()).post(
        report_url(goal), {"status": goal_status("vertraagd").pk}
    )
    assert response.status_code == 302
    assert (
        ProgressUpdate.objects.get().progress
        == goal_status("vertraagd").default_progress
    )


def test_bad_input_is_explained_and_nothing_is_saved(goal, owner):
    response = client_of(owner.user).post(
        report_url(goal), {"status": goal_status("lopend").pk, "progress": "150"}
    )
    assert response.status_code == 200
    assert "100" in response.content.decode()  # "kleiner dan of gelijk aan 100"
    assert not ProgressUpdate.objects.exists()
