"""The headers every answer carries: an enforced Content-Security-Policy (strict on
the site, with the admin's and Redoc's additions on their own paths only), the
Permissions-Policy, and `Cache-Control: private` with `Vary` on answers that depend
on who asks (a session or a session token), while anonymous pages stay cacheable."""

import re

import pytest
from django.conf import settings
from django.template import loader
from rest_framework.test import APIClient

from portal.headers.csp import inline_style_hashes, source_of
from tests.factories import PortalDocumentFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
APP_LOGIN_URL = "/_allauth/app/v1/auth/login"


def directives(response) -> dict[str, list[str]]:
    assert "Content-Security-Policy-Report-Only" not in response
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v}


def cache_control(response) -> set[str]:
    return {
        v.strip().lower() for v in response.get("Cache-Control", "").split(",") if v
    }


# Content-Security-Policy -----------------------------------------------------------


def test_the_site_policy_is_strict_and_enforced(client, home):
    csp = directives(client.get("/"))
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert source_of(settings.SOCIALMAP_TILE_URL) in csp["img-src"]


def test_inline_scripts_carry_the_nonce_of_the_answer(client):
    response = client.get("/api/docs/")
    nonce = re.search(r"'nonce-([^']+)'", " ".join(directives(response)["script-src"]))
    assert nonce
    html = response.content.decode()
    assert f'<script nonce="{nonce.group(1)}">' in html
    assert re.search(r"<script>", html) is None


def test_the_admin_allows_inline_styles_but_no_inline_scripts(client):
    client.force_login(StaffFactory(is_superuser=True))
    csp = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in csp["style-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "https://releases.wagtail.org" in csp["connect-src"]


@pytest.mark.parametrize(
    "path, initialiser",
    [
        # Date and time pickers (go-live and expiry) in the page editor.
        ("/admin/pages/{home}/edit/", 'data-csp-call="initDateTimeChooser"'),
        # An inline panel whose (template) child holds a model chooser.
        (
            "/admin/pages/add/signals/signalbundlepage/{home}/",
            'data-csp-construct="InlinePanel"',
        ),
    ],
)
def test_the_admin_forms_have_no_inline_scripts(client, home, path, initialiser):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(path.format(home=home.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert initialiser in html
    inline = re.findall(r"<script(?![^>]*\b(?:src|type)=)[^>]*>", html)
    assert inline == []


def test_a_chooser_is_started_from_data_attributes(client, home):
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get(
        f"/admin/pages/add/signals/signalbundlepage/{home.pk}/"
    ).content.decode()
    assert re.search(
        r'data-csp-construct="[\w.]*Chooser" '
        r'data-csp-target="id_bundle_signals-__prefix__-signal"',
        html,
    ), "the signal chooser in the inline panel's form template"


def test_redoc_alone_gets_inline_styles_and_a_blob_worker(client):
    csp = directives(client.get("/api/docs/redoc/"))
    assert "'unsafe-inline'" in csp["style-src"]
    assert "blob:" in csp["worker-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "worker-src" not in directives(client.get("/api/docs/"))


def test_the_500_page_style_is_allowed_by_its_hash(client):
    html = loader.get_template("500.html").render()
    assert "<style>" in html
    hashes = inline_style_hashes(settings.BASE_DIR / "theme/templates/500.html")
    assert hashes
    style_src = directives(client.get("/accounts/login/"))["style-src"]
    assert set(hashes) <= set(style_src)


@pytest.mark.parametrize(
    "url, source",
    [
        (
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tile.openstreetmap.org",
        ),
        ("https://{s}.tile.example.be/{z}/{x}/{y}.png", "https://*.tile.example.be"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("", None),
        ("/relative/{z}.png", None),
    ],
)
def test_the_source_of_a_tile_url(url, source):
    assert source_of(url) == source


# Permissions-Policy ----------------------------------------------------------------


def test_the_permissions_policy_grants_no_device_or_sensor(client):
    response = client.get("/accounts/login/")
    policy = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature
    assert policy["publickey-credentials-get"] == "(self)"


# Cache-Control and Vary ------------------------------------------------------------


def test_an_anonymous_page_stays_cacheable(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "private" not in cache_control(response)


def test_a_signed_in_page_is_private(client, home):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert "cookie" in vary(response)


def test_an_anonymous_api_answer_varies_on_the_token_and_stays_cacheable(home):
    response = APIClient().get("/api/v1/search/", {"q": "wonen"})
    assert response.status_code == 200
    assert "x-session-token" in vary(response)
    assert "private" not in cache_control(response)


def test_an_api_answer_with_a_session_is_private(home):
    api = APIClient()
    api.force_login(UserFactory())
    response = api.get("/api/v1/me/")
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert {"cookie", "x-session-token"} <= vary(response)


def test_an_api_answer_with_a_session_token_is_private(home):
    user = UserFactory()
    api = APIClient()
    login = api.post(
        APP_LOGIN_URL, {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert login.status_code == 200, login.json()
    token = login.json()["meta"]["session_token"]
    response = APIClient().get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert "private" in cache_control(response)
    assert "x-session-token" in vary(response)


def test_a_public_file_stays_public_for_a_signed_in_person(client):
    """A view that declares its answer public (the same for everyone) keeps it."""
    document = PortalDocumentFactory()
    client.force_login(UserFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert "public" in cache_control(response)
    assert "private" not in cache_control(response)
