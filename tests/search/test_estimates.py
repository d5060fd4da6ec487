"""Above a bound of matches the database backend counts facets on a sample and
ranks a bounded set of candidates; it says so, and still shows only what the user
may see, with the best title match first."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from portal.access.audiences import Audience
from search.analysis import plan_query
from search.backends.base import SearchQuery, Visibility
from search.backends.database import engine
from search.conf import DATABASE, load_backend
from search.documents import DocumentKind, SearchDocument

PUBLIC = Visibility(audiences=(Audience.PUBLIC,))
BOUND = 10


def doc(number: int, title: str, **fields) -> SearchDocument:
    fields.setdefault("audience", Audience.PUBLIC)
    fields.setdefault("kind", DocumentKind.PAGE)
    return SearchDocument(
        key=f"cms.contentpage:{number}",
        title=title,
        body="Wachtlijsten in de kinderopvang van de stad.",
        url=f"/p/{number}/",
        **fields,
    )


@pytest.fixture
def backend(db, monkeypatch):
    monkeypatch.setattr(engine, "FACET_BOUND", BOUND)
    monkeypatch.setattr(engine, "CANDIDATES", 5)
    documents = [
        doc(
            number,
            f"Verslag {number}",
            kind=DocumentKind.GOAL if number % 3 else DocumentKind.PAGE,
        )
        for number in range(1, 41)
    ]
    documents += [
        doc(41, "Geheime nota", audience=Audience.STAFF),
        # Beyond the sample, but its title matches: it is a candidate.
        doc(42, "Kinderopvang in de stad", boost=1.5),
    ]
    backend = load_backend(DATABASE)
    backend.rebuild(documents)
    return backend


def search(backend, text, **options):
    return backend.search(
        SearchQuery(plan=plan_query(text, []), visibility=PUBLIC, **options)
    )


def test_many_matches_give_estimated_counts_and_the_best_title_first(backend):
    results = search(backend, "kinderopvang")
    assert results.estimated
    kinds = {count.value: count.count for count in results.facets["kind"]}
    assert results.total == sum(kinds.values())
    assert results.total > BOUND
    assert results.hits[0].key == "cms.contentpage:42"
    assert all(hit.audience == Audience.PUBLIC for hit in results.hits)


def test_few_matches_are_counted_exactly(backend):
    results = search(backend, "geheime")
    assert not results.estimated
    assert results.total == 0
    results = search(backend, "verslag 7")
    assert not results.estimated
    assert [hit.key for hit in results.hits] == ["cms.contentpage:7"]


def test_the_page_and_the_api_say_when_counts_are_estimated(backend, client):
    page = client.get("/zoeken/", {"q": "kinderopvang"})
    assert page.status_code == 200
    assert "ca.</abbr>" in page.content.decode()
    status = BeautifulSoup(page.content, "html.parser").select_one(".search-status")
    assert status.get_text(" ", strip=True).startswith("ca. ")
    exact = client.get("/zoeken/", {"q": "verslag 7"})
    exact_status = BeautifulSoup(exact.content, "html.parser").select_one(
        ".search-status"
    )
    assert "ca." not in exact_status.get_text()
    body = client.get("/api/v1/search/", {"q": "kinderopvang"}).json()
    assert body["count_estimated"] is True
    assert body["facets_estimated"] is True
    body = client.get("/api/v1/search/", {"q": "verslag 7"}).json()
    assert body["count_estimated"] is False


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's FTS5 keeps its own vocabulary table.",
)
def test_the_vocabulary_follows_every_write(backend):
    def vocabulary():
        with connection.cursor() as cursor:
            cursor.execute("SELECT term, documents FROM search_vocabulary")
            return dict(cursor.fetchall())

    assert vocabulary()["kinderopvang"] == 42
    backend.index([doc(43, "Woonzorgcentrum")])
    backend.index([doc(1, "Woonzorgcentrum aan de Schelde")])
    backend.delete(["cms.contentpage:42"])
    after = vocabulary()
    assert after["woonzorgcentrum"] == 2
    assert after["kinderopvang"] == 42  # one more, one fewer
    assert "verslag" in after and after["verslag"] == 39
    assert "geheim" in after
    backend.delete(["cms.contentpage:41"])
    kept = vocabulary()
    assert "geheim" not in kept
    assert kept["kinderopvang"] == 41
    backend.engine.recount_vocabulary(connection)
    assert vocabulary() == kept


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="GIN indexes and their pending lists are PostgreSQL's.",
)
def test_the_vocabulary_index_has_no_pending_list_and_a_rebuild_leaves_statistics(
    backend,
):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class "
            "WHERE relname = 'search_vocabulary_trigram'"
        )
        (options,) = cursor.fetchone()
        assert "fastupdate=off" in options
        backend.rebuild([doc(1, "Woonzorgcentrum aan de Schelde")])
        # ANALYZE ran: the planner knows the table's size without a vacuum.
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'search_vocabulary'"
        )
        assert cursor.fetchone()[0] > 0
