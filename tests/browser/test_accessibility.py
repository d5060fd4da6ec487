"""The public pages in Chromium: no serious axe-core violation, working in-page links
(table of contents, footnotes) and a keyboard path through skip link and goal tree."""

import pytest

from cms.site import ensure_home_page, ensure_section
from tests.browser.axe import assert_no_serious_axe_violations
from tests.theme.content import framework_text, policy_plan, questions_text
from theme.templatetags.portal_tags import contrast_ratio


def hex_colour(css: str) -> str:
    """'rgb(255, 212, 59)' as '#ffd43b' (opaque colours only)."""
    red, green, blue = (
        int(part) for part in css[css.index("(") + 1 : -1].split(",")[:3]
    )
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.fixture
def texts():
    """A framework text replaced by a newer one, and a questions-and-answers text."""
    section = ensure_section("kaderteksten")
    old = framework_text(section, title="Kadertekst 2014-2020", slug="kadertekst-2014")
    new = framework_text(section, replaces=old)
    questions = questions_text(section)
    return {
        "index": section.url,
        "text": new.url,
        "old_text": old.url,
        "questions": questions.url,
    }


@pytest.fixture
def plan_url():
    return policy_plan(ensure_section("beleidsplannen")).url


@pytest.mark.parametrize(
    ("width", "names"),
    [
        (1280, ["home", "index", "text", "old_text", "questions", "plan", "filtered"]),
        (390, ["home", "text", "filtered"]),
    ],
    ids=["desktop", "mobile"],
)
def test_public_pages_have_no_serious_axe_violations(
    page, texts, plan_url, width, names
):
    home = ensure_home_page()
    home.intro = "<p>Het portaal van het <b>lokaal sociaal beleid</b>.</p>"
    home.save_revision().publish()
    urls = {
        "home": home.url,
        **texts,
        "plan": plan_url,
        "filtered": f"{plan_url}?levensdomein=wonen",
    }
    page.set_viewport_size({"width": width, "height": 900})
    for name in names:
        response = page.goto(urls[name])
        assert response.status == 200, name
        assert_no_serious_axe_violations(page)


def test_goal_tree_opened_and_focused_has_no_serious_axe_violations(page, plan_url):
    page.goto(plan_url)
    page.get_by_role("button", name="Alles openklappen").click()
    assert page.locator("details:not([open])").count() == 0
    page.locator("summary").first.focus()
    assert_no_serious_axe_violations(page)


def test_table_of_contents_links_lead_to_existing_sections(page, texts):
    page.goto(texts["text"])
    toc = page.get_by_role("navigation", name="Inhoudstafel")
    hrefs = toc.locator("a").evaluate_all("links => links.map(a => a.hash)")
    assert len(hrefs) == 5
    missing = page.evaluate(
        "hashes => hashes.filter(h => !document.getElementById(h.slice(1)))", hrefs
    )
    assert missing == []

    toc.get_by_role("link", name="1.2.1 Regie").click()
    assert page.evaluate("location.hash") == "#sectie-1-2-1"
    heading = page.locator("#sectie-1-2-1")
    assert heading.evaluate("el => el.tagName") == "H4"
    assert heading.is_visible()
    assert page.evaluate(
        "() => { const r = document.getElementById('sectie-1-2-1')"
        ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )


def test_footnote_link_jumps_to_its_note_and_back(page, texts):
    page.goto(texts["text"])
    ref = page.locator("#voetnootref-1-1")
    assert ref.inner_text() == "1"
    ref.click()
    assert page.evaluate("location.hash") == "#voetnoot-1"
    note = page.locator("#voetnoot-1")
    assert note.evaluate("el => el.matches(':target')")
    assert "lokaal sociaal beleid en armoedebestrijding" in note.inner_text()
    assert note.is_visible()

    note.get_by_role("link", name="Terug naar de tekst").click()
    assert page.evaluate("location.hash") == "#voetnootref-1-1"


def test_replaced_text_announces_its_newer_version(page, texts):
    page.goto(texts["old_text"])
    notice = page.locator('[data-version-notice="newer"]')
    assert "Er is een nieuwere versie van deze tekst" in notice.inner_text()
    notice.get_by_role("link").click()
    page.wait_for_url(f"**{texts['text']}")
    assert (
        page.locator("h1").inner_text() == "Kadertekst lokaal welzijnsbeleid 2026-2031"
    )


def test_keyboard_reaches_the_skip_link_first(page, texts):
    page.goto(texts["text"])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " text: document.activeElement.textContent.trim(),"
        " top: document.activeElement.getBoundingClientRect().top})"
    )
    assert focused["cls"] == "skip-link"
    assert focused["text"] == "Ga naar de inhoud"
    assert focused["top"] >= 0  # shown on focus, not left off screen

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hoofdinhoud"


def test_focused_links_keep_readable_colours(page, texts):
    """The focus style swaps colours; every focused link must stay readable, also on
    the dark header."""
    page.goto(texts["text"])
    for _ in range(8):  # skip link, site name, menu, breadcrumbs, table of contents
        page.keyboard.press("Tab")
        colours = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.textContent.trim(), s.color,"
            " s.backgroundColor]; }"
        )
        _text, foreground, background = colours
        assert contrast_ratio(hex_colour(foreground), hex_colour(background)) >= 4.5, (
            colours
        )


def test_keyboard_opens_a_goal_with_enter_and_space(page, plan_url):
    page.goto(plan_url)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("Tab never reached a <summary> of the goal tree")

    def state():
        return page.evaluate(
            "() => ({open: document.activeElement.parentElement.open,"
            " outline: getComputedStyle(document.activeElement).outlineStyle,"
            " code: document.activeElement.closest('[data-goal-code]')"
            ".dataset.goalCode})"
        )

    before = state()
    assert before == {"open": False, "outline": "solid", "code": "SD 1"}
    child = page.locator('[data-goal-code="TD 1.1"]')
    assert not child.is_visible()

    page.keyboard.press("Enter")
    assert state()["open"] is True
    assert child.is_visible()

    page.keyboard.press("Space")
    assert state()["open"] is False
    page.keyboard.press("Space")
    assert state()["open"] is True


def test_goal_filter_form_works_without_javascript(new_context, plan_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(plan_url)
    page.select_option("#filter-status", "vertraagd")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**status=vertraagd**")
    assert page.locator(".filter-summary").inner_text() == "2 doelstellingen gevonden"
    codes = page.locator("[data-goal-code]").evaluate_all(
        "items => items.map(item => item.dataset.goalCode)"
    )
    assert codes == ["SD 1", "TD 1.1", "OD 1.1.1", "SD 2", "TD 2.1"]
    assert page.locator("[data-goal-code='OD 1.1.1'] .chip").is_visible()
    page.get_by_role("link", name="Filters wissen").click()
    assert page.locator("[data-goal-code]").count() == 6
