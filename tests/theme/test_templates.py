"""The public templates through Django's test client: status codes and the HTML that
matters (anchors, footnotes, version notices, goal tree filters, error pages)."""

import json
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe

from cms.models import FrameworkTextPage, GoalStatus, LifeDomain, PolicyPlanPage
from cms.site import ensure_section
from portal.access.audiences import Audience
from tests.factories import (
    ContentPageFactory,
    GoalFactory,
    IndexPageFactory,
    StaffFactory,
    goal_status,
)
from tests.theme.content import (
    FRAMEWORK_BODY,
    framework_text,
    policy_plan,
    questions_text,
)
from theme.templatetags.portal_tags import (
    FootnoteMarks,
    chip_text_colour,
    contrast_ratio,
    footnote_marks,
)

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def texts(home):
    return ensure_section("kaderteksten")


@pytest.fixture
def plans(home):
    return ensure_section("beleidsplannen")


@pytest.fixture
def text(texts):
    return framework_text(texts)


@pytest.fixture
def plan(plans):
    return policy_plan(plans)


def goal_codes(html: BeautifulSoup) -> list[str]:
    return [item["data-goal-code"] for item in html.select("[data-goal-code]")]


# Layout ------------------------------------------------------------------------------


def test_home_page_has_landmarks_skip_link_and_section_links(client, home, texts):
    html = soup(client.get(home.url))
    assert html.html["lang"] == "nl-BE"
    skip = html.body.find("a")
    assert skip["href"] == "#hoofdinhoud"
    assert html.select_one("main#hoofdinhoud")
    assert html.select_one("header.site-header")
    assert html.select_one("footer.site-footer")
    nav = html.select_one("nav.site-nav")
    assert nav["aria-label"] == "Hoofdmenu"
    assert [a.get_text() for a in nav.select("a")] == ["Sociale kaart", "Kaderteksten"]
    assert "Kaderteksten" in html.select_one(".section-links").get_text()
    assert html.select_one('link[rel="stylesheet"]')["href"].endswith("portal.css")


def test_navigation_and_section_links_leave_out_pages_for_staff(client, home, texts):
    IndexPageFactory(
        parent=home, title="Intern", audience=Audience.STAFF, show_in_menus=True
    )
    html = soup(client.get(home.url))
    assert "Intern" not in html.select_one("nav.site-nav").get_text()
    assert "Intern" not in html.select_one(".section-links").get_text()

    client.force_login(StaffFactory())
    html = soup(client.get(home.url))
    assert "Intern" in html.select_one("nav.site-nav").get_text()


def test_breadcrumbs_lead_from_home_to_the_page(client, text):
    html = soup(client.get(text.url))
    crumbs = html.select_one('nav[aria-label="Kruimelpad"]')
    items = crumbs.select("li")
    assert [item.get_text(strip=True) for item in items] == [
        "Start",
        "Kaderteksten",
        text.title,
    ]
    assert [a["href"] for a in crumbs.select("a")] == ["/", "/kaderteksten/"]
    assert items[-1].select_one('[aria-current="page"]')
    current = html.select_one('nav.site-nav a[aria-current="true"]')
    assert current.get_text() == "Kaderteksten"


def test_index_page_lists_visible_children_with_their_meta(client, texts, text):
    ContentPageFactory(parent=texts, title="Alleen intern", audience=Audience.STAFF)
    html = soup(client.get(texts.url))
    titles = [a.get_text() for a in html.select(".teaser__title a")]
    assert titles == [text.title]
    meta = html.select_one(".teaser__meta").get_text(" ", strip=True)
    assert "versie 2025" in meta
    assert "Gemeente Zonnebeke-aan-Zee" in meta


# Framework texts ---------------------------------------------------------------------


