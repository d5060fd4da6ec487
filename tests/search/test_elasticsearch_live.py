"""Against a real Elasticsearch (8.x): run with
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/pytest tests/search
The contract suite (test_contract.py) then also runs its Elasticsearch leg."""

import os
import uuid

import pytest

from search.analysis import plan_query
from search.backends import elasticsearch as es
from search.backends.base import SearchQuery, Visibility
from search.documents import SearchDocument

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch to test against",
    ),
    pytest.mark.django_db,
]

PUBLIC = Visibility(audiences=("public",))


@pytest.fixture
def backend(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_ELASTICSEARCH = {"INDEX": f"lsb-test-{uuid.uuid4().hex[:8]}"}
    engine = es.ElasticsearchBackend()
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}-*", ignore_unavailable=True)


def page(key, title, body=""):
    return SearchDocument(
        key=key, kind="page", title=title, body=body, url="/", audience="public"
    )


def test_rebuild_swaps_the_alias_to_a_new_index(backend):
    backend.setup()
    first = set(backend.client.indices.get_alias(name=backend.alias))
    backend.rebuild([page("cms.contentpage:1", "Kinderopvang")])
    second = set(backend.client.indices.get_alias(name=backend.alias))
    assert first != second and len(second) == 1
    assert not backend.client.indices.exists(index=next(iter(first)))


def test_dutch_analysis_and_synonyms_in_the_index(backend):
    backend.rebuild(
        [page("cms.contentpage:1", "Het sociaal huis", "Creëren van signalen")]
    )
    for text in ("signaal", "creeren", "OCMW"):
        query = SearchQuery(plan=plan_query(text, []), visibility=PUBLIC)
        assert backend.search(query).total == 1, text
