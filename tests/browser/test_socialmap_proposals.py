"""Proposals for the social map in Chromium on a 390 px phone: the housing partner
proposes new opening hours (and a new description) for its service, first with a
mistake the form points out; a civil servant compares the parts side by side and
takes over the hours only; the public service page shows the new hours. A citizen
reports a mistake without an account. Every form page, with and without its
errors, passes axe-core, fits the screen and has its labels above the fields."""

import re

import pytest

from cms.socialmap.models import ProposalState, ServiceProposal
from portal.models import User
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.conftest import load_demo_committed
from tests.browser.test_portals import signed_in_page
from tests.browser.test_small_screens import LABEL_PROBLEMS, WIDTH
from tests.factories import enrol_second_factor

CLOSES = re.compile(r"^Tot\b")
SERVICE = "Inschrijven voor een sociale huurwoning"
NEW_DESCRIPTION = "Schrijf u in op het woonregister, ook online met uw eID."


@pytest.fixture
def demo(transactional_db):
    load_demo_committed()


@pytest.fixture
def phone(new_context, live_server):
    """A page at 390 px, signed in as the demo account given (None: anonymous)."""

    def make(email: str | None):
        context = new_context(viewport={"width": WIDTH, "height": 844})
        if email is None:
            return context.new_page()
        user = User.objects.get(email=email)
        if user.is_staff:  # staff work with a second factor
            enrol_second_factor(user)
        return signed_in_page(context, live_server, user)

    return make


def fits_and_passes(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    assert page.evaluate(LABEL_PROBLEMS) == [], page.url
    assert_no_serious_axe_violations(page)


def test_new_opening_hours_from_proposal_to_public_page(demo, phone):
    partner = phone("partner2@demo.lokaal")
    partner.goto("/partners/sociale-kaart/")
    partner.get_by_role("link", name=SERVICE).click()
    partner.wait_for_load_state()
    fits_and_passes(partner)

    first_rule = partner.get_by_role("group", name="Regel 1")
    first_rule.get_by_label("Dagen").fill("MO,WE,FR")
    first_rule.get_by_label("Open van").fill("08:30")
    first_rule.get_by_label(CLOSES).fill("")
    partner.get_by_label("Wat kun je vragen?").fill(NEW_DESCRIPTION)
    partner.get_by_role("button", name="Voorstel versturen").click()
    partner.wait_for_load_state()
    summary = partner.locator("[data-form-errors]")
    assert summary.is_visible()
    assert "Geef zowel een openings- als een sluitingsuur." in summary.inner_text()
    assert not ServiceProposal.objects.exists()
    fits_and_passes(partner)

    first_rule = partner.get_by_role("group", name="Regel 1")
    first_rule.get_by_label(CLOSES).fill("12:30")
    partner.get_by_role("button", name="Voorstel versturen").click()
    partner.wait_for_load_state()
    assert partner.get_by_text("Je voorstel is bewaard").is_visible()
    proposal = ServiceProposal.objects.get()
    assert set(proposal.changes) == {"description", "schedules"}

    reviewer = phone("ambtenaar@demo.lokaal")
    reviewer.goto("/intranet/")
    reviewer.get_by_role("link", name=SERVICE).first.click()
    reviewer.wait_for_load_state()
    assert "<ins>" in reviewer.content()
    assert reviewer.get_by_text("maandag, woensdag, vrijdag: 08:30–12:30").is_visible()
    fits_and_passes(reviewer)
    reviewer.get_by_role(
        "button", name="Aangevinkte overnemen, de rest afwijzen"
    ).click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("[data-form-errors]").is_visible()  # nothing ticked
    fits_and_passes(reviewer)
    reviewer.get_by_label("Overnemen: Openingsuren en uitzonderingen").check()
    reviewer.get_by_role(
        "button", name="Aangevinkte overnemen, de rest afwijzen"
    ).click()
    reviewer.wait_for_load_state()
    assert reviewer.get_by_text(
        "De gekozen onderdelen staan nu op de pagina"
    ).is_visible()
    fits_and_passes(reviewer)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PARTLY_ACCEPTED
    assert proposal.decisions == {"schedules": "accepted", "description": "rejected"}

    citizen = phone(None)
    citizen.goto(f"/sociale-kaart/diensten/{proposal.service_id}/")
    hours = citizen.locator(".socialmap-hours")
    assert "08:30–12:30" in hours.inner_text()
    assert "09:00–12:00" not in hours.inner_text()
    assert NEW_DESCRIPTION not in citizen.content()


def test_a_citizen_reports_a_mistake_on_a_phone(demo, phone):
    citizen = phone(None)
    citizen.goto("/sociale-kaart/")
    citizen.get_by_role("link", name=SERVICE).first.click()
    citizen.wait_for_load_state()
    citizen.get_by_role("link", name="Meld een fout").click()
    citizen.wait_for_load_state()
    fits_and_passes(citizen)
    assert citizen.get_by_label("Laat dit veld leeg").is_hidden()

    citizen.get_by_role("button", name="Melding versturen").click()
    citizen.wait_for_load_state()
    assert citizen.locator("[data-form-errors]").is_visible()
    fits_and_passes(citizen)

    citizen.get_by_label("Waarover gaat het?").select_option(
        label="Openingsuren of sluitingsdagen"
    )
    citizen.get_by_label("Wat klopt er niet?").fill("Op woensdag is het loket dicht.")
    citizen.get_by_role("button", name="Melding versturen").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_text("Bedankt voor je melding").is_visible()
    report = ServiceProposal.objects.get()
    assert report.message == "Op woensdag is het loket dicht."
    assert report.proposed_by is None
