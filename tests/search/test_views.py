"""The search page in each door over the indexed demo town: for anonymous and every
demo account, no hit, snippet or facet count from a document they may not see; the
form's facets, paging, sort, did-you-mean and empty state."""

import re

import pytest
from django.test import Client

from tests.search.demo import (
    ANONYMOUS,
    CITIZEN,
    IDENTITIES,
    PARTNERS,
    RESTRICTED_QUERIES,
    STAFF,
    indexed_demo,
    matching_keys,
    users_by_email,
)

pytestmark = pytest.mark.django_db

PUBLIC = "/zoeken/"
DOORS = {
    PUBLIC: set(IDENTITIES),
    "/partners/zoeken/": PARTNERS | STAFF,
    "/intranet/zoeken/": STAFF,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with indexed_demo(django_db_blocker) as indexed:
        yield indexed


@pytest.fixture
def users(demo):
    return users_by_email()


def client_for(identity: str, users) -> Client:
    client = Client()
    if identity != ANONYMOUS:
        client.force_login(users[identity])
    return client


def facet_counts(response) -> dict[str, dict[str, int]]:
    return {
        group.name: {option.value: option.count for option in group.options}
        for group in response.context["facets"]
    }


def hit_urls(response) -> list[str]:
    """Every document the page shows: each hit and the sections under it."""
    return [
        hit.url
        for item in response.context["hits"]
        for hit in [item["hit"], *item["sections"]]
    ]


@pytest.mark.parametrize("query", RESTRICTED_QUERIES)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_no_hit_snippet_or_facet_count_from_what_the_person_may_not_see(
    demo, users, identity, query
):
    matching = matching_keys(query)
    allowed = {key for key in matching if demo.may_see(identity, key)}
    hidden_urls = {demo.url[key] for key in matching - allowed}
    expected = {
        facet: dict(counts)
        for facet, counts in demo.facet_counts(allowed).items()
        if counts
    }
    client = client_for(identity, users)
    for door, entrants in DOORS.items():
        if identity not in entrants:
            continue
        response = client.get(door, {"q": query})
        assert response.status_code == 200
        results = response.context["results"]
        assert results.total == len(allowed), door
        assert facet_counts(response) == expected, door
        urls = []
        for page in range(1, results.page_count + 1):
            page_response = client.get(door, {"q": query, "page": page})
            urls += hit_urls(page_response)
            html = page_response.content.decode()
            assert not [url for url in hidden_urls if f'href="{url}"' in html]
        assert sorted(urls) == sorted(demo.url[key] for key in allowed), door


def test_a_door_shows_the_search_in_its_own_layout(demo, users):
    client = client_for("partner@demo.lokaal", users)
    html = client.get("/partners/zoeken/", {"q": "partneroverleg"}).content.decode()
    assert 'aria-label="Menu van het partnerportaal"' in html
    assert 'action="/partners/zoeken/"' in html
    assert "Het partneroverleg" in html
    assert "Alleen voor partners" in html  # the hit says who it is for


def test_the_header_search_box_searches_in_the_current_door(demo, users):
    public = Client().get("/").content.decode()
    assert re.search(r'<form class="header-search"[^>]*action="/zoeken/"', public)
    staff = client_for("ambtenaar@demo.lokaal", users)
    intranet = staff.get("/intranet/").content.decode()
    assert re.search(
        r'<form class="header-search"[^>]*action="/intranet/zoeken/"', intranet
    )


def test_results_have_highlighted_snippets_and_an_announced_count(demo):
    response = Client().get(PUBLIC, {"q": "armoede"})
    html = response.content.decode()
    total = response.context["results"].total
    assert total > 10
    assert f'role="status">{total} resultaten voor “armoede”' in html
    assert "<mark>armoede</mark>" in html.lower()
    assert len(hit_urls(response)) == 10  # sections shown under their text count
    assert '<meta name="robots" content="noindex">' in html


def test_facets_are_checkboxes_with_counts_and_filter(demo):
    client = Client()
    response = client.get(PUBLIC, {"q": "armoede"})
    html = response.content.decode()
    goals = facet_counts(response)["kind"]["goal"]
    assert re.search(
        r'<input type="checkbox" id="[\w-]+" name="kind" value="goal"', html
    )

    filtered = client.get(PUBLIC, {"q": "armoede", "kind": "goal"})
    assert filtered.context["results"].total == goals
    assert {item["hit"].kind for item in filtered.context["hits"]} == {"goal"}
    html = filtered.content.decode()
    assert 'name="kind" value="goal" checked' in html
    assert "Verwijder filter" in html  # the active filter, removable


def test_paging_and_sorting(demo):
    client = Client()
    first = client.get(PUBLIC, {"q": "armoede"})
    second = client.get(PUBLIC, {"q": "armoede", "page": 2})
    assert first.context["results"].page_count >= 2
    assert set(hit_urls(first)).isdisjoint(hit_urls(second))
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2' in (
        second.content.decode()
    )
    assert second.context["first_number"] == 11

    by_date = client.get(PUBLIC, {"q": "armoede", "sort": "date"})
    dates = [item["hit"].date for item in by_date.context["hits"] if item["hit"].date]
    assert dates == sorted(dates, reverse=True)