def test_table_of_contents_links_to_unique_heading_anchors(client, text):
    html = soup(client.get(text.url))
    toc = html.select_one("nav.toc")
    assert toc["aria-labelledby"] == "inhoudstafel-titel"
    assert html.select_one("#inhoudstafel-titel").get_text() == "Inhoudstafel"
    targets = [a["href"].removeprefix("#") for a in toc.select("a")]
    assert targets == [
        "sectie-1",
        "sectie-1-1",
        "sectie-1-2",
        "sectie-1-2-1",
        "sectie-2",
    ]
    ids = Counter(tag["id"] for tag in html.select("[id]"))
    assert [value for value, count in ids.items() if count > 1] == []
    for target in targets:
        assert target in ids
    # Nested ordered lists, number and title, footnote marks left out.
    assert toc.select_one("ol > li > ol > li > ol > li a").get_text(
        " ", strip=True
    ) == ("1.2.1 Regie")
    assert html.select_one("h4#sectie-1-2-1")
    assert html.select_one("h2#sectie-2").get_text(" ", strip=True) == (
        "2 Werkwijze <en> afspraken"
    )
    assert b"Werkwijze &lt;en&gt; afspraken" in client.get(text.url).content


def test_each_section_heading_has_a_link_to_itself(client, text):
    html = soup(client.get(text.url))
    links = html.select("a.section-link")
    assert len(links) == 5
    assert {a["aria-label"] for a in links} == {"Link naar deze sectie"}
    assert links[0]["href"] == "#sectie-1"


def test_footnote_marks_link_to_their_notes_and_back(client, text):
    html = soup(client.get(text.url))
    refs = html.select("sup.footnote-ref a")
    assert [a["id"] for a in refs] == [
        "voetnootref-1-1",
        "voetnootref-2-1",
        "voetnootref-1-2",
        "voetnootref-2-2",  # in the table
        "voetnootref-3-1",
    ]
    assert {a["aria-describedby"] for a in refs} == {"voetnoten-titel"}
    assert refs[0]["href"] == "#voetnoot-1"
    section = html.select_one('section[aria-labelledby="voetnoten-titel"]')
    assert section.select_one("h2#voetnoten-titel").get_text() == "Voetnoten"
    note = section.select_one("ol > li#voetnoot-1")
    back = note.select_one(".footnote__back a")
    assert back["href"] == "#voetnootref-1-1"
    assert "Terug naar de tekst" in back.get_text()
    # A mark without a note, and marks inside a link, stay text.
    paragraph = html.select(".rich-text")[1]
    assert "[^9]" in paragraph.get_text()
    assert paragraph.select_one('a[href="https://example.org/[^2]"]').get_text() == (
        "Een link met [^2] erin"
    )


def test_footnote_filter_escapes_plain_text_and_links_known_labels_only():
    marks = FootnoteMarks([SimpleNamespace(value={"label": "1", "text": "Noot"})])
    assert footnote_marks("<b>[^1]</b>", None) == "&lt;b&gt;[^1]&lt;/b&gt;"
    html = footnote_marks("<script>[^1] [^2]", marks)
    assert html.startswith(
        '&lt;script&gt;<sup class="footnote-ref"><a href="#voetnoot-1"'
    )
    assert 'id="voetnootref-1-1"' in html
    assert html.endswith(" [^2]")
    assert 'id="voetnootref-1-2"' in footnote_marks(mark_safe("<p>[^1]</p>"), marks)


def test_questions_are_headings_with_their_answers_open(client, texts):
    page = questions_text(texts)
    html = soup(client.get(page.url))
    toc_targets = [a["href"] for a in html.select("nav.toc a")]
    assert toc_targets == ["#sectie-1", "#sectie-1-1", "#sectie-1-2"]
    question = html.select_one("h3#sectie-1-1")
    assert question.get_text(" ", strip=True) == "1.1 Wie neemt de regie op?"
    assert not html.select("details")
    answer = question.find_parent(class_="question").select_one(".question__answer")
    assert "samen met de zorgraad" in answer.get_text()


def test_replaced_text_points_to_its_newer_version_and_back(client, texts):
    old = framework_text(texts, title="Kadertekst 2014-2020", slug="kadertekst-2014")
    new = framework_text(texts, replaces=old)

    html = soup(client.get(old.url))
    notice = html.select_one('[data-version-notice="newer"]')
    assert "Er is een nieuwere versie van deze tekst" in notice.get_text()
    assert notice.select_one("a")["href"] == new.url

    html = soup(client.get(new.url))
    assert not html.select('[data-version-notice="newer"]')
    previous = html.select_one('[data-version-notice="previous"] a')
    assert previous["href"] == old.url


