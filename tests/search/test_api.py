"""`/api/v1/search/` and `/api/v1/search/suggest/` over the indexed demo town: for
anonymous and every demo account, no hit, snippet or facet count from a document
they may not see; filters, paging, did-you-mean, suggestions and 400s."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.api.conftest import assert_error
from tests.search.demo import (
    ANONYMOUS,
    IDENTITIES,
    INTERNAL_WORD,
    PARTNER,
    RESTRICTED_QUERIES,
    indexed_demo,
    matching_keys,
    users_by_email,
)

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with indexed_demo(django_db_blocker) as indexed:
        yield indexed


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttles count in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def users(demo):
    return users_by_email()


def client_for(identity: str, users) -> APIClient:
    client = APIClient()
    if identity != ANONYMOUS:
        client.force_login(users[identity])
    return client


def everything(client: APIClient, **params) -> tuple[dict, list[dict]]:
    """The first page's body, and the hits of every page."""
    first = client.get(SEARCH, {**params, "page_size": 50})
    assert first.status_code == 200, first.content
    body = first.json()
    hits = list(body["results"])
    for page in range(2, body["page_count"] + 1):
        hits += client.get(SEARCH, {**params, "page_size": 50, "page": page}).json()[
            "results"
        ]
    return body, hits


@pytest.mark.parametrize("query", RESTRICTED_QUERIES)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_no_hit_snippet_or_facet_count_from_what_the_caller_may_not_see(
    demo, users, identity, query
):
    matching = matching_keys(query)
    assert any(not demo.may_see(ANONYMOUS, key) for key in matching), (
        f"{query!r} must match a restricted document"
    )
    allowed = {key for key in matching if demo.may_see(identity, key)}

    body, hits = everything(client_for(identity, users), q=query)

    assert body["count"] == len(hits) == len(allowed)
    assert {hit["url"].removeprefix("http://testserver") for hit in hits} == {
        demo.url[key] for key in allowed
    }
    expected = demo.facet_counts(allowed)
    for facet, counts in body["facets"].items():
        got = {item["value"]: item["count"] for item in counts}
        assert got == dict(expected.get(facet, {})), facet


def test_a_partner_finds_the_internal_note_of_their_own_organisation_only(demo, users):
    body, hits = everything(client_for(PARTNER, users), q=INTERNAL_WORD)
    assert [hit["organisation"] for hit in hits] == ["De Brugwachter vzw"]
    assert "<mark>" in hits[0]["snippet"]
    assert body["facets"]["organisation"] == [
        {"value": "De Brugwachter vzw", "label": "De Brugwachter vzw", "count": 1}
    ]


def test_a_hit_has_the_documented_fields(demo):
    body = APIClient().get(SEARCH, {"q": "armoede"}).json()
    assert body["count"] > 0
    assert set(body) == {
        "count",
        "count_estimated",
        "page",
        "page_size",
        "page_count",
        "results",
        "facets",
        "facets_estimated",
        "did_you_mean",
    }
    assert body["count_estimated"] is False
    assert body["facets_estimated"] is False
    hit = body["results"][0]
    assert set(hit) == {
        "kind",
        "kind_label",
        "title",
        "url",
        "snippet",
        "context",
        "audience",
        "life_domains",
        "target_groups",
        "organisation",
        "date",
        "sections",  # sitelinks with ?group=true; empty by default
    }
    assert hit["sections"] == []
    assert hit["url"].startswith("http://testserver/")
    assert hit["audience"] == "public"
    assert "<mark>" in " ".join(item["snippet"] for item in body["results"])


