"""/api/v1/indicators/: what each audience sees, the filters, the values, and
who records a value (civil servants and editors; 403 for others, 400 for bad
input, nothing saved)."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from cms.indicators.models import Frequency, IndicatorValue
from cms.models import LifeDomain
from portal.access import Audience
from tests.api.conftest import assert_error
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    PolicyPlanPageFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def client_for(user) -> APIClient:
    client = APIClient()
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


@pytest.fixture
def figures(home):
    plan = PolicyPlanPageFactory(parent=home)
    goal = GoalFactory(plan=plan, code="TD 1.2")
    public = IndicatorFactory(
        name="Huurachterstal",
        life_domain=LifeDomain.objects.get(slug="wonen"),
        frequency=Frequency.QUARTERLY,
    )
    public.goals.add(goal)
    IndicatorValueFactory(indicator=public, period=D(2026, 4, 1), value=12)
    IndicatorValueFactory(indicator=public, period=D(2026, 1, 1), value=10)
    IndicatorTargetFactory(indicator=public, year=2031, value=5)
    partners = IndicatorFactory(name="Partners rapporteren", audience="partners")
    staff = IndicatorFactory(name="Wachttijd intern", audience=Audience.STAFF)
    return {"goal": goal, "public": public, "partners": partners, "staff": staff}


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("anonymous", {"Huurachterstal"}),
        ("citizen", {"Huurachterstal"}),
        ("partner", {"Huurachterstal", "Partners rapporteren"}),
        (
            "civil_servant",
            {"Huurachterstal", "Partners rapporteren", "Wachttijd intern"},
        ),
    ],
)
def test_the_list_holds_the_indicators_of_the_callers_audience(
    who, names, figures, people
):
    response = client_for(people[who]).get("/api/v1/indicators/")
    assert response.status_code == 200
    assert {item["name"] for item in response.json()["results"]} == names


def test_a_citizen_gets_404_for_a_staff_indicator_and_its_values(figures, people):
    client = client_for(people["citizen"])
    staff = figures["staff"]
    assert_error(client.get(f"/api/v1/indicators/{staff.pk}/"), 404, "not_found")
    assert_error(client.get(f"/api/v1/indicators/{staff.pk}/values/"), 404, "not_found")
    assert (
        client_for(people["civil_servant"])
        .get(f"/api/v1/indicators/{staff.pk}/")
        .status_code
        == 200
    )


def test_filters_by_goal_and_life_domain(figures, people):
    client = client_for(people["civil_servant"])
    by_goal = client.get("/api/v1/indicators/", {"goal": figures["goal"].pk}).json()
    assert [item["name"] for item in by_goal["results"]] == ["Huurachterstal"]
    by_domain = client.get("/api/v1/indicators/", {"life_domain": "wonen"}).json()
    assert [item["slug"] for item in by_domain["results"]] == [figures["public"].slug]
    assert_error(client.get("/api/v1/indicators/", {"goal": "abc"}), 400, "invalid")


def test_the_detail_has_the_targets_and_the_goals(figures, people):
    public = figures["public"]
    data = client_for(people["anonymous"]).get(f"/api/v1/indicators/{public.pk}/")
    body = data.json()
    assert body["targets"] == [{"year": 2031, "value": "5.0000", "note": ""}]
    assert body["goals"] == [figures["goal"].pk]
    assert body["frequency"] == "quarterly"
    assert body["page"].endswith(f"/indicatoren/{public.slug}/")


def test_goals_of_a_plan_the_caller_may_not_see_are_left_out(figures, people, home):
    hidden_plan = PolicyPlanPageFactory(parent=home, audience=Audience.STAFF)
    figures["public"].goals.add(GoalFactory(plan=hidden_plan, code="SD 9"))
    body = (
        client_for(people["citizen"])
        .get(f"/api/v1/indicators/{figures['public'].pk}/")
        .json()
    )
    assert body["goals"] == [figures["goal"].pk]


def test_values_are_listed_oldest_first_with_their_label(figures, people):
    public = figures["public"]
    body = (
        client_for(people["anonymous"])
        .get(f"/api/v1/indicators/{public.pk}/values/")
        .json()
    )
    assert [(v["period"], v["period_label"]) for v in body["results"]] == [
        ("2026-01-01", "2026 K1"),
        ("2026-04-01", "2026 K2"),
    ]


@pytest.mark.parametrize("who", ["civil_servant", "editor"])
def test_civil_servants_and_editors_record_a_value(who, figures, people):
    public = figures["public"]
    client = client_for(people[who])
    url = f"/api/v1/indicators/{public.pk}/values/"
    response = client.post(
        url,
        {"period": "2026-08-14", "value": "14.5", "measured_on": "2026-10-02"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["period"] == "2026-07-01"
    response = client.post(url, {"period": "2026-K3", "value": 15}, format="json")
    assert response.status_code == 200
    assert IndicatorValue.objects.get(
        indicator=public, period=D(2026, 7, 1)
    ).value == Decimal("15")


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "not_authenticated"),
        ("citizen", 403, "permission_denied"),
        ("partner", 403, "permission_denied"),
    ],
)
def test_others_may_not_record_values(who, status, code, figures, people):
    response = client_for(people[who]).post(
        f"/api/v1/indicators/{figures['public'].pk}/values/",
        {"period": "2026-K3", "value": 1},
        format="json",
    )
    assert_error(response, status, code)
    assert IndicatorValue.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period": "2026", "value": 1}, "period"),
        ({"period": "ooit", "value": 1}, "period"),
        ({"period": "2026-K3", "value": "veel"}, "value"),
        ({"period": "2026-K3"}, "value"),
        ({"period": "2026-K3", "value": 1, "measured_on": "2026-01-05"}, "measured_on"),
        ({"period": "1800-K1", "value": 1}, "period"),
    ],
)
def test_bad_values_are_a_structured_400_and_nothing_is_saved(
    payload, field, figures, people
):
    response = client_for(people["civil_servant"]).post(
        f"/api/v1/indicators/{figures['public'].pk}/values/", payload, format="json"
    )
    error = assert_error(response, 400, "invalid")
    assert field in error["fields"], error
    assert IndicatorValue.objects.count() == 2