def test_newer_version_for_staff_only_is_not_announced_to_citizens(client, texts):
    old = framework_text(texts, title="Kadertekst 2014-2020", slug="kadertekst-2014")
    framework_text(texts, replaces=old, audience=Audience.STAFF)
    html = soup(client.get(old.url))
    assert not html.select('[data-version-notice="newer"]')

    client.force_login(StaffFactory())
    html = soup(client.get(old.url))
    assert html.select('[data-version-notice="newer"]')


def test_a_new_text_and_plan_can_be_previewed_before_their_first_save(texts, plans):
    for parent, page in [
        (texts, FrameworkTextPage(title="Nieuwe kadertekst", slug="nieuw")),
        (
            plans,
            PolicyPlanPage(
                title="Nieuw plan", slug="nieuw", start_year=2026, end_year=2031
            ),
        ),
    ]:
        # As Wagtail's preview of a page being created: a place in the tree, no pk.
        page.depth = parent.depth + 1
        page.path = parent.path + "9999"
        page.set_url_path(parent)
        page.body = json.dumps(FRAMEWORK_BODY)
        response = page.make_preview_request()
        assert response.status_code == 200
        assert b"sectie-1-2-1" in response.render().content


# Policy plans ------------------------------------------------------------------------


def test_plan_page_shows_meta_approvals_mission_and_chapters(client, plan):
    html = soup(client.get(plan.url))
    meta = html.select_one("dl.meta").get_text(" ", strip=True)
    assert "2026-2031" in meta
    assert "In uitvoering" in meta
    assert "OCMW Zonnebeke-aan-Zee" in meta
    rows = html.select("#plan-goedkeuringen ~ div table tbody tr")
    assert [row.get_text(" ", strip=True) for row in rows] == [
        "Gemeenteraad 15 december 2025 GR/2025/123",
        "Raad voor maatschappelijk welzijn 16 december 2025 RMW/2025/45",
    ]
    assert html.select_one("#plan-missie")
    assert html.select_one("#voetnoot-1")
    targets = [a["href"].removeprefix("#") for a in html.select("nav.toc a")]
    for target in targets:
        assert html.select_one(f"[id='{target}']"), target
    assert "sectie-1-1" in targets


def test_goal_tree_shows_every_goal_with_status_and_progress(client, plan):
    html = soup(client.get(plan.url))
    assert goal_codes(html) == [
        "SD 1",
        "TD 1.1",
        "OD 1.1.1",
        "TD 1.2",
        "SD 2",
        "TD 2.1",
    ]
    strategic = html.select("li.goal--strategic > details")
    assert len(strategic) == 2
    assert not any(details.has_attr("open") for details in strategic)
    leaf = html.select_one('[data-goal-code="OD 1.1.1"]')
    assert leaf.select_one(".goal__level").get_text() == "Operationele doelstelling"
    chip = leaf.select_one(".chip")
    assert "Vertraagd" in chip.get_text()
    assert "background-color: #9c3d0d" in chip["style"]
    bar = leaf.select_one('[role="progressbar"]')
    assert (bar["aria-valuenow"], bar["aria-valuemin"], bar["aria-valuemax"]) == (
        "30",
        "0",
        "100",
    )
    assert leaf.select_one(".progress__value").get_text() == "30%"
    assert "Sociale dienst, Woonwinkel" in leaf.get_text()
    assert "korte termijn" in leaf.get_text()
    assert not html.select(".filter-summary")