def test_a_typo_that_finds_nothing_shows_the_corrected_spelling(demo):
    response = Client().get(PUBLIC, {"q": "kinderopvnag"})
    html = response.content.decode()
    assert "Niets gevonden voor “kinderopvnag”. Dit zijn de resultaten voor" in html
    assert "“kinderopvang”" in html
    assert response.context["results"].total > 0
    assert response.context["results"].corrected_from == "kinderopvnag"


def test_a_life_domain_shows_help_nearby_above_the_documents(demo):
    response = Client().get(PUBLIC, {"q": "wonen"})
    html = response.content.decode()
    nearby = response.context["nearby_help"]
    assert nearby["hits"] and {hit.kind for hit in nearby["hits"]} == {"service"}
    assert nearby["url"] == "/sociale-kaart/?q=wonen"
    assert f'href="{nearby["url"]}"' in html
    assert html.index("Hulp in de buurt") < html.index('class="search-hit"')
    for hit in nearby["hits"]:
        assert f'href="{hit.url}"' in html


def test_help_nearby_needs_every_word_and_no_kind_chosen(demo):
    assert Client().get(PUBLIC, {"q": "wonen zzz"}).context["nearby_help"] is None
    chosen = Client().get(PUBLIC, {"q": "wonen", "kind": "goal"})
    assert chosen.context["nearby_help"] is None
    assert "Hulp in de buurt" not in chosen.content.decode()


def test_nothing_found_gives_advice(demo):
    response = Client().get(PUBLIC, {"q": "xylofoonorkest", "kind": "goal"})
    html = response.content.decode()
    assert response.context["results"].total == 0
    assert "Niets gevonden" in html
    assert "Kijk de spelling na." in html
    assert "Zoek opnieuw zonder filters." in html
    assert "aanmelden" in html  # anonymous: signing in may find more


def test_bad_input_is_ignored_not_refused(demo):
    response = Client().get(
        PUBLIC, {"q": "armoede", "kind": ["recept", "goal"], "page": "abc", "year": "x"}
    )
    assert response.status_code == 200
    assert response.context["search"].filters == {"kind": ["goal"]}
    assert response.context["results"].page == 1


def test_an_empty_form_shows_no_results(demo):
    response = Client().get(PUBLIC)
    assert response.status_code == 200
    assert response.context["results"] is None


@pytest.mark.parametrize(
    ("door", "identity", "status"),
    [
        ("/partners/zoeken/", ANONYMOUS, 302),
        ("/partners/zoeken/", CITIZEN, 403),
        ("/intranet/zoeken/", "partner@demo.lokaal", 403),
    ],
)
def test_a_door_search_keeps_its_door(demo, users, door, identity, status):
    response = client_for(identity, users).get(door, {"q": "wonen"})
    assert response.status_code == status
