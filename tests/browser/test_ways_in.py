"""A citizen who does not know the social map exists finds it in Chromium: from the
home page, through a common need, to a service; signed in, they save the service and
find it on their own page ("Mijn portaal"). Every page passes axe, at 1280 px and at
390 px without sideways scrolling."""

import re

import pytest

from cms.site import ensure_home_page
from cms.socialmap.demo.loader import ensure_social_map
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_accounts import sign_in_with_password
from tests.factories import UserFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SERVICE = "Hulp bij huurachterstal"


@pytest.fixture
def social_map():
    ensure_home_page()
    ensure_social_map()


def check(page, width: int) -> None:
    """axe finds no serious violation, and nothing scrolls sideways."""
    assert_no_serious_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_home_a_need_a_service(new_context, social_map, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto("/")
    # One click away: the main menu and the home page's "Hulp zoeken".
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert menu.get_by_role("link", name="Sociale kaart").get_attribute("href") == (
        "/sociale-kaart/"
    )
    help_search = page.get_by_role("region", name="Hulp zoeken")
    assert (
        help_search.get_by_role("search")
        .get_by_label("Waarmee zoek je hulp?")
        .is_visible()
    )
    check(page, viewport["width"])

    help_search.get_by_role("link", name="Wonen", exact=True).click()
    page.wait_for_url("**/sociale-kaart/?levensdomein=wonen")
    assert page.get_by_role("heading", level=1).inner_text() == "Sociale kaart"
    assert page.get_by_label("Levensdomein").input_value() == "wonen"
    check(page, viewport["width"])

    page.locator(".socialmap-card__title").get_by_role("link", name=SERVICE).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == SERVICE
    assert page.get_by_role("link", name="Meld je aan om deze dienst").is_visible()
    check(page, viewport["width"])


def test_the_search_box_on_home_searches_the_social_map(page, social_map):
    page.goto("/")
    form = page.get_by_role("search", name="Hulp zoeken op de sociale kaart")
    form.get_by_label("Waarmee zoek je hulp?").fill("huurachterstal")
    form.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/sociale-kaart/?q=huurachterstal")
    assert SERVICE in page.locator(".socialmap-card__title a").all_inner_texts()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_citizen_saves_a_service_and_finds_it_on_their_page(
    new_context, social_map, viewport
):
    citizen = UserFactory()
    page = new_context(viewport=viewport).new_page()
    sign_in_with_password(page, citizen.email)
    page.wait_for_url("**/mijn-pagina/")  # a citizen's door is their own page

    page.goto("/sociale-kaart/?levensdomein=wonen")
    page.get_by_role("link", name=SERVICE).click()
    page.get_by_role("button", name="Bewaar op mijn pagina").click()
    page.wait_for_load_state()
    assert page.locator("main").get_by_role("status").inner_text().strip() == (
        "De dienst staat nu op je eigen pagina."
    )
    check(page, viewport["width"])

    page.get_by_role("navigation", name="Jouw account").get_by_role(
        "link", name="Mijn portaal"
    ).click()
    page.wait_for_url("**/mijn-pagina/")
    saved = page.get_by_role("region", name="Bewaarde diensten")
    assert saved.get_by_role("link", name=SERVICE).is_visible()
    assert page.get_by_role("link", name="Wachtwoord wijzigen").is_visible()
    check(page, viewport["width"])

    saved.get_by_role(
        "button", name=re.compile(f"Niet meer bewaren.*{SERVICE}")
    ).click()
    page.wait_for_url("**/mijn-pagina/")
    assert "Je hebt nog geen diensten bewaard." in saved.inner_text()
