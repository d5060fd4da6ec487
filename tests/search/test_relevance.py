"""Relevance over the real seed texts: MRR@10 of the public queries file, ours
asserted, Wagtail's built-in page search reported beside it."""

import json
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page

from cms.importers import import_directory
from search.selectors import search_documents

QUERIES_FILE = Path(settings.SHARED_DIR) / "relevance" / "queries.json"
MINIMUM_MRR = 0.9

pytestmark = [pytest.mark.seeds, pytest.mark.django_db]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _relevant(title: str, expect: list[str]) -> bool:
    return any(_fold(part) in _fold(title) for part in expect)


def score(queries: list[dict], titles_for) -> tuple[float, float, list[tuple]]:
    """MRR@10 and the share of queries answered in the top 3, with per-query ranks."""
    reciprocal, top3, rows = 0.0, 0, []
    for item in queries:
        titles = titles_for(item["q"])[:10]
        rank = next(
            (
                i
                for i, title in enumerate(titles, 1)
                if _relevant(title, item["expect"])
            ),
            None,
        )
        reciprocal += 1 / rank if rank else 0
        top3 += bool(rank and rank <= 3)
        rows.append((item["q"], rank, titles[:3]))
    return reciprocal / len(queries), top3 / len(queries), rows


@pytest.fixture
def queries():
    if not QUERIES_FILE.is_file():
        pytest.skip(f"queries file not found at {QUERIES_FILE}")
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


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
