"""The social map in Chromium: a citizen searches "huurachterstal", filters on
"wonen" and "open nu", opens a service and sees its map; axe-core finds no serious
violation; the list works with JavaScript off."""

import datetime

import pytest
import time_machine

from cms.site import ensure_home_page
from cms.socialmap.demo.loader import ensure_social_map
from tests.browser.axe import assert_no_serious_axe_violations

# Tuesday 1 December 2026, 15:00 in Brussels: the social house is open.
TUESDAY_AFTERNOON = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def social_map():
    ensure_home_page()
    ensure_social_map()


@pytest.fixture
def frozen_clock():
    with time_machine.travel(TUESDAY_AFTERNOON, tick=True):
        yield


def search(page) -> None:
    page.goto("/sociale-kaart/")
    form = page.get_by_role("search", name="Zoeken op de sociale kaart")
    form.get_by_label("Waarmee zoek je hulp?").fill("huurachterstal")
    form.get_by_label("Levensdomein").select_option(label="Wonen")
    form.get_by_label("Nu open").check()
    form.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()


def test_a_citizen_finds_help_with_rent_arrears(page, social_map, frozen_clock):
    search(page)
    results = page.locator(".socialmap-card__title a")
    names = results.all_inner_texts()
    assert "Hulp bij huurachterstal" in names
    assert "levensdomein=wonen" in page.url and "open_nu=on" in page.url
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Hulp bij huurachterstal").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Hulp bij huurachterstal"
    )
    assert page.get_by_text("Nu open").first.is_visible()
    map_container = page.locator("[data-socialmap-map]")
    map_container.wait_for(state="visible")
    page.locator("[data-socialmap-map][data-ready=true]").wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    assert_no_serious_axe_violations(page)


def test_the_list_works_without_javascript(new_context, social_map, frozen_clock):
    page = new_context(java_script_enabled=False).new_page()
    search(page)
    assert (
        "Hulp bij huurachterstal"
        in page.locator(".socialmap-card__title a").all_inner_texts()
    )
    assert page.locator("[data-socialmap-map]").is_hidden()
    page.get_by_role("link", name="Hulp bij huurachterstal").click()
    assert page.get_by_text("09 000 10 10").first.is_visible()
    assert page.get_by_text("Kerkplein 1").first.is_visible()
