"""The Elasticsearch backend without a server: the exact index definition and the
exact requests it sends. (tests/search/test_elasticsearch_live.py and the contract
suite run against a server when ELASTICSEARCH_URL is set.)"""

import datetime

import pytest

from portal.access.audiences import Audience
from search.analysis import parse_synonym_groups, plan_query
from search.backends import elasticsearch as es
from search.backends.base import SearchQuery, Visibility
from search.documents import DocumentKind, SearchDocument

PARTNER = Visibility(audiences=("public", "partners"), circles=("organisation:3",))
STAFF = Visibility(audiences=("public", "partners", "staff"), all_circles=True)
PARTNER_FILTER = {
    "bool": {
        "must": [{"terms": {"audience": ["public", "partners"]}}],
        "should": [
            {"bool": {"must_not": [{"exists": {"field": "circles"}}]}},
            {"terms": {"circles": ["organisation:3"]}},
        ],
        "minimum_should_match": 1,
    }
}
AGGREGATIONS = {
    "kind": {"terms": {"field": "kind", "size": 50}},
    "life_domain": {"terms": {"field": "life_domains", "size": 50}},
    "target_group": {"terms": {"field": "target_groups", "size": 50}},
    "organisation": {"terms": {"field": "organisation", "size": 50}},
    "year": {"terms": {"field": "year", "size": 50}},
}
TEXT = {"type": "text", "fields": {"words": {"type": "text", "analyzer": "folding"}}}


@pytest.fixture
def backend(settings):
    settings.SEARCH_ELASTICSEARCH = {"INDEX": "lsb-test"}
    return es.ElasticsearchBackend(client=object())


def test_index_definition():
    body = es.index_body(
        "lsb-test-1", ["ocmw, sociaal huis", "lsb, lokaal sociaal beleid"]
    )
    assert body == {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {
                    "folding": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    },
                    "dutch_folded": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [
                            "lowercase",
                            "asciifolding",
                            "dutch_stop",
                            "dutch_stemmer",
                        ],
                    },
                    "dutch_folded_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [
                            "lowercase",
                            "asciifolding",
                            "lsb_synonyms",
                            "dutch_stop",
                            "dutch_stemmer",
                        ],
                    },
                },
                "filter": {
                    "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                    "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                    "lsb_synonyms": {
                        "type": "synonym_graph",
                        "synonyms": [
                            "ocmw, sociaal huis",
                            "lsb, lokaal sociaal beleid",
                        ],
                        "lenient": True,
                    },
                },
            },
        },
        "mappings": {
            "properties": {
                "key": {"type": "keyword"},
                "source": {"type": "keyword"},
                "kind": {"type": "keyword"},
                "title": {
                    **TEXT,
                    "analyzer": "dutch_folded",
                    "search_analyzer": "dutch_folded_search",
                },
                "body": {
                    **TEXT,
                    "analyzer": "dutch_folded",
                    "search_analyzer": "dutch_folded_search",
                },
                "suggest": {"type": "search_as_you_type", "analyzer": "folding"},
                "url": {"type": "keyword", "index": False},
                "context": {"type": "keyword", "index": False},
                "audience": {"type": "keyword"},
                "circles": {"type": "keyword"},
                "life_domains": {"type": "keyword"},
                "target_groups": {"type": "keyword"},
                "organisation": {"type": "keyword"},
                "date": {"type": "date"},
                "year": {"type": "integer"},
                "boost": {"type": "float"},
                "fingerprint": {"type": "keyword", "index": False},
            }
        },
    }


def test_synonym_rules_come_from_the_synonym_model(db):
    rules = es.synonym_rules()
    assert "ocmw, sociaal huis, openbaar centrum voor maatschappelijk welzijn" in rules
    assert "caw, centrum algemeen welzijnswerk" in rules


def test_search_request(backend):
    query = SearchQuery(
        plan=plan_query(
            "sociaal huis kinderopvang", parse_synonym_groups(["OCMW, sociaal huis"])
        ),
        visibility=PARTNER,
        filters={"kind": ("goal",), "life_domain": ("Wonen",)},
        page=2,
    )
    prefix = {
        "type": "phrase_prefix",
        "fields": ["title.words", "body.words"],
        "boost": 0.5,
    }
    assert backend.search_request(query).to_dict() == {
        "query": {
            "bool": {
                "must": [
                    {
                        "function_score": {
                            "query": {
                                "bool": {
                                    "must": [
                                        {
                                            "bool": {
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "ocmw",
                                                            "fields": [
                                                                "title^3",
                                                                "body",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "ocmw",
                                                            **prefix,
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "sociaal huis",
                                                            "fields": [
                                                                "title^3",
                                                                "body",
                                                            ],
                                                            "type": "phrase",
                                                        }
                                                    },
                                                ],
                                                "minimum_should_match": 1,
                                            }
                                        },
                                        {
                                            "bool": {
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "kinderopvang",
                                                            "fields": [
                                                                "title^3",
                                                                "body",
                                                            ],
                                                        }
                                                    },
                                                    {
                                                        "multi_match": {
                                                            "query": "kinderopvang",
                                                            **prefix,
                                                        }
                                                    },
                                                ],
                                                "minimum_should_match": 1,
                                            }
                                        },
                                    ]
                                }
                            },
                            "functions": [
                                {"field_value_factor": {"field": "boost", "missing": 1}}
                            ],
                            "boost_mode": "multiply",
                        }
                    }
                ],
                "filter": [
                    PARTNER_FILTER,
                    {"terms": {"kind": ["goal"]}},
                    {"terms": {"life_domains": ["Wonen"]}},
                ],
            }
        },
        "aggs": AGGREGATIONS,
        "highlight": {
            "fields": {"body": {}},
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fragment_size": 240,
            "number_of_fragments": 1,
            "no_match_size": 240,
        },
        "_source": [
            "key",
            "kind",
            "title",
            "url",
            "context",
            "organisation",
            "date",
            "audience",
            "life_domains",
            "target_groups",
        ],
        "track_total_hits": True,
        "from": 10,
        "size": 10,
    }


