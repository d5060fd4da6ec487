"""/api/v1/ for plans, goals, organisations and vocabularies: what each role sees,
the filters, the pagination, and reporting progress."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from cms.models import GoalBudget, GoalLevel, LifeDomain, ProgressUpdate, TargetGroup
from portal.access.audiences import Audience
from portal.models import Sector
from tests.api.conftest import assert_error
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    return OrganisationFactory(
        name="Gemeente Wilgendonk", sector=Sector.LOCAL_GOVERNMENT
    )


@pytest.fixture
def public_plan(home, town):
    plan = PolicyPlanPageFactory(
        parent=home, title="Meerjarenplan 2026-2031", owner_organisation=town
    )
    strategic = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    strategic.life_domains.add(LifeDomain.objects.get(slug="wonen"))
    tactical = GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1",
        title="Sociale huurwoningen",
        status=goal_status("lopend"),
        end_date=datetime.date(2027, 12, 31),
    )
    tactical.owner_organisations.add(town)
    tactical.target_groups.add(TargetGroup.objects.get(slug="ouderen"))
    GoalFactory(
        plan=plan,
        parent=tactical,
        level=GoalLevel.ACTION,
        code="A 1",
        title="Renovatie",
        status=goal_status("gerealiseerd"),
        end_date=datetime.date(2030, 6, 30),
    )
    return plan


@pytest.fixture
def staff_plan(home):
    plan = PolicyPlanPageFactory(
        parent=home, title="Intern werkplan", audience=Audience.STAFF
    )
    GoalFactory(plan=plan, code="SD 1", title="Interne doelstelling")
    return plan


def client_for(role: str) -> APIClient:
    client = APIClient()
    user = {
        "anonymous": lambda: AnonymousUser(),
        "citizen": lambda: UserFactory(),
        "partner": lambda: MembershipFactory().user,
        "civil_servant": lambda: StaffFactory(),
    }[role]()
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


ROLES = ["anonymous", "citizen", "partner", "civil_servant"]
OUTSIDERS = ["anonymous", "citizen", "partner"]


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


# Visibility.


@pytest.mark.parametrize("role", OUTSIDERS)
def test_a_staff_plan_and_its_goals_are_invisible_to_others(
    role, public_plan, staff_plan
):
    client = client_for(role)
    assert titles(client.get("/api/v1/plans/")) == {"Meerjarenplan 2026-2031"}
    assert "Interne doelstelling" not in titles(client.get("/api/v1/goals/"))
    assert_error(client.get(f"/api/v1/plans/{staff_plan.pk}/"), 404, "not_found")
    goal = staff_plan.goals.get()
    assert_error(client.get(f"/api/v1/goals/{goal.pk}/"), 404, "not_found")
    assert titles(client.get("/api/v1/goals/", {"plan": staff_plan.pk})) == set()


def test_civil_servants_see_the_staff_plan(public_plan, staff_plan):
    client = client_for("civil_servant")
    assert titles(client.get("/api/v1/plans/")) == {
        "Meerjarenplan 2026-2031",
        "Intern werkplan",
    }
    goal = staff_plan.goals.get()
    assert client.get(f"/api/v1/goals/{goal.pk}/").json()["title"] == goal.title
    assert client.get(f"/api/v1/plans/{staff_plan.pk}/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_plans_are_served_to_nobody(role, home):
    draft = PolicyPlanPageFactory(parent=home, live=False)
    GoalFactory(plan=draft)
    client = client_for(role)
    assert_error(client.get(f"/api/v1/plans/{draft.pk}/"), 404)
    assert client.get("/api/v1/goals/").json()["count"] == 0


def test_a_plan_detail_carries_its_goal_tree(public_plan, town):
    data = APIClient().get(f"/api/v1/plans/{public_plan.pk}/").json()

    assert data["title"] == "Meerjarenplan 2026-2031"
    assert data["audience"] == "public"
    assert data["owner_organisation"] == {"id": town.pk, "name": town.name}
    assert data["goals"].endswith(f"/api/v1/goals/?plan={public_plan.pk}")
    [strategic] = data["goal_tree"]
    assert (strategic["code"], strategic["level_label"]) == (
        "SD 1",
        "Strategische doelstelling",
    )
    [tactical] = strategic["children"]
    assert tactical["status"]["slug"] == "lopend"
    assert tactical["progress"] == 100  # rolled up from its only action
    assert tactical["children"][0]["children"] == []


def test_a_goal_detail_carries_its_budget_and_history(public_plan):
    goal = public_plan.goals.get(code="TD 1")
    GoalBudget.objects.create(goal=goal, year=2026, estimated=1000)
    ProgressUpdate.objects.create(
        goal=goal, status=goal_status("lopend"), progress=30, text="Gestart"
    )

    data = APIClient().get(f"/api/v1/goals/{goal.pk}/").json()

    assert data["plan"] == public_plan.pk
    assert data["parent"] == public_plan.goals.get(code="SD 1").pk
    assert data["timing"]["end_date"] == "2027-12-31"
    assert data["budget"] == [{"year": 2026, "estimated": "1000.00", "realised": None}]
    [report] = data["history"]
    assert (report["progress"], report["text"]) == (30, "Gestart")
    assert "author" not in report


# Filters.


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"SD 1", "TD 1", "A 1"}),
        ({"level": "tactical"}, {"TD 1"}),
        ({"status": "gerealiseerd"}, {"A 1"}),
        ({"life_domain": "wonen"}, {"SD 1"}),
        ({"target_group": "ouderen"}, {"TD 1"}),
        ({"due_before": "2028-01-01"}, {"TD 1"}),
        ({"due_after": "2028-01-01"}, {"A 1"}),
        ({"due_after": "2027-01-01", "level": "action"}, {"A 1"}),
    ],
)
def test_goal_filters(params, expected, public_plan, staff_plan):
    response = APIClient().get("/api/v1/goals/", params)
    assert response.status_code == 200
    assert {goal["code"] for goal in response.json()["results"]} == expected


def test_goals_filter_on_plan_and_owner_organisation(public_plan, town):
    other = GoalFactory(code="SD 9")
    client = APIClient()

    by_plan = client.get("/api/v1/goals/", {"plan": other.plan_id}).json()
    by_owner = client.get("/api/v1/goals/", {"owner_organisation": town.pk}).json()

    assert [goal["code"] for goal in by_plan["results"]] == ["SD 9"]
    assert [goal["code"] for goal in by_owner["results"]] == ["TD 1"]


def test_an_unknown_filter_value_is_a_400_with_fields(public_plan):
    error = assert_error(
        APIClient().get("/api/v1/goals/", {"status": "bestaat-niet"}), 400, "invalid"
    )
    assert set(error["fields"]) == {"status"}


def test_organisation_filters_and_public_fields(db):
    partner = OrganisationFactory(
        name="CAW Oost",
        sector=Sector.WELFARE,
        is_partner=True,
        kbo_number="0123.456.789",
    )
    OrganisationFactory(name="Gemeente Wilgendonk", sector=Sector.LOCAL_GOVERNMENT)
    MembershipFactory(organisation=partner)
    client = APIClient()

    def names(**params):
        response = client.get("/api/v1/organisations/", params)
        assert response.status_code == 200
        return [item["name"] for item in response.json()["results"]]

    assert names() == ["CAW Oost", "Gemeente Wilgendonk"]
    assert names(is_partner="true") == ["CAW Oost"]
    assert names(sector="local_government") == ["Gemeente Wilgendonk"]
    assert names(q="caw") == ["CAW Oost"]
    assert names(q="0123.456") == ["CAW Oost"]
    data = client.get(f"/api/v1/organisations/{partner.pk}/").json()
    assert set(data) == {
        "id",
        "name",
        "slug",
        "sector",
        "sector_label",
        "is_partner",
        "kbo_number",
        "website",
    }


def test_the_vocabularies_are_small_unpaginated_lists(db):
    client = APIClient()
    domains = client.get("/api/v1/life-domains/").json()
    assert "wonen" in {domain["slug"] for domain in domains}
    statuses = {s["slug"]: s for s in client.get("/api/v1/goal-statuses/").json()}
    assert statuses["gerealiseerd"]["is_closed"] is True
    assert client.get("/api/v1/social-rights/").json()
    assert client.get("/api/v1/target-groups/ouderen/").json()["name"] == "Ouderen"


# Pagination.


def test_lists_are_paginated(public_plan):
    client = APIClient()
    first = client.get("/api/v1/goals/", {"page_size": 2}).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert_error(client.get("/api/v1/goals/", {"page": 9}), 404, "not_found")


# Reporting progress.


def progress_url(goal) -> str:
    return f"/api/v1/goals/{goal.pk}/progress/"


def test_a_civil_servant_reports_progress(public_plan):
    goal = public_plan.goals.get(code="TD 1")
    staff = StaffFactory()
    client = APIClient()
    client.force_authenticate(staff)

    response = client.post(
        progress_url(goal),
        {"status": "vertraagd", "progress": 35, "text": "Aannemer failliet"},
        format="json",
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["goal"], data["progress"]) == (goal.pk, 35)
    assert data["status"]["slug"] == "vertraagd"
    update = ProgressUpdate.objects.get(pk=data["id"])
    assert update.author == staff
    goal.refresh_from_db()
    assert (goal.status.slug, goal.progress) == ("vertraagd", 35)
    detail = client.get(f"/api/v1/goals/{goal.pk}/").json()
    assert detail["progress"] == 35


def test_progress_left_out_takes_the_status_default(public_plan):
    goal = public_plan.goals.get(code="TD 1")
    client = client_for("civil_servant")
    response = client.post(progress_url(goal), {"status": "gepland"}, format="json")
    assert response.status_code == 201
    assert response.json()["progress"] == 10


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 401, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("partner", 403, "permission_denied"),
    ],
)
def test_outsiders_of_the_goal_do_not_report_progress(role, status, code, public_plan):
    """A partner whose organisation does not own the goal is refused like a citizen."""
    goal = public_plan.goals.get(code="TD 1")
    response = client_for(role).post(
        progress_url(goal), {"status": "lopend", "progress": 60}, format="json"
    )
    assert_error(response, status, code)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("how", ["lead", "co_owner"])
def test_a_member_of_an_owning_organisation_reports_with_figures(how, public_plan):
    goal = public_plan.goals.get(code="TD 1")
    membership = MembershipFactory()
    if how == "lead":
        goal.lead_organisation = membership.organisation
        goal.save()
    else:
        goal.owner_organisations.add(membership.organisation)
    client = APIClient()
    client.force_authenticate(membership.user)
    response = client.post(
        progress_url(goal),
        {
            "status": "lopend",
            "progress": 40,
            "text": "Twee buurten bereikt",
            "figures": [
                {"label": "gezinnen bereikt", "value": "42", "unit": "gezinnen"}
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organisation"] == membership.organisation.name
    assert data["figures"] == [
        {"label": "gezinnen bereikt", "value": "42.0000", "unit": "gezinnen"}
    ]
    update = ProgressUpdate.objects.get()
    assert (update.author, update.organisation) == (
        membership.user,
        membership.organisation,
    )
    goal.refresh_from_db()
    assert goal.progress == 40


def test_a_member_of_another_organisation_is_refused(public_plan):
    goal = public_plan.goals.get(code="TD 1")
    goal.lead_organisation = OrganisationFactory(name="Eigenaar vzw")
    goal.save()
    client = APIClient()
    client.force_authenticate(MembershipFactory().user)
    response = client.post(
        progress_url(goal), {"status": "lopend", "progress": 60}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert not ProgressUpdate.objects.exists()


def test_an_ended_membership_no_longer_reports(public_plan):
    goal = public_plan.goals.get(code="TD 1")
    membership = MembershipFactory(status="ended")
    goal.lead_organisation = membership.organisation
    goal.save()
    client = APIClient()
    client.force_authenticate(membership.user)
    response = client.post(
        progress_url(goal), {"status": "lopend", "progress": 60}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "lopend", "progress": 150}, "progress"),
        ({"status": "lopend", "progress": -5}, "progress"),
        ({"status": "bestaat-niet"}, "status"),
        ({"progress": 50}, "status"),
        ({"status": "lopend", "date": "gisteren"}, "date"),
    ],
)
def test_invalid_progress_is_a_400_and_nothing_is_saved(payload, field, public_plan):
    goal = public_plan.goals.get(code="TD 1")
    response = client_for("civil_servant").post(
        progress_url(goal), payload, format="json"
    )
    error = assert_error(response, 400, "invalid")
    assert field in error["fields"]
    assert not ProgressUpdate.objects.exists()
    goal.refresh_from_db()
    assert (goal.status.slug, goal.progress) == ("lopend", None)


def test_progress_on_an_invisible_or_missing_goal_is_a_404(public_plan):
    client = client_for("civil_servant")
    response = client.post("/api/v1/goals/999999/progress/", {"status": "lopend"})
    assert_error(response, 404, "not_found")
