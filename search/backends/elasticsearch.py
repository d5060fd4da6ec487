"""Elasticsearch: one index of `SearchDocument`s behind an alias, a Dutch analyser
(stop words, asciifolding, the Dutch stemmer, and the editors' synonyms at search
time), highlighting, terms aggregations for facets and `search_as_you_type` for
suggestions. The audience filter is a bool filter in the query, so it applies
before hits are scored and facets counted. A rebuild fills a new, timestamped index
and then moves the alias in one atomic step: searches never see an empty index.

Settings: `ELASTICSEARCH_URL`, and optionally `SEARCH_ELASTICSEARCH = {"INDEX":
"lsb-documents", "TIMEOUT": 10}`.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from functools import cached_property

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk, scan
from elasticsearch_dsl import (
    A,
    Date,
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search import analysis
from search.analysis import QueryPlan
from search.backends import base
from search.backends.base import (
    CheckReport,
    FacetCount,
    Hit,
    SearchQuery,
    SearchResults,
    Suggestion,
    Visibility,
)
from search.documents import Facet, SearchDocument, Sort, source_of
from search.models import Synonym

DEFAULT_INDEX = "lsb-documents"
FEW_HITS = 3
SNIPPET_LENGTH = 240
TITLE_BOOST = 3
#: Facet -> field of the index.
FACET_FIELDS = {
    Facet.KIND: "kind",
    Facet.LIFE_DOMAIN: "life_domains",
    Facet.TARGET_GROUP: "target_groups",
    Facet.ORGANISATION: "organisation",
    Facet.YEAR: "year",
}

folding = analyzer(
    "folding", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
dutch_stop = token_filter("dutch_stop", type="stop", stopwords="_dutch_")
dutch_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")
dutch = analyzer(
    "dutch_folded",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer],
)


SEARCH_ANALYZER = "dutch_folded_search"


def synonym_rules() -> list[str]:
    """The Synonym model as Solr rules ("ocmw, sociaal huis"), folded."""
    rules = []
    for terms in Synonym.objects.order_by("pk").values_list("terms", flat=True):
        variants = [" ".join(analysis.words(part)) for part in terms.split(",")]
        variants = [variant for variant in variants if variant]
        if len(variants) > 1:
            rules.append(", ".join(variants))
    return rules


def search_analyzer(rules: list[str]):
    """The query side: the index side plus the synonyms (a graph filter, so
    "sociaal huis" matches as a phrase)."""
    synonyms = token_filter(
        "lsb_synonyms", type="synonym_graph", synonyms=rules, lenient=True
    )
    return analyzer(
        SEARCH_ANALYZER,
        tokenizer="standard",
        filter=["lowercase", "asciifolding", synonyms, dutch_stop, dutch_stemmer],
    )


class IndexedDocument(Document):
    """A `SearchDocument` as Elasticsearch stores it."""

    key = Keyword()
    source = Keyword()
    kind = Keyword()
    title = Text(
        analyzer=dutch,
        search_analyzer=SEARCH_ANALYZER,
        fields={"words": Text(analyzer=folding)},
    )
    body = Text(
        analyzer=dutch,
        search_analyzer=SEARCH_ANALYZER,
        fields={"words": Text(analyzer=folding)},
    )
    suggest = SearchAsYouType(analyzer=folding)
    url = Keyword(index=False)
    context = Keyword(index=False)
    audience = Keyword()
    circles = Keyword()
    life_domains = Keyword()
    target_groups = Keyword()
    organisation = Keyword()
    date = Date()
    year = Integer()
    boost = Float()
    fingerprint = Keyword(index=False)


def index_body(name: str, rules: list[str]) -> dict:
    """The index: one shard (the corpus is small), the Dutch analysers with the
    synonyms of the moment, and the mapping of `IndexedDocument`."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(search_analyzer(rules))
    index.document(IndexedDocument)
    return index.to_dict()


def to_source(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "source": document.source,
        "kind": document.kind,
        "title": document.title,
        "body": document.body,
        "suggest": document.title,
        "url": document.url,
        "context": document.context,
        "audience": document.audience,
        "circles": list(document.circles),
        "life_domains": list(document.life_domains),
        "target_groups": list(document.target_groups),
        "organisation": document.organisation,
        "date": document.date.isoformat() if document.date else None,
        "year": document.year,
        "boost": document.boost,
        "fingerprint": document.fingerprint,
    }


def visibility_filter(visibility: Visibility) -> Q:
    """Audience, and internal items only of the user's own circles."""
    allowed = Q("terms", audience=list(visibility.audiences))
    if visibility.all_circles:
        return allowed
    open_items = ~Q("exists", field="circles")
    own_items = Q("terms", circles=list(visibility.circles))
    return allowed & Q("bool", should=[open_items, own_items], minimum_should_match=1)


def facet_filters(filters: dict[str, tuple[str, ...]]) -> list[Q]:
    clauses = []
    for facet, values in filters.items():
        field = FACET_FIELDS.get(facet)
        if field and values:
            clauses.append(Q("terms", **{field: list(values)}))
    return clauses


