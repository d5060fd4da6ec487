"""What the database backend asks of an engine beyond its own text structure: a
page of ranked matches with the facet counts of all matches, and the filter on a
multi-valued facet. The ORM versions here work anywhere; an engine overrides them
where its own SQL is faster (SQLite does)."""

import heapq
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.cache import cache
from django.db.models import Q, QuerySet

from search.analysis import QueryPlan
from search.documents import Facet, Sort
from search.models import pack_values, unpack_values

#: (facet, value, count) rows, unordered.
FacetRows = list[tuple[str, str, int]]
#: (document id, score) of one page of hits, best first.
Ranked = list[tuple[int, float]]

#: Facets are counted exactly over at most this many matches; above it, from
#: this many, scaled to the estimated number of matches (and marked so).
FACET_BOUND = 2000
#: Matches ranked fully (PostgreSQL's `ts_rank` over the whole vector): the best
#: this many by a cheap score.
CANDIDATES = 200


@dataclass
class Matches:
    """What one pass over the matches gives: facet counts (their kind counts add
    up to the total), one page ranked, and whether the counts are estimates."""

    counts: "FacetRows" = field(default_factory=list)
    ranked: Ranked = field(default_factory=list)
    estimated: bool = False


def scaled(counts: "FacetRows", factor: float) -> "FacetRows":
    """Facet counts of a sample, as estimates for all matches (never below the
    sample's own count)."""
    if factor <= 1:
        return counts
    return [(facet, value, round(count * factor)) for facet, value, count in counts]


#: The columns of a match row after id, score and date, and their facets.
FACET_COLUMNS = (
    ("kind", Facet.KIND),
    ("year", Facet.YEAR),
    ("organisation", Facet.ORGANISATION),
    ("life_domains", Facet.LIFE_DOMAIN),
    ("target_groups", Facet.TARGET_GROUP),
)
logger = logging.getLogger(__name__)

PACKED = {Facet.LIFE_DOMAIN, Facet.TARGET_GROUP}
PACKED_COLUMNS = {
    Facet.LIFE_DOMAIN: "life_domains",
    Facet.TARGET_GROUP: "target_groups",
}


def conditions(connection, documents: QuerySet) -> tuple[str, list]:
    """The WHERE clause of a queryset of documents (the audience filter and the
    facet filters), as SQL on the documents table and its parameters: an engine's
    own query joins the documents table under its own name and adds this."""
    query = documents.query
    where, params = query.get_compiler(connection=connection).compile(query.where)
    return where or "1 = 1", list(params)


def count_facets(rows) -> FacetRows:
    """Facet counts from match rows (id, score, date, *FACET_COLUMNS), the way
    `SearchDocument.facet_values` lists them: each column counted at C speed,
    then packed values unpacked once per distinct combination."""
    counts: FacetRows = []
    for index, (_name, facet) in enumerate(FACET_COLUMNS, start=3):
        counter: Counter = Counter()
        # map + itemgetter stays in C; transposing the rows with zip did not.
        for value, count in Counter(map(itemgetter(index), rows)).items():
            if not value:
                continue
            for part in unpack_values(value) if facet in PACKED else (str(value),):
                counter[part] += count
        counts += [(facet.value, value, count) for value, count in counter.items()]
    return counts


def by_score(row) -> tuple:
    """The higher score first, then the lower id (the SQL order of `ranked`)."""
    return (row[1], -row[0])


def by_date(row) -> tuple:
    """Dated first, the newest first, then by score (the SQL order of `ranked`)."""
    return (row[2] is not None, row[2] or "", row[1], -row[0])


def counted_and_ranked(rows, *, sort, offset, limit, by_score=by_score):
    """The facet counts of all match rows, and one page of them ranked."""
    if not rows:
        return Matches()
    key = by_date if sort == Sort.DATE else by_score
    best = heapq.nlargest(offset + limit, rows, key=key)[offset:]
    return Matches(count_facets(rows), [(row[0], row[1]) for row in best])


class QuerySetEngine:
    def recount_vocabulary(self, connection) -> None:
        """Count the index vocabulary afresh, where the engine keeps one (after a
        rebuild, which writes without counting)."""

    def tidy(self, connection) -> None:
        """After a rebuild has committed, what the database's own upkeep would do
        some time later, so that the first searches do not pay for it."""

    def matching(
        self, documents: QuerySet, plan: QueryPlan, mode: str, *, stemmed=False
    ) -> QuerySet:
        raise NotImplementedError

    def ranked(
        self, connection, documents, plan, mode, *, sort, offset, limit
    ) -> Ranked:
        raise NotImplementedError

    def page(
        self, connection, documents, plan, mode, *, sort, offset, limit, **hints
    ) -> Matches:
        """The facet counts of every match, and one page of them ranked.
        `hints` (the visibility and the filters) let an engine narrow in its own
        index what `documents` already narrows."""
        counts = self.facet_counts(connection, documents, plan, mode)
        if not counts:
            return Matches(counts)
        ranked = self.ranked(
            connection, documents, plan, mode, sort=sort, offset=offset, limit=limit
        )
        return Matches(counts, ranked)

    def count(
        self, connection, documents: QuerySet, plan: QueryPlan, mode, *, at_most=None
    ) -> int:
        """How many of `documents` match (counting no further than `at_most`)."""
        matched = self.matching(documents, plan, mode)
        if at_most is not None:
            return len(matched.values_list("id", flat=True)[:at_most])
        return matched.count()

    def first_match(self, connection, documents: QuerySet, plan: QueryPlan):
        """The id of one of `documents` holding the plan's (stemmed) terms."""
        matched = self.matching(documents, plan, "all", stemmed=True)
        return next(iter(matched.order_by().values_list("id", flat=True)[:1]), None)

    def facet_filter(self, documents: QuerySet, facet: str, values) -> QuerySet:
        """The documents with one of these values of a multi-valued facet (on its
        packed column, "|Wonen|Werken|")."""
        column = PACKED_COLUMNS[facet]
        condition = Q()
        for value in values:
            condition |= Q(**{f"{column}__contains": pack_values([value])})
        return documents.filter(condition)

    def facet_counts(
        self, connection, documents: QuerySet, plan: QueryPlan, mode: str
    ) -> FacetRows:
        """Facet values of the documents that match (all of `documents` for an
        empty plan), counted. Every document has exactly one kind, so the kind
        counts add up to the number of matches."""
        matched = documents
        if not plan.is_empty:
            matched = self.matching(documents, plan, mode)
        columns = [name for name, _facet in FACET_COLUMNS]
        rows = matched.order_by().values_list("id", "boost", "date", *columns)
        return count_facets(list(rows))


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
    try:
        generation = cache.get_or_set(_GENERATION, 0, timeout=None)
        key = f"search:vocabulary:{connection.alias}:{generation}:{ord(initial)}"
        terms = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable: index vocabulary read afresh.")
        return list(load(connection, initial))
    if terms is None:
        terms = list(load(connection, initial))
        _quietly(cache.set, key, terms, timeout=VOCABULARY_SECONDS)
    return terms


def vocabulary_changed() -> None:
    """Called on every write to the index: the cached terms are out of date. A
    failing cache must never fail a write (the entries expire anyway)."""
    try:
        cache.incr(_GENERATION)
    except ValueError:
        _quietly(cache.set, _GENERATION, 1, timeout=None)
    except Exception:
        logger.warning("Cache unavailable: cached index vocabulary left to expire.")


def _quietly(call, *args, **kwargs) -> None:
    try:
        call(*args, **kwargs)
    except Exception:
        logger.warning("Cache unavailable: %s skipped.", call.__name__)