@pytest.mark.parametrize(
    ("query", "codes", "found"),
    [
        ("status=vertraagd", ["SD 1", "TD 1.1", "OD 1.1.1", "SD 2", "TD 2.1"], 2),
        ("levensdomein=leren", ["SD 1", "TD 1.2"], 1),
        ("levensdomein=wonen&status=vertraagd", ["SD 1", "TD 1.1", "OD 1.1.1"], 1),
        ("levensdomein=werken", ["SD 2", "TD 2.1"], 2),
        ("status=gerealiseerd", ["SD 1", "TD 1.1"], 1),
    ],
)
def test_goal_tree_filter_keeps_matches_and_their_ancestors(
    client, plan, query, codes, found
):
    html = soup(client.get(f"{plan.url}?{query}"))
    assert goal_codes(html) == codes
    summary = html.select_one(".filter-summary")
    noun = "doelstelling" if found == 1 else "doelstellingen"
    assert summary.get_text(strip=True) == f"{found} {noun} gevonden"
    assert int(summary["data-goal-count"]) == found
    assert all(details.has_attr("open") for details in html.select("details"))
    reset = html.select_one("a.filter__reset")
    assert reset["href"] == f"{plan.url}#plan-doelstellingen"
    matched = [item["data-goal-code"] for item in html.select(".goal--match")]
    assert len(matched) == found


def test_goal_tree_filter_form_keeps_the_choice_and_ignores_unknown_values(
    client, plan
):
    html = soup(client.get(f"{plan.url}?status=lopend&levensdomein=bestaat-niet"))
    assert html.select_one("#filter-status option[selected]")["value"] == "lopend"
    assert not html.select("#filter-levensdomein option[selected]")
    assert goal_codes(html) == ["SD 1"]
    options = [o["value"] for o in html.select("#filter-status option")]
    assert options == ["", *GoalStatus.objects.values_list("slug", flat=True)]
    domains = [o["value"] for o in html.select("#filter-levensdomein option")]
    assert "zorg-en-gezondheid" in domains


def test_goal_tree_filter_without_matches_says_so(client, plan):
    html = soup(client.get(f"{plan.url}?status=stopgezet"))
    assert goal_codes(html) == []
    assert html.select_one(".filter-summary").get_text(strip=True) == (
        "0 doelstellingen gevonden"
    )
    assert "Toon alle doelstellingen" in html.get_text()


def test_plan_page_queries_do_not_grow_with_the_goal_tree(
    client, plan, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as queries:
        client.get(plan.url)
    for number in range(10):
        goal = GoalFactory(
            plan=plan, code=f"SD 9.{number}", status=goal_status("lopend")
        )
        goal.life_domains.set(LifeDomain.objects.filter(slug="zorg-en-gezondheid"))
    with django_assert_max_num_queries(len(queries)):
        client.get(f"{plan.url}?levensdomein=zorg-en-gezondheid")


def test_every_status_colour_keeps_white_text_readable(db):
    for status in GoalStatus.objects.all():
        assert chip_text_colour(status.colour) == "#ffffff", status.slug
        assert contrast_ratio(status.colour, "#ffffff") >= 4.5
    assert chip_text_colour("#ffd43b") == "#1b1b1b"
    assert chip_text_colour("red; background: url(x)") == "#ffffff"


# Access and errors -------------------------------------------------------------------


def test_staff_only_page_is_a_dutch_404_for_citizens(client, home):
    page = ContentPageFactory(parent=home, title="Intern overleg", audience="staff")
    response = client.get(page.url)
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "nl-BE"
    assert html.h1.get_text() == "Pagina niet gevonden"
    assert "Intern overleg" not in response.content.decode()

    client.force_login(StaffFactory())
    assert client.get(page.url).status_code == 200


def test_unknown_url_answers_the_dutch_404_page(client, home):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_500_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert 'lang="nl-BE"' in html
    assert re.search(r"<h1>Er ging iets mis</h1>", html)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "content"])
def test_pages_without_footnotes_render_their_text_blocks(client, kind):
    from cms.site import ensure_home_page
    from tests.factories import ContentPageFactory

    home = ensure_home_page()
    body = [("paragraph", "<p>Tekst met een [^1] zonder voetnoten.</p>")]
    if kind == "home":
        home.body = body
        home.save_revision().publish()
        url = home.url
    else:
        url = ContentPageFactory(parent=home, title="Zonder noten", body=body).url
    response = client.get(url)
    assert response.status_code == 200
    assert "Tekst met een [^1] zonder voetnoten." in response.content.decode()
