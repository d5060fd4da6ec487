"""The Content-Security-Policy in Chromium: every door, the social map, the account
pages (with the authenticator's QR code), Wagtail's page editor (StreamField, rich
text, image chooser, preview) and the API docs work under the enforced policy, and
the browser reports no violation on any of them.

Violations are collected twice: from Chromium's console ("Refused to ...") and from
the `securitypolicyviolation` events of every document and frame."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from cms.site import ensure_home_page
from cms.socialmap.demo.loader import ensure_social_map
from cms.socialmap.models import Service
from portal.models import Membership
from tests.factories import (
    ContentPageFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    PortalImageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(
        "CSP violation: " + event.effectiveDirective + " blocked " +
        (event.blockedURI || "inline") + " in " + event.documentURI +
        " (" + (event.sourceFile || "?") + ":" + event.lineNumber + ")"
    );
}, true);
"""

# The one request the policy blocks on purpose: Redoc's footer logo from Redocly's
# CDN (no option turns it off; the visitor's browser should not call a third party,
# and Redoc hides the image when it fails).
INTENDED_BLOCK = "https://cdn.redoc.ly/redoc/logo-mini.svg"


class ViolationLog:
    """The CSP violations the browser reported in one context, in every page and
    frame of it."""

    def __init__(self, context):
        self.messages: list[str] = []
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self.record)

    def record(self, message) -> None:
        text = message.text
        if (
            message.type == "error"
            and ("Content Security Policy" in text or "CSP violation" in text)
            and INTENDED_BLOCK not in text
        ):
            self.messages.append(text)

    def assert_none(self, where: str) -> None:
        assert self.messages == [], f"{where}:\n" + "\n".join(self.messages)


@pytest.fixture
def watched(new_context):
    """A new browser context with its violation log."""

    def make():
        context = new_context()
        return context, ViolationLog(context)

    return make


def visit(page, log: ViolationLog, path: str) -> None:
    """Open `path`, let its scripts and requests settle, and fail on a violation."""
    response = page.goto(path)
    assert response.status < 400, (path, response.status)
    assert "Content-Security-Policy" in response.headers or (
        "content-security-policy" in response.headers
    ), path
    page.wait_for_load_state("networkidle")
    log.assert_none(path)


