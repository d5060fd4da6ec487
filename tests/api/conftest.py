import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.conftest import demo_loaded
from tests.factories import current_totp_code

LOGIN_URL = "/_allauth/app/v1/auth/login"
TWO_FACTOR_URL = "/_allauth/app/v1/auth/2fa/authenticate"
DEMO_PASSWORD = "welzijn-demo-2026"


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttles and allauth's rate limits count in the cache: start each test
    afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo town, loaded once for a class of tests and rolled back after it."""
    with demo_loaded(django_db_blocker):
        yield


def app_login(client: APIClient, email: str, password: str):
    """allauth's headless sign-in for apps."""
    return client.post(LOGIN_URL, {"email": email, "password": password}, format="json")


def session_token(
    client: APIClient, email: str, password: str, totp_secret: str | None = None
) -> str:
    """Sign in through the app API, passing the second step when the account has
    a TOTP authenticator; returns the session token."""
    response = app_login(client, email, password)
    token = response.json()["meta"]["session_token"]
    if totp_secret is not None:
        assert response.status_code == 401, response.json()
        response = client.post(
            TWO_FACTOR_URL,
            {"code": current_totp_code(totp_secret)},
            format="json",
            HTTP_X_SESSION_TOKEN=token,
        )
        token = response.json()["meta"].get("session_token", token)
    assert response.status_code == 200, response.json()
    assert response.json()["meta"]["is_authenticated"] is True
    return token


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The answer is an error in the API's one format; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert {"code", "message"} <= set(error) <= {"code", "message", "fields"}
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error
