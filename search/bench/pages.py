"""Side by side with Wagtail's built-in search, on real pages: the imported seeds
plus generated content pages (Wagtail searches pages, not our documents).

Relevance is scored on the queries file the way the relevance test does; latency
is timed on the same query texts (Wagtail has neither facets nor audiences, so our
figures include work Wagtail's do not)."""

import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page

from cms.importers import import_directory
from cms.models import ContentPage, FrameworkTextPage, IndexPage, PolicyPlanPage
from cms.site import ensure_home_page
from search.bench import measure
from search.bench.corpus import CorpusGenerator, CorpusOptions, Vocabulary
from search.bench.queries import USER_LABELS, query_mix, seeds_dir
from search.bench.relevance import load_queries, queries_file, score
from search.selectors import search_documents
from search.services import index_rebuild

BENCH_SLUG = "bench"


def _wagtail_titles(query: str) -> list[str]:
    return [page.title for page in Page.objects.live().search(query)[:10]]


def _relevance(users: dict) -> dict:
    if not queries_file().is_file():
        return {}
    queries = load_queries()

    def ours(query):
        results = search_documents(query=query, user=users["staff"])
        return [hit.title for hit in results.hits]

    mrr, top3, _rows = score(queries, ours)
    wagtail_mrr, wagtail_top3, _rows = score(queries, _wagtail_titles)
    return {
        "queries": len(queries),
        "ours": {"mrr_at_10": round(mrr, 3), "top3": round(top3, 3)},
        "wagtail": {"mrr_at_10": round(wagtail_mrr, 3), "top3": round(wagtail_top3, 3)},
    }


def _wagtail_update_index() -> float:
    started = time.perf_counter()
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    return round(time.perf_counter() - started, 2)


def _add_pages(parent: Page, count: int, vocabulary, options: CorpusOptions) -> int:
    """Generated content pages under `parent`, their text as the page summary."""
    added = 0
    for document in CorpusGenerator(vocabulary, options).documents(count):
        page = ContentPage(
            title=document.title[:255],
            slug=f"pagina-{added}",
            summary=document.body,
            audience=document.audience,
        )
        parent.add_child(instance=page)
        added += 1
    return added


def bench_pages(
    count: int,
    *,
    vocabulary: Vocabulary,
    options: CorpusOptions,
    users: dict,
    queries: int,
    log=print,
) -> dict:
    """Our search and `Page.objects.search()` over the same real pages."""
    home = ensure_home_page()
    structured = Path(seeds_dir()) / "structured"
    if not (FrameworkTextPage.objects.exists() or PolicyPlanPage.objects.exists()):
        import_directory(structured)
    for old in IndexPage.objects.filter(slug=BENCH_SLUG):
        old.delete()
    index_rebuild()
    _wagtail_update_index()
    seeds_only = _relevance(users)

    log(f"  adding {count} content pages ...")
    parent = home.add_child(
        instance=IndexPage(title="Benchmark", slug=BENCH_SLUG, show_in_menus=False)
    )
    started = time.perf_counter()
    _add_pages(parent, count, vocabulary, options)
    created_seconds = time.perf_counter() - started

    log("  search_rebuild over the real pages ...")
    started = time.perf_counter()
    indexed = index_rebuild()
    rebuild_seconds = time.perf_counter() - started
    wagtail_seconds = _wagtail_update_index()

    mix = [item for item in query_mix(vocabulary, options, queries, options.seed)]
    texts = [item.text for item in mix]
    for text in texts[:10]:
        _wagtail_titles(text)
        search_documents(query=text, user=users["staff"])
    ours_samples, wagtail_samples = [], []
    for number, text in enumerate(texts):
        user = users[USER_LABELS[number % len(USER_LABELS)]]
        elapsed, _results = measure.timed_ms(search_documents, query=text, user=user)
        ours_samples.append(elapsed)
        elapsed, _titles = measure.timed_ms(_wagtail_titles, text)
        wagtail_samples.append(elapsed)
    baseline = measure.baseline_ms()
    return {
        "pages": Page.objects.live().count(),
        "generated_pages": count,
        "page_creation_seconds": round(created_seconds, 1),
        "search_rebuild": {
            "documents": indexed,
            "seconds": round(rebuild_seconds, 2),
            "documents_per_second": round(indexed / rebuild_seconds),
        },
        "wagtail_update_index_seconds": wagtail_seconds,
        "relevance_seeds_only": seeds_only,
        "relevance_with_generated_pages": _relevance(users),
        "baseline_ms": baseline,
        "latency": {
            "ours_with_facets": measure.summary(ours_samples),
            "wagtail": measure.summary(wagtail_samples),
        },
    }
