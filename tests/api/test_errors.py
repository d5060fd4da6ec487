"""Every error of /api/v1/ comes in one format:
{"error": {"code", "message", "fields"?}}."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from portal.access.audiences import Audience
from tests.api.conftest import assert_error
from tests.factories import (
    GoalFactory,
    MembershipFactory,
    PolicyPlanPageFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(home):
    return GoalFactory(plan=PolicyPlanPageFactory(parent=home))


def test_404_for_a_missing_object():
    assert_error(APIClient().get("/api/v1/plans/999999/"), 404, "not_found")


def test_404_for_an_invisible_object(home):
    plan = PolicyPlanPageFactory(parent=home, audience=Audience.STAFF)
    client = APIClient()
    client.force_authenticate(MembershipFactory().user)
    assert_error(client.get(f"/api/v1/plans/{plan.pk}/"), 404, "not_found")


@pytest.mark.parametrize("path", ["/api/v1/bestaat-niet/", "/api/v1/plans/x/y/z/"])
def test_404_for_an_unknown_address(db, path):
    assert_error(APIClient().get(path), 404, "not_found")


def test_400_for_invalid_input_names_the_fields(goal):
    client = APIClient()
    client.force_authenticate(StaffFactory())

    response = client.post(
        f"/api/v1/goals/{goal.pk}/progress/",
        {"status": "lopend", "progress": 150},
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["progress"]
    assert all(isinstance(message, str) for message in error["fields"]["progress"])


def test_400_for_an_invalid_filter(db):
    response = APIClient().get("/api/v1/goals/", {"due_before": "morgen"})
    assert "due_before" in assert_error(response, 400, "invalid")["fields"]


def test_401_without_credentials(goal):
    response = APIClient().post(f"/api/v1/goals/{goal.pk}/progress/", {})
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "X-Session-Token"


def test_401_for_an_unknown_session_token(db):
    response = APIClient().get("/api/v1/plans/", HTTP_X_SESSION_TOKEN="verzonnen")
    assert_error(response, 401, "invalid_token")


def test_403_when_the_role_is_missing(goal):
    client = APIClient()
    client.force_authenticate(MembershipFactory().user)
    response = client.post(f"/api/v1/goals/{goal.pk}/progress/", {})
    assert_error(response, 403, "permission_denied")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/api/v1/plans/{plan}/"),
        ("post", "/api/v1/plans/"),
        ("put", "/api/v1/goals/{goal}/"),
        ("get", "/api/v1/goals/{goal}/progress/"),
        ("post", "/api/v1/me/"),
    ],
)
def test_405_for_a_wrong_method(goal, method, path):
    client = APIClient()
    client.force_authenticate(StaffFactory())
    url = path.format(plan=goal.plan_id, goal=goal.pk)
    assert_error(getattr(client, method)(url), 405, "method_not_allowed")


def test_429_when_throttled(db, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    anonymous = APIClient()
    assert anonymous.get("/api/v1/life-domains/").status_code == 200
    assert anonymous.get("/api/v1/life-domains/").status_code == 200

    response = anonymous.get("/api/v1/life-domains/")

    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0

    signed_in = APIClient()
    signed_in.force_authenticate(MembershipFactory().user)
    for _ in range(3):
        assert signed_in.get("/api/v1/me/").status_code == 200
    assert_error(signed_in.get("/api/v1/me/"), 429, "throttled")
