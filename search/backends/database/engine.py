"""What the database backend asks of an engine beyond its own text structure: a
page of ranked matches with the facet counts of all matches, and the filter on a
multi-valued facet. The ORM versions here work anywhere; an engine overrides them
where its own SQL is faster (SQLite does)."""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, QuerySet

from search.analysis import QueryPlan
from search.models import DocumentFacetValue

#: (facet, value, count) rows, unordered.
FacetRows = list[tuple[str, str, int]]
#: (document id, score) of one page of hits, best first.
Ranked = list[tuple[int, float]]


class QuerySetEngine:
    def matching(
        self, documents: QuerySet, plan: QueryPlan, mode: str, *, stemmed=False
    ) -> QuerySet:
        raise NotImplementedError

    def ranked(
        self, connection, documents, plan, mode, *, sort, offset, limit
    ) -> Ranked:
        raise NotImplementedError

    def page(
        self, connection, documents, plan, mode, *, sort, offset, limit
    ) -> tuple[FacetRows, Ranked]:
        """The facet counts of every match, and one page of them ranked."""
        counts = self.facet_counts(connection, documents, plan, mode)
        if not counts:
            return counts, []
        ranked = self.ranked(
            connection, documents, plan, mode, sort=sort, offset=offset, limit=limit
        )
        return counts, ranked

    def count(self, connection, documents: QuerySet, plan: QueryPlan, mode) -> int:
        """How many of `documents` match."""
        return self.matching(documents, plan, mode).count()

    def facet_filter(self, documents: QuerySet, facet: str, values) -> QuerySet:
        """The documents with one of these values of a multi-valued facet."""
        return documents.filter(
            id__in=DocumentFacetValue.objects.filter(
                facet=facet, value__in=values
            ).values("document_id")
        )

    def facet_counts(
        self, connection, documents: QuerySet, plan: QueryPlan, mode: str
    ) -> FacetRows:
        """Facet values of the documents that match (all of `documents` for an
        empty plan), counted. Every document has exactly one kind, so the kind
        counts add up to the number of matches."""
        matched = documents
        if not plan.is_empty:
            matched = self.matching(documents, plan, mode)
        return list(
            DocumentFacetValue.objects.filter(document_id__in=matched.values("id"))
            .values_list("facet", "value")
            .annotate(count=Count("id"))
            .order_by()
        )


#: How long the index terms of one initial stay cached for "did you mean".
VOCABULARY_SECONDS = 600
_GENERATION = "search:vocabulary:generation"
Terms = list[tuple[str, int]]


def cached_vocabulary(
    connection, initial: str, load: Callable[[object, str], Terms]
) -> Terms:
    """The index terms beginning with `initial`, with their document counts, from
    `load` once until the index next changes (or for ten minutes). Databases
    count terms by reading the whole index (FTS5's vocabulary table, PostgreSQL's
    `ts_stat`); a missing or stale term only costs a suggestion, since "did you
    mean" checks each candidate against the index."""
    generation = cache.get_or_set(_GENERATION, 0, timeout=None)
    key = f"search:vocabulary:{connection.alias}:{generation}:{ord(initial)}"
    terms = cache.get(key)
    if terms is None:
        terms = list(load(connection, initial))
        cache.set(key, terms, timeout=VOCABULARY_SECONDS)
    return terms


def vocabulary_changed() -> None:
    """Called on every write to the index: the cached terms are out of date."""
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 1, timeout=None)