def test_facets_filter_and_combine(demo):
    client = APIClient()
    body = client.get(SEARCH, {"q": "armoede"}).json()
    goals = next(item for item in body["facets"]["kind"] if item["value"] == "goal")
    assert goals["label"] == "Doelstelling"

    only_goals = client.get(SEARCH, {"q": "armoede", "kind": "goal"}).json()
    assert only_goals["count"] == goals["count"]
    assert {hit["kind"] for hit in only_goals["results"]} == {"goal"}

    domain = only_goals["facets"]["life_domain"][0]
    narrowed = client.get(
        SEARCH, {"q": "armoede", "kind": "goal", "life_domain": domain["value"]}
    ).json()
    assert narrowed["count"] == domain["count"]
    assert all(domain["value"] in hit["life_domains"] for hit in narrowed["results"])

    two_kinds = client.get(
        f"{SEARCH}?q=armoede&kind=goal&kind=framework_section"
    ).json()
    kinds = {item["value"]: item["count"] for item in body["facets"]["kind"]}
    assert two_kinds["count"] == kinds["goal"] + kinds.get("framework_section", 0)


def test_year_filter(demo):
    client = APIClient()
    body = client.get(SEARCH, {"q": "armoede"}).json()
    year = body["facets"]["year"][0]
    filtered = client.get(SEARCH, {"q": "armoede", "year": year["value"]}).json()
    assert filtered["count"] == year["count"]


def test_paging_walks_through_every_hit_once(demo):
    client = APIClient()
    first = client.get(SEARCH, {"q": "armoede", "page_size": 3}).json()
    assert first["page_count"] > 1
    urls = []
    for page in range(1, first["page_count"] + 1):
        body = client.get(SEARCH, {"q": "armoede", "page_size": 3, "page": page}).json()
        assert body["page"] == page
        urls += [hit["url"] for hit in body["results"]]
    assert len(urls) == len(set(urls)) == first["count"]
    beyond = client.get(
        SEARCH, {"q": "armoede", "page_size": 3, "page": first["page_count"] + 1}
    ).json()
    assert beyond["results"] == [] and beyond["count"] == first["count"]


def test_sort_by_date_puts_the_newest_first(demo):
    body = APIClient().get(SEARCH, {"q": "armoede", "sort": "date"}).json()
    dates = [hit["date"] for hit in body["results"] if hit["date"]]
    assert dates == sorted(dates, reverse=True)


def test_did_you_mean_corrects_a_typo(demo):
    body = APIClient().get(SEARCH, {"q": "kinderopvnag"}).json()
    assert body["count"] == 0
    assert body["did_you_mean"] == "kinderopvang"


def test_suggest_completes_titles_the_caller_may_see(demo, users):
    response = APIClient().get(SUGGEST, {"q": "redactie"})
    assert response.status_code == 200
    assert response.json() == {"suggestions": []}  # a staff page

    staff = client_for("ambtenaar@demo.lokaal", users)
    suggestions = staff.get(SUGGEST, {"q": "redactie"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["Redactieafspraken voor het portaal"]
    assert set(suggestions[0]) == {"title", "url", "kind", "kind_label"}


def test_suggest_needs_two_letters(demo):
    client = APIClient()
    assert client.get(SUGGEST, {"q": "k"}).json() == {"suggestions": []}
    assert client.get(SUGGEST, {"q": "kader"}).json()["suggestions"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "recept"}, "kind"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"year": "abc"}, "year"),
        ({"sort": "random"}, "sort"),
        ({"page_size": "500"}, "page_size"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_answer_400_in_the_error_format(db, params, field):
    error = assert_error(APIClient().get(SEARCH, params), 400, "invalid")
    assert list(error["fields"]) == [field]
    assert all(isinstance(message, str) for message in error["fields"][field])


def test_suggest_without_a_query_answers_400(db):
    error = assert_error(APIClient().get(SUGGEST), 400, "invalid")
    assert list(error["fields"]) == ["q"]


def test_search_is_throttled_like_the_rest(db, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"}
    )
    client = APIClient()
    assert client.get(SEARCH, {"q": "wonen"}).status_code == 200
    assert client.get(SUGGEST, {"q": "wonen"}).status_code == 200
    assert_error(client.get(SEARCH, {"q": "wonen"}), 429, "throttled")
