"""The search in Chromium: suggestions while typing in the public header's search
box (an ARIA combobox), the results page with a facet filter, axe-core on it, and
the same search with JavaScript switched off."""

import io
import re

import pytest
from django.core.management import call_command

from cms.models import LifeDomain
from cms.site import ensure_home_page
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import ContentPageFactory, GoalFactory, PolicyPlanPageFactory


@pytest.fixture
def childcare():
    """A page and a plan goal about childcare, and a staff page that must never
    show; indexed."""
    home = ensure_home_page()
    ContentPageFactory(
        parent=home,
        title="Kinderopvang in Wilgendonk",
        summary="Waar vind je kinderopvang voor baby's en peuters?",
    )
    ContentPageFactory(
        parent=home,
        title="Kinderopvang: interne planning",
        summary="Alleen voor medewerkers.",
        audience="staff",
    )
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    goal = GoalFactory(plan=plan, title="Meer plaatsen in de kinderopvang")
    goal.life_domains.set([LifeDomain.objects.get(slug="wonen")])
    call_command("search_rebuild", stdout=io.StringIO())


def test_suggestions_while_typing_then_results_filtered_on_a_facet(page, childcare):
    page.goto("/")
    header = page.get_by_role("search", name="Zoeken in het portaal")
    box = header.get_by_role("combobox", name="Zoekterm")
    assert box.get_attribute("aria-expanded") == "false"

    box.press_sequentially("kinderop", delay=30)
    listbox = page.get_by_role("listbox", name="Suggesties")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    titles = options.all_inner_texts()
    assert any("Kinderopvang in Wilgendonk" in title for title in titles)
    assert not any("interne planning" in title for title in titles)
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"

    box.fill("kinderopvang")
    with page.expect_navigation():
        box.press("Enter")
    assert re.search(r"/zoeken/\?q=kinderopvang$", page.url)
    status = page.locator(".search-results").get_by_role("status")
    assert status.inner_text() == "2 resultaten voor “kinderopvang”"
    assert "interne planning" not in page.locator("main").inner_text()
    assert page.locator(".search-hit__snippet mark").first.inner_text() == (
        "kinderopvang"
    )

    page.get_by_role("checkbox", name=re.compile(r"^Doelstelling")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filters toepassen").click()
    assert "kind=goal" in page.url
    assert status.inner_text() == "1 resultaat voor “kinderopvang”"
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert len(titles) == 1
    assert titles[0].endswith("Meer plaatsen in de kinderopvang")
    assert_no_serious_axe_violations(page)


def test_the_results_page_has_no_serious_axe_violations_on_a_phone(page, childcare):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/zoeken/?q=kinderopvng")
    # the correction is named, and its results shown at once
    assert page.locator(".search-did-you-mean").inner_text() == (
        "Niets gevonden voor “kinderopvng”. Dit zijn de resultaten voor “kinderopvang”."
    )
    assert page.locator(".search-hit__title").count() == 2
    assert_no_serious_axe_violations(page)


def test_search_works_without_javascript(new_context, childcare):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    box = page.get_by_role("search", name="Zoeken in het portaal").get_by_role(
        "searchbox", name="Zoekterm"
    )
    box.fill("kinderopvang")
    with page.expect_navigation():
        box.press("Enter")
    assert "2 resultaten" in page.locator("main").inner_text()

    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filters toepassen").click()
    assert "life_domain=Wonen" in page.url
    titles = page.locator(".search-hit__title").all_inner_texts()
    assert len(titles) == 1
    assert titles[0].endswith("Meer plaatsen in de kinderopvang")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Verwijder filter")).click()
    assert "2 resultaten" in page.locator("main").inner_text()
