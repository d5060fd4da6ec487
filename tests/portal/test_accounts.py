"""Accounts as people use them: signing in lands each role at its door, staff enrol a
second factor before anything else, sessions expire, failed sign-ins are rate limited
on the configured cache, the Wagtail admin signs in through allauth, and single
sign-on through the town's identity provider."""

import socket
import time
from unittest import mock
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import record_authentication
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from portal.accounts.adapter import SocialAccountAdapter
from portal.accounts.mfa import lacks_required_second_factor
from tests.factories import (
    MembershipFactory,
    StaffFactory,
    UserFactory,
    current_totp_code,
    enrol_second_factor,
)

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
LOGIN_URL = "/accounts/login/"
ACTIVATE_URL = "/accounts/2fa/totp/activate/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth's rate limits count in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client: Client, email: str, *, remember: bool = False, next_url=""):
    data = {"login": email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def path_of(response) -> str:
    return urlsplit(response["Location"]).path


# Signing in lands each role at its own door ---------------------------------------


@pytest.mark.parametrize(
    ("make_user", "door"),
    [
        (UserFactory, "/mijn-pagina/"),
        (lambda: MembershipFactory().user, "/partners/"),
    ],
    ids=["citizen", "partner"],
)
def test_signing_in_lands_at_the_door_of_the_role(client, make_user, door):
    response = sign_in(client, make_user().email)
    assert response.status_code == 302
    assert response["Location"] == door


def test_staff_sign_in_asks_for_the_code_then_lands_on_the_intranet(client):
    staff = StaffFactory(second_factor=False)
    secret = enrol_second_factor(staff)
    response = sign_in(client, staff.email)
    assert path_of(response) == MFA_AUTHENTICATE_URL
    assert "_auth_user_id" not in client.session  # not signed in before the code

    response = client.post(MFA_AUTHENTICATE_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/intranet/"
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_wrong_code_keeps_staff_out(client):
    staff = StaffFactory(second_factor=False)
    enrol_second_factor(staff)
    sign_in(client, staff.email)
    response = client.post(MFA_AUTHENTICATE_URL, {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_next_page_wins_over_the_door(client):
    response = sign_in(client, UserFactory().email, next_url="/mijn-portaal/")
    assert response["Location"] == "/mijn-portaal/"


# A second factor for staff --------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", "/intranet/", "/mijn-portaal/"])
def test_staff_without_second_factor_is_sent_to_enrol(client, path):
    staff = StaffFactory(second_factor=False)
    assert sign_in(client, staff.email).status_code == 302
    response = client.get(path)
    assert response.status_code == 302
    assert path_of(response) == ACTIVATE_URL
    assert response["Location"].endswith(f"?next={path.replace('/', '%2F')}")


def test_enrolment_page_needs_no_second_password_right_after_sign_in(client):
    sign_in(client, StaffFactory(second_factor=False).email)
    response = client.get(ACTIVATE_URL)
    assert response.status_code == 200
    secret = response.context["form"].secret
    assert secret in response.content.decode()  # shown as text beside the QR code


def test_after_enrolment_staff_reach_admin_and_intranet(client):
    staff = StaffFactory(second_factor=False, is_superuser=True)
    sign_in(client, staff.email)
    page = client.get(ACTIVATE_URL)
    secret = page.context["form"].secret
    response = client.post(ACTIVATE_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert path_of(response) == "/accounts/2fa/recovery-codes/"
    assert client.get(path_of(response)).status_code == 200

    assert client.get("/admin/").status_code == 200
    response = client.get("/intranet/")
    assert not (response.status_code == 302 and path_of(response) == ACTIVATE_URL)


def enrol_from(client: Client, activate_url: str) -> str:
    """Enrol an authenticator from `activate_url`, read the recovery codes, and
    follow their "go on" link; returns where that link leads."""
    secret = client.get(activate_url).context["form"].secret
    response = client.post(ACTIVATE_URL, {"code": current_totp_code(secret)})
    codes = client.get(path_of(response))
    assert codes.status_code == 200
    go_on = reverse("portal_home")
    assert f'href="{go_on}"' in codes.content.decode()
    return client.get(go_on)["Location"]


def test_after_enrolment_staff_go_on_to_the_page_they_asked_for(client):
    staff = StaffFactory(second_factor=False, is_superuser=True)
    target = f"/admin/pages/{Page.objects.get(depth=2).pk}/edit/"
    # (the test client re-encodes the query of each redirect it follows)
    login = unquote(client.get(target, follow=True).redirect_chain[-1][0])
    assert login == f"{LOGIN_URL}?next={target}"

    response = sign_in(client, staff.email, next_url=target)
    assert response["Location"] == target
    enrolment = client.get(target)["Location"]
    assert enrolment == f"{ACTIVATE_URL}?{urlencode({'next': target})}"

    assert enrol_from(client, enrolment) == target
    assert client.get(target).status_code == 200
    # Once: later the way home is the door again.
    assert client.get(reverse("portal_home"))["Location"] == "/intranet/"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://elders.example/admin/",
        "//elders.example/admin/",
        "http://testserver.elders.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_after_enrolment_an_outside_next_is_ignored(client, next_url):
    sign_in(client, StaffFactory(second_factor=False).email)
    activate_url = f"{ACTIVATE_URL}?{urlencode({'next': next_url})}"
    assert enrol_from(client, activate_url) == "/intranet/"


def test_removing_a_factor_still_asks_for_the_password(client):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.get("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert path_of(response) == "/accounts/reauthenticate/"


def test_api_answers_staff_without_second_factor_with_json_403(client):
    client.force_login(StaffFactory(second_factor=False))
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"


def test_demo_staff_is_not_forced_while_debug_is_on(client, settings):
    settings.DEBUG = True
    client.force_login(StaffFactory(email="ambtenaar@demo.lokaal", second_factor=False))
    response = client.get("/mijn-portaal/")
    assert response["Location"] == "/intranet/"


def test_demo_staff_is_forced_when_debug_is_off(client, settings):
    settings.DEBUG = False
    client.force_login(StaffFactory(email="ambtenaar@demo.lokaal", second_factor=False))
    assert path_of(client.get("/mijn-portaal/")) == ACTIVATE_URL


@pytest.mark.parametrize("make_user", [UserFactory, lambda: MembershipFactory().user])
def test_citizens_and_partners_are_never_forced(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.get("/mijn-portaal/")
    assert path_of(response) != ACTIVATE_URL
    assert client.get("/api/v1/me/").status_code == 200


# Sessions ------------------------------------------------------------------------


def test_a_remembered_session_lasts_the_configured_age(client, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    sign_in(client, UserFactory().email, remember=True)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert not client.session.get_expire_at_browser_close()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE


def test_without_remember_me_the_session_ends_with_the_browser(client, settings):
    sign_in(client, UserFactory().email)
    assert client.session.get_expire_at_browser_close()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_shorter_configured_age_is_honoured(client, settings):
    settings.SESSION_COOKIE_AGE = 60 * 30
    sign_in(client, UserFactory().email, remember=True)
    assert client.session.get_expiry_age() == 60 * 30


# The Wagtail admin signs in and out through allauth -------------------------------


def test_anonymous_admin_goes_to_the_account_login(client):
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    response = client.get(response["Location"])
    assert response["Location"] == f"{LOGIN_URL}?next=/admin/"
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == f"{LOGIN_URL}?next=/admin/pages/"


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_a_partner_in_the_admin_is_told_it_is_for_editors(client, path):
    partner = MembershipFactory().user
    client.force_login(partner)
    response = client.get(path, follow=True)
    assert response.status_code == 403
    text = response.content.decode()
    assert "De beheeromgeving is voor redacteurs" in text
    assert '<a href="/partners/">Naar het partnerportaal</a>' in text
    # Neither a second sign-in form nor Wagtail's bare refusal.
    assert 'name="password"' not in text
    assert "geen toegang tot de administratoropties" not in text


def test_an_editor_at_the_admin_login_goes_on_to_the_admin(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/admin/pages/"
    response = client.get("/admin/login/?next=https://elders.example/")
    assert response["Location"] == "/admin/"


def test_admin_opens_after_sign_in_and_code(client):
    staff = StaffFactory(second_factor=False, is_superuser=True)
    secret = enrol_second_factor(staff)
    sign_in(client, staff.email, next_url="/admin/")
    response = client.post(MFA_AUTHENTICATE_URL, {"code": current_totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wagtail_logout_ends_the_account_session(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert path_of(client.get("/admin/")) == "/admin/login/"
    assert path_of(client.get("/admin/login/")) == LOGIN_URL
    assert path_of(client.get("/accounts/email/")) == LOGIN_URL


# Rate limits on the configured cache ----------------------------------------------


def fail_until_refused(client: Client, email: str, *, attempts: int = 60):
    """Post wrong passwords until allauth answers 429; return the answers."""
    answers = []
    for _ in range(attempts):
        response = client.post(LOGIN_URL, {"login": email, "password": "fout"})
        answers.append(response)
        if response.status_code == 429:
            break
    return answers


def assert_failed_sign_ins_are_limited(client: Client):
    user = UserFactory()
    answers = fail_until_refused(client, user.email)
    codes = [answer.status_code for answer in answers]
    assert codes[-1] == 429, codes
    assert set(codes[:-1]) == {200}
    # After five failures for one address the form refuses every further try
    # (login_failed, per address); later the whole view answers 429 (login, per IP).
    assert "Te veel inlogpogingen" in answers[5].content.decode()
    assert "Te veel pogingen" in answers[-1].content.decode()
    # The right password does not get through either while the limit holds.
    assert sign_in(client, user.email).status_code == 429
    cache.clear()
    assert sign_in(client, user.email).status_code == 302


def test_failed_sign_ins_are_limited_on_the_database_cache(client, settings):
    assert (
        settings.CACHES["default"]["BACKEND"]
        == "django.core.cache.backends.db.DatabaseCache"
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_cache")
    sign_in(client, "niemand@example.test")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone()[0] > 0  # the counters live in the shared table
    cache.clear()
    assert_failed_sign_ins_are_limited(client)


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


REDIS_DB = 13  # a database of its own, emptied by each test


@pytest.mark.skipif(
    not redis_answers(),
    reason="Redis does not answer on 127.0.0.1:6379: start redis-server to test "
    "the rate limits on RedisCache",
)
def test_failed_sign_ins_are_limited_on_redis(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DB}",
        }
    }
    cache.clear()
    try:
        sign_in(client, "niemand@example.test")
        assert cache._cache.get_client().dbsize() > 0
        cache.clear()
        assert_failed_sign_ins_are_limited(client)
    finally:
        cache.clear()


# Single sign-on through the town's identity provider -------------------------------


def test_login_page_offers_staff_sign_on_only_when_configured(client, settings):
    assert "Aanmelden als medewerker" not in client.get(LOGIN_URL).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "town",
                    "name": "Aanmelden als medewerker",
                    "client_id": "portal",
                    "secret": "geheim",
                    "settings": {"server_url": "https://login.example.be"},
                }
            ]
        }
    }
    html = client.get(LOGIN_URL).content.decode()
    assert "Aanmelden als medewerker" in html
    assert "/accounts/oidc/town/login/" in html


def social_login(email: str) -> SocialLogin:
    user = UserFactory.build(email=email)
    account = SocialAccount(provider="town", uid="ambtenaar-1", extra_data={})
    return SocialLogin(user=user, account=account, email_addresses=[])


def test_accounts_made_by_the_identity_provider_are_staff(rf, settings):
    settings.OIDC_USERS_ARE_STAFF = True
    request = rf.get("/")
    request.session = Client().session
    sociallogin = social_login("ambtenaar@gemeente.example.be")
    user = SocialAccountAdapter(request).save_user(request, sociallogin)
    user.refresh_from_db()
    assert user.is_staff


def test_identity_provider_accounts_stay_citizens_when_so_configured(rf, settings):
    settings.OIDC_USERS_ARE_STAFF = False
    request = rf.get("/")
    request.session = Client().session
    user = SocialAccountAdapter(request).save_user(
        request, social_login("inwoner@example.be")
    )
    assert not user.is_staff


def test_a_single_sign_on_session_is_not_asked_for_a_second_factor(rf):
    staff = StaffFactory(second_factor=False)
    request = rf.get("/intranet/")
    request.session = Client().session
    request.user = staff
    assert lacks_required_second_factor(request)

    # allauth notes each sign-in step in the session, as its login flows do.
    record_authentication(request, staff, "password", email=staff.email)
    assert lacks_required_second_factor(request)

    request.session = Client().session
    record_authentication(
        request, staff, "socialaccount", provider="town", uid="ambtenaar-1"
    )
    assert not lacks_required_second_factor(request)


def test_reauthentication_window_bounds_enrolment_without_password(client):
    staff = StaffFactory(second_factor=False)
    sign_in(client, staff.email)
    later = time.time() + account_settings.REAUTHENTICATION_TIMEOUT + 1
    with mock.patch("portal.accounts.mfa.time.time", return_value=later):
        response = client.get(ACTIVATE_URL)
    assert path_of(response) == "/accounts/reauthenticate/"


def test_middleware_exempts_the_account_pages(client):
    client.force_login(StaffFactory(second_factor=False))
    assert client.get(reverse("account_logout")).status_code == 200