def text_query(plan: QueryPlan, mode: str) -> Q:
    """A clause per query term, its synonyms as alternatives (phrases as phrases), a
    term also as a prefix (Dutch compounds); all clauses or any of them."""
    clauses = []
    for clause in plan.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            if not alternative.stems:
                continue
            text = analysis.numbers_as_digits(alternative.text)
            fields = [f"title^{TITLE_BOOST}", "body"]
            if alternative.is_phrase:
                alternatives.append(
                    Q("multi_match", query=text, type="phrase", fields=fields)
                )
                continue
            alternatives.append(Q("multi_match", query=text, fields=fields))
            if alternative.allows_prefix:
                alternatives.append(
                    Q(
                        "multi_match",
                        query=text,
                        type="phrase_prefix",
                        fields=["title.words", "body.words"],
                        boost=0.5,
                    )
                )
        if alternatives:
            clauses.append(Q("bool", should=alternatives, minimum_should_match=1))
    if mode == "all":
        return Q("bool", must=clauses)
    return Q("bool", should=clauses, minimum_should_match=1)


class ElasticsearchBackend(base.SearchBackend):
    """Elasticsearch through elasticsearch-dsl, with an alias swapped on rebuild."""

    def __init__(self, client=None):
        options = getattr(settings, "SEARCH_ELASTICSEARCH", {})
        self.alias = options.get("INDEX", DEFAULT_INDEX)
        self.timeout = options.get("TIMEOUT", 10)
        self._client = client

    @cached_property
    def client(self):
        if self._client is not None:
            return self._client
        return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=self.timeout)

    # Request bodies (checked by the tests without a server)

    def search_request(self, query: SearchQuery, mode: str = "all") -> Search:
        search = Search(index=self.alias).extra(track_total_hits=True)
        filters = [visibility_filter(query.visibility), *facet_filters(query.filters)]
        if query.plan.is_empty:
            scored = Q("match_all")
            search = search.sort({"date": {"order": "desc", "missing": "_last"}})
        else:
            scored = Q(
                "function_score",
                query=text_query(query.plan, mode),
                field_value_factor={"field": "boost", "missing": 1},
                boost_mode="multiply",
            )
            if query.sort == Sort.DATE:
                search = search.sort(
                    {"date": {"order": "desc", "missing": "_last"}}, "_score"
                )
            search = search.highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                fragment_size=SNIPPET_LENGTH,
                number_of_fragments=1,
                no_match_size=SNIPPET_LENGTH,
            ).highlight("body")
        search = search.query(Q("bool", must=[scored], filter=filters))
        for facet, field in FACET_FIELDS.items():
            search.aggs.bucket(
                facet.value, A("terms", field=field, size=self.facet_size)
            )
        search = search.source(
            [
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
            ]
        )
        return search[query.offset : query.offset + query.page_size]

    def spelling_request(self, text: str, visibility: Visibility) -> Search:
        search = Search(index=self.alias).query(
            Q("bool", filter=[visibility_filter(visibility)])
        )
        search = search.suggest(
            "did_you_mean",
            text,
            term={
                "field": "body.words",
                "suggest_mode": "missing",
                "min_word_length": 4,
            },
        )
        return search.extra(size=0)

    def suggest_request(
        self, prefix: str, visibility: Visibility, limit: int
    ) -> Search:
        query = Q(
            "multi_match",
            query=" ".join(analysis.words(prefix)),
            type="bool_prefix",
            fields=["suggest", "suggest._2gram", "suggest._3gram"],
        )
        search = Search(index=self.alias).query(
            Q("bool", must=[query], filter=[visibility_filter(visibility)])
        )
        return search.source(["title", "url", "kind"])[: limit * 2]

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        mode = "all"
        response = self.search_request(query, mode).using(self.client).execute()
        total = response.hits.total.value
        if total == 0 and len(query.plan.clauses) > 1 and not query.all_words:
            mode = "any"
            response = self.search_request(query, mode).using(self.client).execute()
            total = response.hits.total.value
        hits = []
        for hit in response.hits:
            highlight = getattr(hit.meta, "highlight", None)
            snippet = highlight.body[0] if highlight and "body" in highlight else ""
            hits.append(
                Hit(
                    key=hit.key,
                    kind=hit.kind,
                    title=hit.title,
                    url=hit.url,
                    snippet=snippet,
                    context=getattr(hit, "context", "") or "",
                    organisation=getattr(hit, "organisation", "") or "",
                    date=_date(getattr(hit, "date", None)),
                    score=hit.meta.score or 0.0,
                    audience=getattr(hit, "audience", "") or "",
                    life_domains=tuple(getattr(hit, "life_domains", None) or ()),
                    target_groups=tuple(getattr(hit, "target_groups", None) or ()),
                )
            )
        facets = {
            facet.value: [
                FacetCount(value=str(bucket.key), count=bucket.doc_count)
                for bucket in getattr(response.aggregations, facet.value).buckets
            ]
            for facet in FACET_FIELDS
        }
        results = SearchResults(
            hits=hits,
            total=total,
            facets=facets,
            page=query.page,
            page_size=query.page_size,
            query=query.plan.text,
        )
        if not query.plan.is_empty and total < FEW_HITS:
            results.did_you_mean = self._did_you_mean(query, total)
        return results

    def _did_you_mean(self, query: SearchQuery, total: int) -> str | None:
        """The term suggester's corrections, offered only when the corrected query
        finds more for this user (the suggester itself sees every document)."""
        response = (
            self.spelling_request(query.plan.text, query.visibility)
            .using(self.client)
            .execute()
        )
        corrected, changed = query.plan.text, False
        for entry in response.suggest.did_you_mean:
            if entry.options:
                corrected = corrected.replace(entry.text, entry.options[0].text)
                changed = True
        if not changed:
            return None
        better = replace(query, plan=analysis.plan_query(corrected, []), page=1)
        count = self.search_request(better).using(self.client).count()
        return corrected if count > total else None

    def suggest(self, prefix: str, visibility: Visibility, limit: int = 8):
        if not analysis.words(prefix):
            return []
        response = (
            self.suggest_request(prefix, visibility, limit).using(self.client).execute()
        )
        suggestions, seen = [], set()
        for hit in response.hits:
            if hit.title not in seen:
                seen.add(hit.title)
                suggestions.append(
                    Suggestion(title=hit.title, url=hit.url, kind=hit.kind)
                )
        return suggestions[:limit]

    # Writing

    def ping(self) -> None:
        if not self.client.ping():
            raise ConnectionError("Elasticsearch did not answer")

    def setup(self) -> None:
        """Create an index behind the alias when there is none."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.new_index_name()
            self.client.indices.create(index=name, **index_body(name, synonym_rules()))
            self.client.indices.put_alias(index=name, name=self.alias)

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def _bulk(self, index: str, actions: Iterable[dict], refresh=False) -> int:
        success, _errors = bulk(
            self.client, actions, index=index, refresh=refresh, stats_only=True
        )
        return success

    def index(self, documents: Iterable[SearchDocument]) -> int:
        actions = [
            {"_id": document.key, "_source": to_source(document)}
            for document in documents
        ]
        if not actions:
            return 0
        return self._bulk(self.alias, actions, refresh="wait_for")

    def delete_query(self, keys: list[str]) -> Q:
        objects = [key for key in keys if source_of(key) == key]
        return Q(
            "bool",
            should=[Q("terms", key=keys), Q("terms", source=objects)],
            minimum_should_match=1,
        )

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            self.client.delete_by_query(
                index=self.alias,
                query=self.delete_query(keys).to_dict(),
                refresh=True,
                conflicts="proceed",
            )

    def replace_query(self, source: str, keys: list[str]) -> Q:
        return Q(
            "bool", filter=[Q("term", source=source)], must_not=[Q("terms", key=keys)]
        )

    def replace(self, source: str, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        strays = [d.key for d in documents if d.source != source]
        if strays:
            raise ValueError(f"Documents not of source {source}: {strays}")
        self.index(documents)
        self.client.delete_by_query(
            index=self.alias,
            query=self.replace_query(source, [d.key for d in documents]).to_dict(),
            refresh=True,
            conflicts="proceed",
        )

    def rebuild(self, documents, progress=None) -> int:
        """Fill a new index, then move the alias to it in one step and drop the old
        indexes: searches keep using the old index until the swap."""
        name = self.new_index_name()
        self.client.indices.create(index=name, **index_body(name, synonym_rules()))

        def actions():
            for count, document in enumerate(documents, 1):
                yield {"_id": document.key, "_source": to_source(document)}
                if progress and count % 500 == 0:
                    progress(500)

        total = self._bulk(name, actions())
        if progress and total % 500:
            progress(total % 500)
        self.client.indices.refresh(index=name)
        self.swap_alias(name)
        return total

    def swap_alias(self, name: str) -> None:
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias))
        self.client.indices.update_aliases(actions=self.alias_actions(name, old))
        for index in old:
            if index != name:
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def alias_actions(self, name: str, old: list[str]) -> list[dict]:
        return [
            *({"remove": {"index": index, "alias": self.alias}} for index in old),
            {"add": {"index": name, "alias": self.alias}},
        ]

    def check(self, documents: Iterable[SearchDocument]) -> CheckReport:
        expected = {document.key: document.fingerprint for document in documents}
        stored = {
            hit["_id"]: hit["_source"].get("fingerprint")
            for hit in scan(
                self.client, index=self.alias, _source=["fingerprint"], size=1000
            )
        }
        return CheckReport(
            missing=sorted(set(expected) - set(stored)),
            stale=sorted(set(stored) - set(expected)),
            outdated=sorted(
                key
                for key, value in expected.items()
                if key in stored and stored[key] != value
            ),
        )


def _date(value):
    if not value:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value).date()
    return value.date() if hasattr(value, "date") else value


# What `search.conf` loads from this module.
BACKEND = ElasticsearchBackend