def test_any_word_request_and_date_sort(backend):
    query = SearchQuery(
        plan=plan_query("regie data", []), visibility=STAFF, sort="date"
    )
    body = backend.search_request(query, mode="any").to_dict()
    text = body["query"]["bool"]["must"][0]["function_score"]["query"]
    assert (
        text["bool"]["minimum_should_match"] == 1 and len(text["bool"]["should"]) == 2
    )
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"audience": ["public", "partners", "staff"]}}
    ]
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, "_score"]


def test_suggest_and_spelling_requests(backend):
    assert backend.suggest_request("Kinder op", PARTNER, 4).to_dict() == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "kinder op",
                            "type": "bool_prefix",
                            "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
                        }
                    }
                ],
                "filter": [PARTNER_FILTER],
            }
        },
        "_source": ["title", "url", "kind"],
        "size": 8,
    }
    assert backend.spelling_request("kindropvang", PARTNER).to_dict() == {
        "query": {"bool": {"filter": [PARTNER_FILTER]}},
        "suggest": {
            "did_you_mean": {
                "text": "kindropvang",
                "term": {
                    "field": "body.words",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                },
            }
        },
        "size": 0,
    }


def test_delete_and_replace_queries(backend):
    assert backend.delete_query(
        ["cms.goal:3", "cms.frameworktextpage:2#sectie-1"]
    ).to_dict() == {
        "bool": {
            "should": [
                {"terms": {"key": ["cms.goal:3", "cms.frameworktextpage:2#sectie-1"]}},
                {"terms": {"source": ["cms.goal:3"]}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert backend.replace_query(
        "cms.frameworktextpage:2", ["cms.frameworktextpage:2"]
    ).to_dict() == {
        "bool": {
            "filter": [{"term": {"source": "cms.frameworktextpage:2"}}],
            "must_not": [{"terms": {"key": ["cms.frameworktextpage:2"]}}],
        }
    }


def test_documents_as_stored():
    document = SearchDocument(
        key="cms.goal:3",
        kind=DocumentKind.GOAL,
        title="SD 1 Wonen",
        body="Betaalbaar wonen",
        url="/plan/#doel-sd-1",
        audience=Audience.PUBLIC,
        life_domains=("Wonen",),
        date=datetime.date(2026, 1, 1),
        year=2026,
    )
    source = es.to_source(document)
    assert source["suggest"] == "SD 1 Wonen"
    assert source["source"] == "cms.goal:3"
    assert source["date"] == "2026-01-01"
    assert source["fingerprint"] == document.fingerprint


class RecordingIndices:
    def __init__(self, calls, old):
        self.calls, self.old = calls, old

    def __getattr__(self, name):
        def call(**kwargs):
            self.calls.append((name, kwargs))
            if name == "exists_alias":
                return bool(self.old)
            if name == "get_alias":
                return {index: {} for index in self.old}
            return {}

        return call


class RecordingClient:
    def __init__(self, old):
        self.calls = []
        self.indices = RecordingIndices(self.calls, old)


def test_rebuild_fills_a_new_index_then_swaps_the_alias(backend, monkeypatch, db):
    client = RecordingClient(old=["lsb-test-20250101000000000000"])
    backend = es.ElasticsearchBackend(client=client)
    bulked = []
    monkeypatch.setattr(
        backend,
        "_bulk",
        lambda index, actions, refresh=False: (
            bulked.append(index) or len(list(actions))
        ),
    )
    monkeypatch.setattr(
        backend, "new_index_name", lambda: "lsb-test-20260101000000000000"
    )
    document = SearchDocument(
        key="cms.contentpage:1",
        kind="page",
        title="T",
        body="",
        url="/",
        audience="public",
    )
    assert backend.rebuild([document]) == 1
    names = [name for name, _kwargs in client.calls]
    assert names == [
        "create",
        "refresh",
        "exists_alias",
        "get_alias",
        "update_aliases",
        "delete",
    ]
    assert bulked == ["lsb-test-20260101000000000000"]
    update = dict(client.calls)["update_aliases"]
    assert update == {
        "actions": [
            {"remove": {"index": "lsb-test-20250101000000000000", "alias": "lsb-test"}},
            {"add": {"index": "lsb-test-20260101000000000000", "alias": "lsb-test"}},
        ]
    }
    assert dict(client.calls)["delete"] == {
        "index": "lsb-test-20250101000000000000",
        "ignore_unavailable": True,
    }
