"""Relevance over the demo town with the real seed texts imported beside it: MRR@10
of the public queries file and of the held-out queries people type
(`queries_heldout.json`), ours asserted, Wagtail's built-in page search reported
beside it; a third file (`queries_unseen.json`) is held only to a floor against
regressions. Ours is asked as the search page asks (a typo corrected)."""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.importers import import_directory
from search.bench.relevance import load_queries, queries_file, score
from search.models import IndexedDocument
from search.selectors import search_documents
from tests.conftest import SEEDS_DIR, demo_loaded

MINIMUM_MRR = 0.9
HELDOUT_FILE = Path(__file__).with_name("queries_heldout.json")
UNSEEN_FILE = Path(__file__).with_name("queries_unseen.json")

pytestmark = [pytest.mark.seeds, pytest.mark.django_db]


def _public_queries() -> list[dict]:
    if not queries_file().is_file():
        pytest.skip(f"queries file not found at {queries_file()}")
    return load_queries()


QUERY_FILES = {
    "public": _public_queries,
    "heldout": lambda: load_queries(HELDOUT_FILE),
    "unseen": lambda: load_queries(UNSEEN_FILE),
}
#: Written after the held-out file had chosen the PostgreSQL ranking, to show how
#: far that choice carries: held to a floor against regressions, below the aim
#: (its needs in everyday words, "eten voor weinig geld", are open in issue 16).
FLOORS = {"unseen": 0.6}


@pytest.fixture(scope="module")
def corpus(django_db_blocker):
    """The demo town and the five seed texts, indexed once for the module, in our
    index and in Wagtail's (the import fills Wagtail's only through its tasks)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    with demo_loaded(django_db_blocker):
        import_directory(SEEDS_DIR)
        call_command("search_rebuild", stdout=io.StringIO())
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        yield


def _titles_by_page() -> dict[str, list[str]]:
    """The titles of the indexed documents on each page (by the page's path)."""
    titles: dict[str, list[str]] = {}
    for url, title in IndexedDocument.objects.values_list("url", "title"):
        titles.setdefault(urlsplit(url).path, []).append(title)
    return titles


@pytest.mark.parametrize("name", QUERY_FILES)
def test_mrr_at_10(corpus, name, staff_user):
    queries = QUERY_FILES[name]()

    def ours(q):
        results = search_documents(query=q, user=staff_user, correct=True)
        return [hit.title for hit in results.hits]

    on_page = _titles_by_page()

    def wagtails(q):
        """Wagtail finds whole pages; a page counts as the answer when the
        expected section, goal or service is on it (our hits land on the element)."""
        pages = Page.objects.live().specific().search(q)[:10]
        return [" | ".join([page.title, *on_page.get(page.url, [])]) for page in pages]

    mrr, top3, rows = score(queries, ours)
    wagtail_mrr, wagtail_top3, wagtail_rows = score(queries, wagtails)
    print(f"\n{name} ({len(queries)} queries)")
    print(f"MRR@10 ours: {mrr:.3f} (top 3: {top3:.0%})")
    print(
        f"MRR@10 Wagtail Page.objects.search(): {wagtail_mrr:.3f} "
        f"(top 3: {wagtail_top3:.0%})"
    )
    for (q, rank, titles), (_q, wagtail_rank, _t) in zip(
        rows, wagtail_rows, strict=True
    ):
        print(f"  {q!r}: ours {rank}, Wagtail {wagtail_rank}; {titles}")
    assert mrr >= FLOORS.get(name, MINIMUM_MRR)
