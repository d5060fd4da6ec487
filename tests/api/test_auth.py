"""Signing in as an app: allauth's headless login, the X-Session-Token header, the
second factor for staff, and the same audiences through every API."""

import pytest
from allauth.mfa.models import Authenticator
from rest_framework.test import APIClient

from portal.models import User
from tests.api.conftest import (
    DEMO_PASSWORD,
    app_login,
    assert_error,
    session_token,
)
from tests.factories import (
    MembershipFactory,
    StaffFactory,
    UserFactory,
    enrol_second_factor,
)

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


def me(client: APIClient, token: str | None = None):
    headers = {"HTTP_X_SESSION_TOKEN": token} if token else {}
    return client.get("/api/v1/me/", **headers)


def test_the_app_login_returns_a_session_token_that_signs_in(api):
    user = UserFactory()

    response = app_login(api, user.email, PASSWORD)

    assert response.status_code == 200
    token = response.json()["meta"]["session_token"]
    assert token
    data = me(APIClient(), token).json()
    assert data["authenticated"] is True
    assert (data["id"], data["email"]) == (user.pk, user.email)


def test_without_a_token_the_caller_is_anonymous(api):
    assert me(api).json() == {
        "authenticated": False,
        "id": None,
        "email": None,
        "name": None,
        "roles": [],
        "audiences": ["public"],
        "door": "/",
        "memberships": [],
    }


def test_me_for_a_citizen(api):
    user = UserFactory()
    data = me(api, session_token(api, user.email, PASSWORD)).json()
    assert data["roles"] == ["citizen"]
    assert data["audiences"] == ["public"]
    assert data["door"] == "/mijn-pagina/"
    assert data["memberships"] == []


def test_me_for_a_partner(api):
    membership = MembershipFactory(role="coordinator")
    user = membership.user

    data = me(api, session_token(api, user.email, PASSWORD)).json()

    assert data["roles"] == ["citizen", "partner"]
    assert data["audiences"] == ["public", "partners"]
    assert data["door"] == "/partners/"
    assert data["memberships"] == [
        {
            "organisation": membership.organisation.pk,
            "organisation_name": membership.organisation.name,
            "is_partner": True,
            "role": "coordinator",
            "status": "active",
        }
    ]


def test_staff_pass_the_second_factor_and_see_every_audience(api):
    staff = StaffFactory(second_factor=False)
    secret = enrol_second_factor(staff)

    pending = app_login(api, staff.email, PASSWORD)

    assert pending.status_code == 401
    flows = {flow["id"]: flow for flow in pending.json()["data"]["flows"]}
    assert flows["mfa_authenticate"].get("is_pending") is True
    half_signed_in = pending.json()["meta"]["session_token"]
    assert_error(me(APIClient(), half_signed_in), 401, "invalid_token")

    token = session_token(APIClient(), staff.email, PASSWORD, totp_secret=secret)
    data = me(APIClient(), token).json()
    assert data["roles"] == ["citizen", "civil_servant"]
    assert data["audiences"] == ["public", "partners", "staff"]
    assert data["door"] == "/intranet/"


def test_staff_without_a_second_factor_get_403_mfa_required(api):
    staff = StaffFactory(second_factor=False)
    assert not Authenticator.objects.filter(user=staff).exists()

    token = session_token(api, staff.email, PASSWORD)

    assert_error(me(APIClient(), token), 403, "mfa_required")
    assert_error(APIClient().get("/api/v1/plans/", HTTP_X_SESSION_TOKEN=token), 403)
    assert_error(APIClient().get("/api/v2/pages/", HTTP_X_SESSION_TOKEN=token), 403)


def test_a_wrong_password_gives_400_and_no_token(api):
    user = UserFactory()

    response = app_login(api, user.email, "niet-het-wachtwoord")

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["errors"]
    assert "session_token" not in body.get("meta", {})


def test_an_unknown_token_is_refused_not_ignored(api):
    assert_error(me(api, "geen-geldige-sessie"), 401, "invalid_token")


@pytest.mark.usefixtures("demo")
class TestTheDemoThroughTheAPI:
    def pages_seen(self, token: str | None = None) -> set[int]:
        client = APIClient()
        headers = {"HTTP_X_SESSION_TOKEN": token} if token else {}
        seen, offset = set(), 0
        while True:
            response = client.get(
                "/api/v2/pages/", {"limit": 20, "offset": offset}, **headers
            )
            assert response.status_code == 200, response.content
            data = response.json()
            seen |= {item["id"] for item in data["items"]}
            offset += 20
            if offset >= data["meta"]["total_count"]:
                return seen

    def test_each_role_sees_strictly_more_pages(self):
        civil_servant = User.objects.get(email="ambtenaar@demo.lokaal")
        secret = enrol_second_factor(civil_servant)
        staff_token = session_token(
            APIClient(), civil_servant.email, DEMO_PASSWORD, totp_secret=secret
        )
        partner_token = session_token(APIClient(), "partner@demo.lokaal", DEMO_PASSWORD)

        anonymous = self.pages_seen()
        partner = self.pages_seen(partner_token)
        staff = self.pages_seen(staff_token)

        assert anonymous < partner < staff

    @pytest.mark.parametrize(
        ("email", "roles", "audiences"),
        [
            ("burger@demo.lokaal", ["citizen"], ["public"]),
            ("partner@demo.lokaal", ["citizen", "partner"], ["public", "partners"]),
            ("partner2@demo.lokaal", ["citizen", "partner"], ["public", "partners"]),
        ],
    )
    def test_the_demo_accounts_know_who_they_are(self, email, roles, audiences):
        client = APIClient()
        data = me(client, session_token(client, email, DEMO_PASSWORD)).json()
        assert (data["roles"], data["audiences"]) == (roles, audiences)
        partner_of = [m for m in data["memberships"] if m["is_partner"]]
        assert len(partner_of) == (1 if "partner" in roles else 0)
