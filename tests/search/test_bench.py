"""The benchmark machinery end to end on a tiny corpus: every figure is there
(no timing is asserted: the machine decides those)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.bench.corpus import CorpusGenerator, Vocabulary
from search.bench.report import as_markdown
from search.bench.run import corpus_options, run, seeds_dir
from search.documents import DocumentKind
from search.models import IndexedDocument

pytestmark = [pytest.mark.seeds, pytest.mark.django_db]


@pytest.fixture
def vocabulary():
    if not (seeds_dir() / "structured").is_dir():
        pytest.skip(f"seeds not found at {seeds_dir()}")
    return Vocabulary.from_seeds(seeds_dir())


def test_the_corpus_is_deterministic_and_covers_every_kind_and_audience(vocabulary):
    options = corpus_options(seed=7)
    first = list(CorpusGenerator(vocabulary, options).documents(300))
    again = list(CorpusGenerator(vocabulary, options).documents(300))

    assert first == again
    assert {document.kind for document in first} == set(DocumentKind.values)
    assert {document.audience for document in first} == {
        "public",
        "partners",
        "staff",
    }
    assert any(document.circles for document in first)
    assert any(document.life_domains for document in first)
    assert len({document.organisation for document in first}) > 5


def test_a_run_gives_complete_figures(vocabulary, home):
    result = run(sizes=[300], queries=30, wagtail_pages=20, log=lambda line: None)

    size = result["sizes"][0]
    assert size["indexed"] == 300 == IndexedDocument.objects.count()
    assert size["rebuild_seconds"] > 0 and size["documents_per_second"] > 0
    assert size["index_size"]["tables"]["search_indexeddocument"] > 0
    assert size["baseline_ms"] > 0
    assert size["latency"]["all"]["n"] == 30
    for key in ("p50", "p95", "p99"):
        assert size["latency"]["all"][key] > 0
        assert size["ratio_to_baseline"][key] > 0
    assert set(size["latency"]["users"]) == {"anonymous", "partner", "staff"}
    assert size["latency"]["groups"]
    assert size["suggest"]["n"] > 0
    assert 0 < size["latency"]["share_with_hits"] <= 1

    pages = result["pages"]
    assert pages["search_rebuild"]["documents"] > 20
    assert pages["latency"]["ours_with_facets"]["n"] == 30
    assert pages["latency"]["wagtail"]["n"] == 30
    for key in ("relevance_seeds_only", "relevance_with_generated_pages"):
        assert 0 <= pages[key]["ours"]["mrr_at_10"] <= 1
        assert 0 <= pages[key]["wagtail"]["mrr_at_10"] <= 1

    assert result["machine"]["cores"] and result["database"]["version"]
    assert "| 300 |" in as_markdown(result)
    json.dumps(result, default=str)


def test_the_command_refuses_a_database_that_is_not_for_benchmarks():
    with pytest.raises(CommandError, match="bench"):
        call_command("search_bench", "--sizes", "10", stdout=StringIO())


def test_the_command_writes_json(vocabulary, home, tmp_path):
    output = tmp_path / "bench.json"
    call_command(
        "search_bench",
        "--sizes",
        "50",
        "--queries",
        "6",
        "--wagtail-pages",
        "0",
        "--output",
        "json",
        "--json-file",
        str(output),
        "--force",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert json.loads(output.read_text())["sizes"][0]["size"] == 50
