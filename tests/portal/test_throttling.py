"""Failed sign-ins are counted per address and network (and per network): an attacker
who fails on purpose blocks only their own network, the owner still signs in from
theirs, the refusal says for how long and where to set a new password, and the app
API answers it with 429."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from portal.accounts.throttling import refusal_minutes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
LOGIN_URL = "/accounts/login/"
APP_LOGIN_URL = "/_allauth/app/v1/auth/login"
ATTACKER_IP = "203.0.113.66"
OWNER_IP = "198.51.100.7"
RESET_URL = "http://testserver/accounts/password/reset/"


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth's rate limits count in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def page_sign_in(client: Client, email: str, password: str, ip: str):
    return client.post(
        LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def app_sign_in(client: APIClient, email: str, password: str, ip: str):
    return client.post(
        APP_LOGIN_URL,
        {"email": email, "password": password},
        format="json",
        REMOTE_ADDR=ip,
    )


def refused(response) -> bool:
    return "Te veel inlogpogingen" in response.content.decode()


def test_an_attacker_cannot_lock_the_owner_out():
    owner = UserFactory()
    attacker = Client()
    answers = [
        page_sign_in(attacker, owner.email, "fout-wachtwoord", ATTACKER_IP)
        for _ in range(6)
    ]
    assert not any(refused(answer) for answer in answers[:5])
    assert refused(answers[5])
    # The attacker's network stays refused, even with the right password.
    response = page_sign_in(attacker, owner.email, PASSWORD, ATTACKER_IP)
    assert response.status_code == 200 and refused(response)

    # The owner, from their own network, signs in at once.
    own = Client()
    response = page_sign_in(own, owner.email, PASSWORD, OWNER_IP)
    assert response.status_code == 302
    assert own.session["_auth_user_id"] == str(owner.pk)


def test_one_network_cannot_try_many_addresses():
    """The per-network rate (20 failures a minute) holds across addresses."""
    users = [UserFactory() for _ in range(21)]
    client = Client()
    answers = [
        page_sign_in(client, user.email, "fout-wachtwoord", ATTACKER_IP)
        for user in users
    ]
    assert not any(refused(answer) for answer in answers[:20])
    assert refused(answers[20])
    # Another network is not affected.
    assert page_sign_in(Client(), users[0].email, PASSWORD, OWNER_IP).status_code == 302


def test_the_refusal_says_how_long_and_where_to_reset_the_password(settings):
    owner = UserFactory()
    client = Client()
    for _ in range(5):
        page_sign_in(client, owner.email, "fout-wachtwoord", ATTACKER_IP)
    response = page_sign_in(client, owner.email, "fout-wachtwoord", ATTACKER_IP)
    text = response.content.decode()
    assert refusal_minutes() == 5  # the window of "5/5m/key"
    assert "Probeer het over 5 minuten opnieuw" in text
    assert f'<a href="{RESET_URL}">Stel een nieuw wachtwoord in</a>' in text

    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "3/15m/key,20/m/ip",
    }
    assert refusal_minutes() == 15


def test_the_app_api_answers_429_with_the_refusal():
    owner = UserFactory()
    attacker = APIClient()
    codes = [
        app_sign_in(attacker, owner.email, "fout-wachtwoord", ATTACKER_IP).status_code
        for _ in range(5)
    ]
    assert set(codes) == {400}
    response = app_sign_in(attacker, owner.email, "fout-wachtwoord", ATTACKER_IP)
    assert response.status_code == 429
    body = response.json()
    assert body["status"] == 429
    [error] = body["errors"]
    assert error["code"] == "too_many_login_attempts"
    assert "5 minuten" in error["message"] and RESET_URL in error["message"]
    assert app_sign_in(attacker, owner.email, PASSWORD, ATTACKER_IP).status_code == 429

    # The owner's app, on another network, signs in.
    response = app_sign_in(APIClient(), owner.email, PASSWORD, OWNER_IP)
    assert response.status_code == 200, response.json()
    assert response.json()["meta"]["is_authenticated"] is True


def test_a_successful_sign_in_does_not_wipe_the_count():
    """allauth rolls back only the successful attempt: a success in between does
    not give an attacker on that network fresh tries."""
    owner = UserFactory()
    client = Client()
    for _ in range(4):
        page_sign_in(client, owner.email, "fout-wachtwoord", ATTACKER_IP)
    assert page_sign_in(Client(), owner.email, PASSWORD, ATTACKER_IP).status_code == 302
    assert not refused(page_sign_in(client, owner.email, "fout", ATTACKER_IP))
    assert refused(page_sign_in(client, owner.email, "fout", ATTACKER_IP))
