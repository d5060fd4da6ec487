"""The two signed-in doors in Chromium: a partner signs in and lands on the partner
portal; a citizen asks to join an organisation, its coordinator approves with the
keyboard, and the citizen enters; both dashboards pass axe-core."""

import datetime
import re

from django.conf import settings
from django.test import Client
from django.utils import timezone

from cms.selectors import quarter_bounds
from cms.site import ensure_home_page
from portal.models import Membership
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import (
    ContentPageFactory,
    GoalFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory's password
ORGANISATION = "De Brugwachter vzw"


def action(verb: str, target: str) -> re.Pattern:
    """The accessible name of a button "verb" whose target is visually hidden text
    (Chromium may put a space before the colon)."""
    return re.compile(rf"^{re.escape(verb)}\s*:\s*{re.escape(target)}$")


def sign_in(context, email: str, next_url: str = ""):
    """Sign in on allauth's form (fields found by name) and return the page."""
    page = context.new_page()
    page.goto(f"/accounts/login/{f'?next={next_url}' if next_url else ''}")
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name='password']").press("Enter")
    return page


def signed_in_page(context, live_server, user):
    """A page whose context carries a session of `user` (for accounts whose sign-in
    is tested elsewhere, such as a civil servant's with a second factor)."""
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
    return context.new_page()


def partner_world():
    """A partner organisation with its coordinator, a goal it carries, a page for
    partners, a request to join and an open invitation."""
    home = ensure_home_page()
    organisation = OrganisationFactory(name=ORGANISATION, is_partner=True)
    coordinator = MembershipFactory(
        organisation=organisation,
        role=Membership.Role.COORDINATOR,
        user__email="partner@example.test",
        user__first_name="Pia",
        user__last_name="Partner",
    ).user
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    goal = GoalFactory(
        plan=plan,
        code="OD 4.2.2",
        title="Een ontmoetingsplek in elke deelgemeente",
        status=goal_status("gepland"),
    )
    goal.owner_organisations.add(organisation)
    ContentPageFactory(parent=home, title="Verslag welzijnsforum", audience="partners")
    MembershipFactory(
        organisation=organisation,
        status=Membership.Status.REQUESTED,
        user__email="kandidaat@example.test",
    )
    InvitationFactory(
        organisation=organisation,
        email="nieuwe.collega@example.test",
        invited_by=coordinator,
    )
    return organisation, coordinator


def test_a_partner_signs_in_and_lands_on_the_partner_portal(new_context):
    partner_world()
    page = sign_in(new_context(), "partner@example.test")
    page.wait_for_url("**/partners/")
    assert page.locator("h1").inner_text() == "Partnerportaal"
    nav = page.get_by_role("navigation", name="Menu van het partnerportaal")
    assert nav.get_by_role("link", name="Overzicht").get_attribute("aria-current")
    main = page.locator("main")
    assert ORGANISATION in main.inner_text()
    assert "kandidaat@example.test" in main.inner_text()
    assert "nieuwe.collega@example.test" in main.inner_text()
    assert "Een ontmoetingsplek in elke deelgemeente" in main.inner_text()
    assert "Verslag welzijnsforum" in main.inner_text()
    assert_no_serious_axe_violations(page)

    # The organisation page, with the member list and the invitation form.
    nav.get_by_role("link", name="Mijn organisatie").click()
    page.wait_for_url("**/partners/organisaties/de-brugwachter-vzw/")
    assert page.locator("h1").inner_text() == ORGANISATION
    assert_no_serious_axe_violations(page)

    # Signing out is a form in the header.
    with page.expect_navigation():
        page.get_by_role("button", name="Afmelden").click()
    assert page.goto("/partners/").url.split("?")[0].endswith("/accounts/login/")


def test_a_citizen_joins_and_the_coordinator_approves(new_context):
    _, coordinator = partner_world()
    citizen_user = UserFactory(
        email="inwoner@example.test", first_name="Ina", last_name="Inwoner"
    )

    # The citizen finds the partner portal closed, and the way to join.
    citizen = sign_in(new_context(), citizen_user.email)
    response = citizen.goto("/partners/")
    assert response.status == 403
    assert citizen.locator("h1").inner_text() == "Het partnerportaal is voor partners"
    citizen.get_by_role("link", name="Lid worden van een organisatie").click()
    citizen.wait_for_url("**/partners/lid-worden/")
    assert_no_serious_axe_violations(citizen)
    citizen.get_by_role("button", name=action("Lid worden", ORGANISATION)).click()
    citizen.wait_for_url("**/partners/lid-worden/")
    assert "wacht op goedkeuring" in citizen.locator("main").inner_text()

    # The coordinator approves from the dashboard, with the keyboard.
    coordinating = sign_in(new_context(), coordinator.email)
    coordinating.wait_for_url("**/partners/")
    approve = coordinating.get_by_role(
        "button", name=action("Goedkeuren", f"Ina Inwoner, {ORGANISATION}")
    )
    approve.focus()
    with coordinating.expect_navigation():
        coordinating.keyboard.press("Enter")
    assert "Ina Inwoner is nu lid van" in coordinating.locator("main").inner_text()
    membership = Membership.objects.get(user=citizen_user)
    assert membership.status == Membership.Status.ACTIVE

    # The citizen enters the partner portal at once.
    response = citizen.goto("/partners/")
    assert response.status == 200
    assert ORGANISATION in citizen.locator("main").inner_text()


def test_the_intranet_dashboard_has_no_serious_axe_violations(new_context, live_server):
    organisation, _ = partner_world()
    plan = organisation.goal_set.first().plan
    today = timezone.localdate()
    _, quarter_end = quarter_bounds(today)
    due = GoalFactory(plan=plan, code="A 6.2.1.2", status=goal_status("lopend"))
    due.end_date = quarter_end
    due.save()
    late = GoalFactory(plan=plan, code="OD 6.2.1", status=goal_status("vertraagd"))
    late.end_date = today - datetime.timedelta(days=7)
    late.save()

    page = signed_in_page(new_context(), live_server, StaffFactory())
    assert page.goto("/intranet/").status == 200
    assert page.locator("h1").inner_text() == "Intranet"
    main = page.locator("main")
    assert "kandidaat@example.test" in main.inner_text()
    assert "A 6.2.1.2" in main.inner_text() and "OD 6.2.1" in main.inner_text()
    assert_no_serious_axe_violations(page)

    # The keyboard: the skip link first, then into the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hoofdinhoud"