def sign_in_session(context, live_server, user) -> None:
    """Give the context a session of `user` (a civil servant's counts as signed in
    with the second factor)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def portal_content():
    """A home page, a content page, a plan with a goal (status colour, progress bar)
    and a partner organisation with its coordinator."""
    home = ensure_home_page()
    page = ContentPageFactory(parent=home, title="Armoede in onze gemeente")
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    goal = GoalFactory(plan=plan, code="OD 1.1", title="Niemand valt uit de boot")
    goal.status = goal_status("lopend")
    goal.save()
    organisation = OrganisationFactory(name="De Brugwachter vzw", is_partner=True)
    goal.owner_organisations.add(organisation)
    coordinator = MembershipFactory(
        organisation=organisation,
        role=Membership.Role.COORDINATOR,
        user__email="partner@example.test",
    ).user
    return {"page": page, "plan": plan, "coordinator": coordinator}


def test_public_pages_search_and_account_forms(watched, portal_content):
    context, log = watched()
    page = context.new_page()
    for path in (
        "/",
        portal_content["page"].url,
        portal_content["plan"].url,
        "/zoeken/?q=armoede",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ):
        visit(page, log, path)

    # A refused sign-in focuses the form's error summary (a script from a file).
    page.goto("/accounts/login/")
    page.locator("input[name='login']").fill("niemand@example.test")
    page.locator("input[name='password']").fill("fout-wachtwoord-1")
    with page.expect_navigation():
        page.locator("input[name='password']").press("Enter")
    assert page.evaluate("document.activeElement.dataset.formErrors") is not None
    log.assert_none("refused sign-in")


def test_the_social_map_with_its_tiles(watched):
    ensure_home_page()
    ensure_social_map()
    context, log = watched()
    page = context.new_page()
    visit(page, log, "/sociale-kaart/?q=huurachterstal")
    service = Service.objects.filter(name="Hulp bij huurachterstal").first()
    assert service is not None
    page.get_by_role("link", name=service.name).first.click()
    page.locator("[data-socialmap-map][data-ready=true]").wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    # Leaflet asked for tiles from SOCIALMAP_TILE_URL's host: the policy allows
    # them (the test browser resolves no outside host, so they fail to load).
    tiles = page.locator("img.leaflet-tile")
    assert tiles.count() > 0
    assert tiles.first.get_attribute("src").startswith("https://tile.")
    page.wait_for_load_state("networkidle")
    log.assert_none(page.url)


def test_the_partner_portal_after_signing_in(watched, portal_content):
    context, log = watched()
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name='login']").fill("partner@example.test")
    page.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name='password']").press("Enter")
    page.wait_for_url("**/partners/")
    log.assert_none("sign-in")
    for path in (
        "/partners/",
        "/partners/organisaties/de-brugwachter-vzw/",
        "/partners/paginas/",
        "/partners/zoeken/?q=armoede",
    ):
        visit(page, log, path)


def test_the_intranet_and_the_second_factor_pages(watched, live_server, portal_content):
    context, log = watched()
    sign_in_session(context, live_server, StaffFactory())
    page = context.new_page()
    for path in ("/intranet/", "/accounts/2fa/", "/accounts/email/"):
        visit(page, log, path)

    # A citizen who just signed in enrols an authenticator app: the QR code is a
    # data: image. Then the form for a security key (WebAuthn).
    citizen = UserFactory()
    context, log = watched()
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name='login']").fill(citizen.email)
    page.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name='password']").press("Enter")
    visit(page, log, "/accounts/2fa/totp/activate/")
    qr = page.locator("main img").first
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert page.evaluate("(img) => img.naturalWidth > 0", qr.element_handle())
    visit(page, log, "/accounts/2fa/webauthn/add/")
    expect(page.locator("main form")).to_be_visible()


def test_the_api_docs(watched):
    context, log = watched()
    page = context.new_page()
    visit(page, log, "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Lokaal sociaal beleid API"
    )
    expect(page.locator(".opblock").first).to_be_visible()
    log.assert_none("Swagger UI")

    visit(page, log, "/api/docs/redoc/")
    expect(page.locator("#redoc-container h1").first).to_contain_text(
        "Lokaal sociaal beleid API"
    )
    log.assert_none("Redoc")


@pytest.mark.xfail(
    reason=(
        "Draftail (Draft.js) keeps typed text out of its state in Chromium 156 "
        "(Debian, December 2026): the text shows in the editor, the form sends an "
        "empty paragraph, so the preview lacks it. Upstream, in Wagtail's rich text "
        "editor; passes with the earlier Chromium."
    ),
    strict=False,
)
def test_the_admin_page_editor(watched, live_server, portal_content):
    PortalImageFactory(title="Ontmoetingsplek")
    admin = StaffFactory(is_superuser=True)
    context, log = watched()
    sign_in_session(context, live_server, admin)
    page = context.new_page()
    visit(page, log, "/admin/")
    visit(page, log, "/admin/images/")
    content_page = portal_content["page"]
    home = content_page.get_parent()
    visit(page, log, f"/admin/pages/{content_page.pk}/edit/")

    # StreamField: add a text block and type in its rich text editor (Draftail).
    page.locator("[data-streamfield-stream-container] button[title]").first.click()
    page.get_by_role("option", name="Tekst").click()
    editor = page.locator(".Draftail-Editor [contenteditable=true]").last
    editor.click()
    editor.type("Een ontmoetingsplek in elke deelgemeente.")
    log.assert_none("StreamField and rich text")

    # The preview panel: the page, with the new text, in a same-origin frame.
    preview_toggle = page.locator("[data-side-panel-toggle='preview']")
    preview_toggle.click()
    frame = page.frame_locator("iframe[src*='in_preview_panel']").last
    expect(frame.locator("h1")).to_contain_text(content_page.title)
    expect(frame.locator("main")).to_contain_text("Een ontmoetingsplek")
    page.wait_for_load_state("networkidle")
    log.assert_none("preview")
    preview_toggle.click()

    # The image chooser: a modal that loads its listing (with thumbnails).
    page.locator("[data-streamfield-stream-container] button[title]").last.click()
    page.get_by_role("option", name="Afbeelding").click()
    page.get_by_role("button", name="Kies een afbeelding").last.click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text("Ontmoetingsplek")).to_be_visible()
    page.wait_for_load_state("networkidle")
    log.assert_none("image chooser")
    page.locator(".modal button[data-dismiss='modal']").first.click()
    expect(page.locator(".modal-content")).to_have_count(0)

    # An inline panel (added in the browser) with a model chooser in it.
    visit(page, log, f"/admin/pages/add/signals/signalbundlepage/{home.pk}/")
    page.locator("#id_bundle_signals-ADD").click()
    entry = page.locator("#inline_child_bundle_signals-0")
    entry.get_by_role("button", name="Kies een signaal").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.wait_for_load_state("networkidle")
    log.assert_none("inline panel and chooser")

    # The live page, with the admin's user bar.
    visit(page, log, content_page.url)
