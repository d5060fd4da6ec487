"""A signal's whole path in Chromium: a partner raises it, a coordinator registers
it, a civil servant puts it in a bundle, the organisation consents, an editor makes
the bundle in Wagtail's admin (choosing the signal with the signal chooser) and
submits it to moderation, a moderator approves it, and an anonymous visitor finds
it on the public site and through the search. The signal pages pass axe-core."""

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from cms.signals.models import Signal, SignalBundlePage, SignalState
from cms.site import ensure_home_page
from portal.models import Membership
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_editorial_workflow import (
    WORKFLOW_NAME,
    moderation_workflow,
    open_more_actions,
    sign_in,
    staff_in_group,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignalFactory,
    StaffFactory,
)

TITLE = "Geen crisisopvang voor gezinnen met kinderen"
OTHER_TITLE = "Te weinig plaatsen in de buitenschoolse opvang"
EDITION = "Signalenbundel 2026"


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
    editor = staff_in_group("redacteur@example.test", "Editors")
    moderator = staff_in_group("moderator@example.test", "Moderators")
    # Another registered signal, which the chooser lists until the editor searches.
    SignalFactory(state=SignalState.REGISTERED, title=OTHER_TITLE)
    # Bundles are published through the editorial workflow that governs the
    # portal's pages: Wagtail's "Goedkeuring door moderatoren", inherited from the root.
    assert moderation_workflow(home).name == WORKFLOW_NAME

    # The partner raises the signal and submits it.
    raising = session_page(new_context(), live_server, partner)
    raising.goto("/partners/signalen/nieuw/")
    assert_no_serious_axe_violations(raising)
    raising.get_by_role("button", name="Bewaren als concept").click()
    expect(raising.get_by_role("alert")).to_be_visible()  # missing fields, in Dutch
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
    expect(raising.locator("main")).to_contain_text("ingediend")

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

    # An editor makes the bundle under the home page (where the published bundles
    # live), picks the signal with the chooser, searching by its reference, and
    # submits the bundle to moderation.
    editing = sign_in(new_context(), editor, f"/admin/pages/{home.pk}/add_subpage/")
    editing.get_by_role("link", name=re.compile(r"^signalenbundel", re.I)).click()
    editing.wait_for_url(f"**/admin/pages/add/signals/signalbundlepage/{home.pk}/")
    editing.locator("#id_title").fill(EDITION)
    editing.locator("#id_edition").fill(EDITION)
    editing.locator("#id_bundle_signals-ADD").click()
    entry = editing.locator("#inline_child_bundle_signals-0")
    entry.get_by_role("button", name="Kies een signaal").click()
    chooser = editing.get_by_role("dialog")
    expect(chooser.get_by_role("link", name=OTHER_TITLE)).to_be_visible()
    chooser.get_by_label("Zoekterm").fill(signal.reference)
    expect(chooser.get_by_role("link", name=OTHER_TITLE)).to_have_count(0)
    chooser.get_by_role("link", name=TITLE).click()
    expect(chooser).to_be_hidden()
    expect(entry.locator("[data-chooser-title]")).to_contain_text(TITLE)
    entry.locator("#id_bundle_signals-0-recommendation").fill(
        "Voorzie nachtopvang voor gezinnen met kinderen."
    )
    open_more_actions(editing)
    editing.locator("button[name='action-submit']").click()
    editing.wait_for_url(f"**/admin/pages/{home.pk}/")
    expect(editing.locator(".messages")).to_contain_text(EDITION)

    bundle = SignalBundlePage.objects.get(title=EDITION)
    assert not bundle.live
    assert list(bundle.bundle_signals.values_list("signal", flat=True)) == [signal.pk]
    assert bundle.current_workflow_state.status == "in_progress"
    assert bundle.current_workflow_state.workflow.name == WORKFLOW_NAME
    visitor = new_context().new_page()
    assert visitor.goto(bundle.url).status == 404

    # A moderator approves it, which publishes it.
    reviewing = sign_in(new_context(), moderator, f"/admin/pages/{bundle.pk}/edit/")
    open_more_actions(reviewing)
    reviewing.locator(
        "button[data-workflow-action-name='approve']"
        ":not([data-workflow-action-modal-url])"
    ).click()
    reviewing.wait_for_url(f"**/admin/pages/{home.pk}/")
    bundle.refresh_from_db()
    assert bundle.live

    # An anonymous visitor finds it on the public site, and through the search.
    response = visitor.goto(bundle.url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_no_serious_axe_violations(visitor)

    visitor.goto("/zoeken/?q=crisisopvang")
    hits = visitor.locator(".search-hit__title")
    expect(hits.filter(has_text=TITLE)).to_have_count(1)
    hits.get_by_role("link", name=re.compile(re.escape(TITLE))).click()
    visitor.wait_for_url(f"**{bundle.url}#signaal-{signal.pk}")
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()


def test_the_intranet_signal_list_on_a_phone(new_context, live_server):
    """At 390 px the list of all signals filters, shows its signals as cards, keeps
    the page from scrolling sideways and passes axe-core, also with a filter
    explained as wrong; the timeline's state words lead to the legend."""
    civil_servant = StaffFactory(email="ambtenaar@example.test")
    SignalFactory(state=SignalState.REGISTERED, title=OTHER_TITLE)
    submitted = SignalFactory(state=SignalState.SUBMITTED, title=TITLE)
    page = session_page(
        new_context(viewport={"width": 390, "height": 844}), live_server, civil_servant
    )

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(page)

    page.goto("/intranet/signalen/")
    page.get_by_role(
        "link", name="Alle signalen: filteren, sorteren en downloaden"
    ).click()
    page.wait_for_url("**/intranet/signalen/alle/")
    expect(page.locator("main")).to_contain_text(OTHER_TITLE)
    fits()
    page.get_by_label("Status", exact=True).select_option(label="ingediend")
    page.get_by_role("button", name="Signalen tonen").click()
    page.wait_for_url("**/intranet/signalen/alle/?*status=submitted*")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_TITLE)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("als CSV-bestand"))).to_be_visible()
    expect(page.locator("dl.signal-legend dt")).to_have_count(len(SignalState))
    fits()

    page.goto("/intranet/signalen/alle/?jaar=abc")
    expect(page.locator("[data-form-errors]")).to_be_visible()
    expect(page.locator("#id_jaar")).to_have_attribute("aria-invalid", "true")
    fits()

    page.goto(f"/partners/signalen/{submitted.pk}/")
    expect(page.locator("#statussen")).to_have_text("Wat betekenen de statussen?")
    fits()
