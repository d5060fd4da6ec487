"""Relevance over the real seed texts: MRR@10 of the public queries file, ours
asserted, Wagtail's built-in page search reported beside it."""

import pytest
from wagtail.models import Page

from cms.importers import import_directory
from search.bench.relevance import load_queries, queries_file, score
from search.selectors import search_documents

MINIMUM_MRR = 0.9

pytestmark = [pytest.mark.seeds, pytest.mark.django_db]


@pytest.fixture
def queries():
    if not queries_file().is_file():
        pytest.skip(f"queries file not found at {queries_file()}")
    return load_queries()


@pytest.fixture
def seeded(seeds_dir, home):
    import_directory(seeds_dir)


def test_mrr_at_10_over_the_seeds(seeded, queries, staff_user):
    def ours(q):
        results = search_documents(query=q, user=staff_user)
        return [hit.title for hit in results.hits]

    def wagtails(q):
        return [page.title for page in Page.objects.live().search(q)[:10]]

    mrr, top3, rows = score(queries, ours)
    wagtail_mrr, wagtail_top3, wagtail_rows = score(queries, wagtails)
    print(f"\nMRR@10 ours: {mrr:.3f} (top 3: {top3:.0%})")
    print(
        f"MRR@10 Wagtail Page.objects.search(): {wagtail_mrr:.3f} "
        f"(top 3: {wagtail_top3:.0%})"
    )
    for (q, rank, titles), (_q, wagtail_rank, _t) in zip(
        rows, wagtail_rows, strict=True
    ):
        print(f"  {q!r}: ours {rank}, Wagtail {wagtail_rank}; {titles}")
    assert mrr >= MINIMUM_MRR
