"""The consultation cycle in Chromium: a civil servant asks a body for urgent
advice on the intranet; the chair prepares it, writes three recommendations,
records the body's adoption, publishes it and submits it to the town; the civil
servant answers each recommendation and records the town's answer; an anonymous
visitor finds advice and answer through the search and on the body's page. Every
page passes axe-core, and the pages of the cycle fit a phone's width."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.bodies.models import Advice, AdviceState, AgendaItem, MinutesState
from cms.site import ensure_home_page
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_signals import session_page
from tests.factories import (
    AdviceFactory,
    BodyFactory,
    BodyMemberFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
)

A = AdviceState
BODY = "Werkgroep Welzijn en Samenleven"
ORGANISATION = "De Brugwachter vzw"
TITLE = "Een sociale kruidenier in elke deelgemeente"
QUESTION = "Hoe bereiken we gezinnen die de sociale kruidenier niet vinden?"
ADVICE_TEXT = "De werkgroep sprak met de kruideniers en met gezinnen in armoede."
RECOMMENDATIONS = [
    "Open een tweede winkelpunt in de deelgemeente Heide.",
    "Verleng de openingsuren op zaterdag.",
    "Laat gezinnen zonder doorverwijzing binnen.",
]
# A word as long as the ones the town's texts hold, to test the wrapping.
LONG_WORD = "Samenwerkingsovereenkomstenbegeleidingsinstrumentarium"
#: Set to a folder to keep the screenshots of the layout test (e.g. /tmp).
SCREENSHOTS = os.environ.get("BODIES_SCREENSHOTS")


def body_with_seats():
    """A public body that gives advice, chaired by a partner, with its contact
    civil servant."""
    civil_servant = StaffFactory(
        email="ambtenaar@demo.lokaal", first_name="An", last_name="Ambtenaar"
    )
    body = BodyFactory(
        name=BODY,
        gives_advice=True,
        is_public=True,
        contact_civil_servant=civil_servant,
    )
    organisation = OrganisationFactory(name=ORGANISATION, is_partner=True)
    chair = MembershipFactory(
        organisation=organisation,
        user__email="voorzitter@demo.lokaal",
        user__first_name="Vera",
        user__last_name="Voorzitter",
    ).user
    BodyMemberFactory(body=body, user=chair, organisation=organisation, role="chair")
    return body, chair, civil_servant


def form_headed(page, heading):
    """The form of the workspace under this heading."""
    return page.locator("form").filter(has=page.get_by_role("heading", name=heading))


def step(page, label):
    """Take a step of the advice's lifecycle: its button, then back at the
    timeline."""
    page.get_by_role("button", name=label).click()
    page.wait_for_url("**#tijdlijn")


def test_urgent_advice_from_the_request_to_the_public_answer(new_context, live_server):
    ensure_home_page()
    body, chair, civil_servant = body_with_seats()

    # The civil servant asks the body for urgent advice on the intranet.
    town = session_page(new_context(), live_server, civil_servant)
    assert town.goto("/intranet/advies/").status == 200
    assert_no_serious_axe_violations(town)
    town.get_by_role("link", name="Advies vragen aan een orgaan").click()
    town.wait_for_url("**/intranet/advies/vragen/")
    assert_no_serious_axe_violations(town)
    # Sent empty, the form says in Dutch what is missing, beside each field.
    town.get_by_role("button", name="Advies vragen").click()
    expect(town.get_by_role("alert")).to_contain_text("Niet bewaard")
    expect(town.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_axe_violations(town)
    town.get_by_role("combobox", name="Orgaan").select_option(label=BODY)
    town.get_by_label("Titel").fill(TITLE)
    town.get_by_label(re.compile("^Vraag")).fill(QUESTION)
    town.get_by_label(re.compile("^Hoogdringend")).check()
    town.get_by_role("button", name="Advies vragen").click()
    town.wait_for_url("**/partners/overleg/adviezen/*/")
    advice = Advice.objects.get(title=TITLE)
    assert advice.urgent and advice.state == A.REQUESTED
    assert advice.asked_on == timezone.localdate()
    main = town.locator("main")
    expect(main).to_contain_text("Het advies is gevraagd aan")
    expect(main).to_contain_text("14 kalenderdagen na de vraag, hoogdringend")
    assert_no_serious_axe_violations(town)

    # The body puts it on the agenda of its (open) meeting; the minutes are out.
    meeting = MeetingFactory(
        body=body,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=22),
        minutes="De werkgroep keurt het advies over de sociale kruidenier goed.",
        minutes_state=MinutesState.PUBLISHED,
    )
    AgendaItem.objects.create(meeting=meeting, title=TITLE, advice=advice, order=1)

    # The chair finds it in the body's workspace and prepares it.
    chairing = session_page(new_context(), live_server, chair)
    assert chairing.goto(f"/partners/overleg/{body.pk}/").status == 200
    assert_no_serious_axe_violations(chairing)
    chairing.get_by_role("link", name=TITLE).first.click()
    chairing.wait_for_url(f"**/partners/overleg/adviezen/{advice.pk}/")
    step(chairing, "Voorbereiding starten")
    writing = form_headed(chairing, "Tekst en aanbevelingen schrijven")
    writing.get_by_label("Tekst van het advies").fill(ADVICE_TEXT)
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        writing.get_by_label(re.compile(rf"^Aanbeveling {number}\b")).fill(text)
    assert_no_serious_axe_violations(chairing)
    writing.get_by_role("button", name="Bewaren").click()
    expect(chairing.locator("main")).to_contain_text(
        "De tekst en de aanbevelingen zijn bewaard."
    )
    assert list(advice.recommendations.values_list("text", flat=True)) == (
        RECOMMENDATIONS
    )

    # The body adopts it; the chair makes it public and submits it to the town.
    step(chairing, "Goedkeuring door het orgaan registreren")
    chairing.get_by_role("button", name="Openbaar maken").click()
    expect(chairing.locator("main")).to_contain_text("Het advies is openbaar.")
    step(chairing, "Aan het bestuur bezorgen")
    advice.refresh_from_db()
    assert advice.state == A.SUBMITTED and advice.published
    expect(chairing.locator("main")).to_contain_text(
        "Het bestuur antwoordt uiterlijk op"
    )
    assert_no_serious_axe_violations(chairing)

    # The civil servant answers each recommendation. "Not taken over" without a
    # reason is refused in Dutch, and nothing is saved.
    town.goto(f"/partners/overleg/adviezen/{advice.pk}/")
    assert_no_serious_axe_violations(town)
    first = form_headed(town, "Antwoord op aanbeveling 1")
    first.get_by_label("overgenomen", exact=True).check()
    first.get_by_role("button", name="Antwoord bewaren").click()
    expect(town.locator("main")).to_contain_text(
        "Het antwoord op aanbeveling 1 is bewaard."
    )

    second = form_headed(town, "Antwoord op aanbeveling 2")
    second.get_by_label("gedeeltelijk overgenomen").check()
    second.get_by_label("Motivering").fill(
        "Op zaterdag langer open, op zondag blijft de winkel dicht."
    )
    # With the keyboard: from the reason to the button, and Enter.
    second.get_by_label("Motivering").press("Tab")
    expect(second.get_by_role("button", name="Antwoord bewaren")).to_be_focused()
    with town.expect_navigation():
        town.keyboard.press("Enter")
    expect(town.locator("main")).to_contain_text(
        "Het antwoord op aanbeveling 2 is bewaard."
    )

    third = form_headed(town, "Antwoord op aanbeveling 3")
    third.get_by_label("niet overgenomen").check()
    third.get_by_role("button", name="Antwoord bewaren").click()
    refusal = town.get_by_role("alert")
    expect(refusal).to_contain_text("Niet bewaard")
    third = form_headed(town, "Antwoord op aanbeveling 3")
    expect(third.get_by_label("Motivering")).to_have_attribute("aria-invalid", "true")
    assert advice.recommendations.get(number=3).answer == ""
    assert_no_serious_axe_violations(town)
    third.get_by_label("niet overgenomen").check()
    third.get_by_label("Motivering").fill(
        "Een doorverwijzing blijft nodig om de voorraad eerlijk te verdelen."
    )
    third.get_by_role("button", name="Antwoord bewaren").click()
    expect(town.locator("main")).to_contain_text(
        "Het antwoord op aanbeveling 3 is bewaard."
    )
    step(town, "Antwoord van het bestuur registreren")
    advice.refresh_from_db()
    assert advice.state == A.ANSWERED
    assert list(
        advice.recommendations.order_by("number").values_list("answer", flat=True)
    ) == ["taken_over", "partly", "not_taken_over"]
    assert_no_serious_axe_violations(town)

    # An anonymous visitor finds the advice and the answer through the search...
    visitor = new_context().new_page()
    visitor.goto("/zoeken/?q=kruidenier")
    hits = visitor.locator(".search-hit__title")
    expect(hits.filter(has_text=TITLE)).to_have_count(1)
    assert_no_serious_axe_violations(visitor)
    visitor.goto("/zoeken/?q=voorraad")
    expect(hits.filter(has_text=TITLE)).to_have_count(1)  # the answer is indexed
    hits.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url(f"**/overleg/adviezen/{advice.pk}/")
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    answers = visitor.locator("#aanbevelingen").locator("..")
    for text in RECOMMENDATIONS:
        expect(answers).to_contain_text(text)
    expect(answers).to_contain_text("gedeeltelijk overgenomen")
    expect(answers).to_contain_text("eerlijk te verdelen")
    expect(visitor.locator("main")).not_to_contain_text("Tijdlijn")
    assert_no_serious_axe_violations(visitor)

    # ...and on the body's page, from the list of bodies, with its meeting.
    visitor.goto("/overleg/")
    assert_no_serious_axe_violations(visitor)
    visitor.get_by_role("link", name=BODY).click()
    visitor.wait_for_url(f"**/overleg/{body.pk}/")
    expect(visitor.locator("main")).to_contain_text(ORGANISATION)
    expect(visitor.locator("main")).not_to_contain_text("Vera Voorzitter")
    advice_row = visitor.get_by_role("row").filter(has_text=TITLE)
    expect(advice_row).to_contain_text("beantwoord")
    assert_no_serious_axe_violations(visitor)
    visitor.locator("#vergaderingen").locator("..").get_by_role("link").first.click()
    visitor.wait_for_url(f"**/overleg/vergaderingen/{meeting.pk}/")
    expect(visitor.locator("main")).to_contain_text("keurt het advies")
    assert_no_serious_axe_violations(visitor)
    visitor.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url(f"**/overleg/adviezen/{advice.pk}/")


def no_sideways_scrolling(page) -> bool:
    """Neither the page nor a table in its own scrolling region is wider than the
    screen."""
    return page.evaluate(
        """document.documentElement.scrollWidth <= window.innerWidth
        && [...document.querySelectorAll('.table-scroll')].every(
            (region) => region.scrollWidth <= region.clientWidth)"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_of_the_cycle_fit_the_screen(new_context, live_server, width):
    ensure_home_page()
    body, _, civil_servant = body_with_seats()
    body.remit = f"Adviseert over armoede, wonen en het {LONG_WORD}."
    body.save()
    # An answered advice for the public, a submitted one awaiting its answers in
    # the workspace, an overdue one for the intranet's overview.
    answered = AdviceFactory(
        body=body,
        title=f"Advies over het {LONG_WORD} van de welzijnspartners",
        state=A.ANSWERED,
        published=True,
        urgent=True,
        recommendations=3,
    )
    answered.recommendations.update(
        answer="partly", answer_reason=f"Het {LONG_WORD} volgt later."
    )
    submitted = AdviceFactory(
        body=body, title=TITLE, state=A.SUBMITTED, published=True, recommendations=3
    )
    AdviceFactory(
        body=body,
        title=f"Een {LONG_WORD} voor de buurtwerkers",
        asked_on=timezone.localdate() - datetime.timedelta(days=60),
        state=A.IN_PREPARATION,
    )
    MeetingFactory(
        body=body,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        ends_at=timezone.now() + datetime.timedelta(days=7, hours=2),
        place=f"Welzijnshuis, zaal {LONG_WORD}",
    )

    viewport = {"width": width, "height": 844 if width == 390 else 900}
    visitor = new_context(viewport=viewport).new_page()
    town = session_page(new_context(viewport=viewport), live_server, civil_servant)
    pages = [
        (visitor, f"/overleg/{body.pk}/", "body"),
        (visitor, f"/overleg/adviezen/{answered.pk}/", "advice"),
        (town, f"/partners/overleg/adviezen/{submitted.pk}/", "workspace-advice"),
        (town, "/intranet/advies/", "intranet-advice"),
        (town, "/intranet/advies/vragen/", "intranet-request"),
    ]
    for page, url, name in pages:
        assert page.goto(url).status == 200, url
        if SCREENSHOTS:
            page.screenshot(
                path=Path(SCREENSHOTS) / f"bodies-{name}-{width}.png", full_page=True
            )
        assert no_sideways_scrolling(page), (
            f"{url} scrolls sideways (page or table) at {width} px"
        )
        assert_no_serious_axe_violations(page)
