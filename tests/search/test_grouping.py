"""One hit per place: a text's sections come under the text (sitelinks) on the
search page and in the API, and every hit is dated by the document itself."""

import datetime

import pytest
from rest_framework.test import APIClient

from search.backends.base import Hit
from search.grouping import group_by_document
from tests.factories import FrameworkTextPageFactory, PolicyPlanPageFactory

pytestmark = pytest.mark.django_db


def hit(key: str, snippet: str = "") -> Hit:
    return Hit(key=key, kind="framework_section", title=key, url="/", snippet=snippet)


def test_sections_come_under_their_document_at_its_best_place():
    hits = [
        hit("cms.page:1#sectie-2", "tekst 2"),
        hit("cms.goal:7"),
        hit("cms.page:1", "tekst 1"),
        hit("cms.page:1#sectie-1", "tekst 1"),
        hit("cms.page:2#sectie-3", "tekst 3"),
        hit("cms.page:2#sectie-4", "tekst 4"),
    ]

    groups = group_by_document(hits)

    assert [group.hit.key for group in groups] == [
        "cms.page:1",  # the document leads, where its first section ranked
        "cms.goal:7",
        "cms.page:2#sectie-3",  # without the document, its best section leads
    ]
    assert [(s.key, s.snippet) for s in groups[0].sections] == [
        ("cms.page:1#sectie-2", "tekst 2"),
        ("cms.page:1#sectie-1", ""),  # the leader's passage is not shown twice
    ]
    assert groups[1].sections == []
    assert [s.key for s in groups[2].sections] == ["cms.page:2#sectie-4"]
    assert hits[3].snippet == "tekst 1"  # the engine's hits stay as they were


def body():
    return [
        {"type": "heading", "value": {"level": "2", "number": "1", "title": "Visie"}},
        {"type": "paragraph", "value": "<p>Buurtwerkers bundelen signalen.</p>"},
        {
            "type": "heading",
            "value": {"level": "2", "number": "2", "title": "Werkwijze"},
        },
        {"type": "paragraph", "value": "<p>Een forum bespreekt de signalen.</p>"},
    ]


@pytest.fixture
def text(home):
    return FrameworkTextPageFactory(
        parent=home,
        title="Kadertekst signalen",
        body=body(),
        version_label="2013",
    )


def test_the_search_page_shows_sections_as_sitelinks_of_their_text(text, client):
    response = client.get("/zoeken/", {"q": "signalen"})

    [item] = response.context["hits"]
    assert item["hit"].title == "Kadertekst signalen"
    assert [section.url for section in item["sections"]] == [
        f"{text.url}#sectie-1",
        f"{text.url}#sectie-2",
    ]
    html = response.content.decode()
    assert 'class="search-hit__sections"' in html
    assert f'href="{text.url}#sectie-2">2 Werkwijze</a>' in html
    # dated by the text's version year, not by the day it was published here
    assert '<time datetime="2013-01-01">1 januari 2013</time>' in html


def test_the_api_nests_sections_on_request_and_stays_flat_by_default(text):
    client = APIClient()

    grouped = client.get("/api/v1/search/", {"q": "signalen", "group": "true"}).json()
    flat = client.get("/api/v1/search/", {"q": "signalen"}).json()

    assert grouped["count"] == flat["count"] == 3
    [result] = grouped["results"]
    assert result["title"] == "Kadertekst signalen"
    assert result["date"] == "2013-01-01"
    assert [section["title"] for section in result["sections"]] == [
        "1 Visie",
        "2 Werkwijze",
    ]
    assert result["sections"][0]["url"].endswith(f"{text.url}#sectie-1")
    assert len(flat["results"]) == 3
    assert all(item["sections"] == [] for item in flat["results"])


def test_a_plan_is_dated_by_its_period_and_shown_by_its_year(home, client):
    PolicyPlanPageFactory(
        parent=home,
        title="Lokaal sociaal beleidsplan",
        summary="Buurtfeesten herwaarderen.",
        start_year=2008,
        end_year=2013,
    )

    response = client.get("/zoeken/", {"q": "buurtfeesten"})

    [item] = response.context["hits"]
    assert item["hit"].date == datetime.date(2008, 1, 1)
    assert '<time datetime="2008">2008</time>' in response.content.decode()
