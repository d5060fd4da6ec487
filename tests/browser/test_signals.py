"""A signal's whole path in Chromium: a partner raises it, a coordinator registers
it, a civil servant puts it in a bundle, the organisation consents, the bundle is
published through the admin, and an anonymous visitor finds it on the public site.
The signal pages pass axe-core."""

from django.conf import settings
from django.test import Client

from cms.signals.models import BundleSignal, Signal, SignalBundlePage, SignalState
from cms.site import ensure_home_page
from portal.models import Membership
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_editorial_workflow import open_more_actions, staff_in_group
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory

TITLE = "Geen crisisopvang voor gezinnen met kinderen"


def session_page(context, live_server, user):
    """A page signed in as `user`; a civil servant's session counts as signed in
    with the second factor they must use."""
    client = Client()
    client.force_login(user)
    if user.is_staff:
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password"},
            {"method": "mfa", "type": "totp"},
        ]
        session.save()
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


def test_a_signal_from_the_field_to_the_public_bundle(new_context, live_server):
    home = ensure_home_page()
    organisation = OrganisationFactory(name="De Brugwachter vzw", is_partner=True)
    partner = MembershipFactory(
        organisation=organisation, role=Membership.Role.COORDINATOR
    ).user
    civil_servant = StaffFactory(email="ambtenaar@example.test")
    moderator = staff_in_group("moderator@example.test", "Moderators")

    # The partner raises the signal and submits it.
    raising = session_page(new_context(), live_server, partner)
    raising.goto("/partners/signalen/nieuw/")
    assert_no_serious_axe_violations(raising)
    raising.get_by_role("button", name="Bewaren als concept").click()
    assert raising.get_by_role("alert").is_visible()  # missing fields, in Dutch
    assert_no_serious_axe_violations(raising)
    raising.get_by_label("Titel").fill(TITLE)
    raising.get_by_label("Omschrijving van het probleem").fill(
        "Gezinnen die hun woning verliezen, vinden 's nachts geen opvang."
    )
    raising.get_by_label("Wonen", exact=True).check()
    raising.get_by_role("button", name="Bewaren als concept").click()
    raising.wait_for_url("**/partners/signalen/*/")
    signal = Signal.objects.get(title=TITLE)
    assert_no_serious_axe_violations(raising)
    raising.get_by_role("button", name="Indienen").click()
    raising.wait_for_url("**/partners/signalen/*/#tijdlijn")
    assert "ingediend" in raising.locator("main").inner_text()

    # A signal coordinator registers it; a civil servant puts it in a bundle.
    steering = session_page(new_context(), live_server, civil_servant)
    steering.goto("/intranet/signalen/")
    steering.get_by_role("link", name=TITLE).click()
    steering.get_by_role("button", name="Registreren").click()
    steering.wait_for_url("**#tijdlijn")
    steering.get_by_role("button", name="In een bundel opnemen").click()
    steering.wait_for_url("**#tijdlijn")
    signal.refresh_from_db()
    assert signal.state == SignalState.BUNDLED

    # The organisation consents to publication.
    raising.goto(f"/partners/signalen/{signal.pk}/")
    raising.get_by_role("button", name="Toestemming geven tot publicatie").click()
    raising.wait_for_url("**#tijdlijn")
    signal.refresh_from_db()
    assert signal.consent_given

    # The bundle, drafted by an editor, is published in the admin.
    bundle = SignalBundlePage(
        title="Signalenbundel 2026", edition="Signalenbundel 2026", live=False
    )
    home.add_child(instance=bundle)
    BundleSignal.objects.create(page=bundle, signal=signal, recommendation="Opvang")
    bundle.save_revision()
    visitor = new_context().new_page()
    assert visitor.goto(bundle.url).status == 404

    publishing = session_page(new_context(), live_server, moderator)
    publishing.goto(f"/admin/pages/{bundle.pk}/edit/")
    open_more_actions(publishing)
    publishing.locator("button[name='action-publish']").click()
    publishing.wait_for_url(f"**/admin/pages/{home.pk}/")

    # An anonymous visitor finds it on the public site.
    response = visitor.goto(bundle.url)
    assert response.status == 200
    assert visitor.get_by_role("heading", name=TITLE).is_visible()
    assert_no_serious_axe_violations(visitor)
