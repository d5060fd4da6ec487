"""SQLite: an FTS5 table (`search_fts`, made by the migrations) holding each
document's analysed title and body (folded, stemmed, without stop words: SQLite has
no Dutch analyser, so `search.analysis` does it on both sides) and the folded title
words for prefix suggestions. Ranked by bm25 with the title weighing most.

Reads start from the FTS match and look each match up by rowid in
`search_document_access`, a narrow copy of the columns that filter, rank, sort and
count, aliased as the documents table so the ORM's WHERE clause applies to it
as it is. SQLite would otherwise read the whole row, body included, for every
match; a covering index does not, but a rowid lookup is a third cheaper still."""

import heapq
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db.models import F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from search import analysis
from search.analysis import QueryPlan
from search.backends.database import engine
from search.backends.database.engine import (
    FACET_COLUMNS,
    FacetRows,
    Matches,
    QuerySetEngine,
    by_date,
    by_score,
    cached_vocabulary,
    conditions,
    count_facets,
    counted_and_ranked,
    scaled,
)
from search.documents import Facet, SearchDocument, Sort
from search.models import VALUE_SEPARATOR

TABLE = "search_fts"
VOCABULARY = "search_fts_vocabulary"
DOCUMENTS = "search_indexeddocument"
#: A narrow rowid table of the columns a search filters, ranks, sorts and counts
#: facets on, a copy of those of `search_indexeddocument` (made by the migrations).
ACCESS = "search_document_access"
ACCESS_COLUMNS = (
    "id, audience, circles, kind, year, organisation, boost, date, "
    "life_domains, target_groups"
)
#: bm25 column weights: title, body, title words (suggestions only).
TITLE_WEIGHT = 6.0
BODY_WEIGHT = 1.0


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def match_expression(
    plan: QueryPlan, mode: str, *, stemmed: bool = False, columns="title body"
) -> str:
    """The FTS5 query: a clause per query term, its synonyms OR'ed, a term also as
    a prefix (Dutch compounds), clauses AND'ed ("all") or OR'ed ("any")."""
    clauses = []
    for clause in plan.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            stems = alternative.words if stemmed else alternative.stems
            if not stems:
                continue
            if len(stems) > 1:
                alternatives.append(_quote(" ".join(stems)))
            elif alternative.allows_prefix and not stemmed:
                alternatives.append(f"{_quote(stems[0])} OR {_quote(stems[0])}*")
            else:
                alternatives.append(_quote(stems[0]))
        if alternatives:
            clauses.append("(" + " OR ".join(alternatives) + ")")
    joined = (" AND " if mode == "all" else " OR ").join(clauses)
    return "{" + columns + "} : (" + joined + ")" if clauses else ""


def _from_matches(connection, documents: QuerySet, expression: str, join=""):
    """FROM and WHERE: the FTS matches, then the documents among them that
    `documents` allows, looked up through the covering index (CROSS JOIN keeps
    that order), then `join`."""
    where, params = conditions(connection, documents)
    sql = (
        f"FROM {TABLE} CROSS JOIN {ACCESS} AS {DOCUMENTS} "
        f"ON {DOCUMENTS}.id = {TABLE}.rowid {join} "
        f"WHERE {TABLE} MATCH %s AND ({where})"
    )
    return sql, [expression, *params]


#: Rows come in id order (FTS5 returns matches by rowid), and `heapq.nlargest`
#: keeps that order among equal scores: the lower id first, as `by_score` would.
_by_score = itemgetter(1)


class SQLiteEngine(QuerySetEngine):
    def write(
        self, connection, rows: list[tuple[int, SearchDocument]], *, vocabulary=True
    ) -> None:
        """FTS5 keeps its own vocabulary (`search_fts_vocabulary`)."""
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rowid, title, body, title_words) "
                "VALUES (%s, %s, %s, %s)",
                [
                    (
                        pk,
                        analysis.index_text(document.title),
                        analysis.index_text(document.body),
                        " ".join(analysis.words(document.title)),
                    )
                    for pk, document in rows
                ],
            )
            ids = [pk for pk, _document in rows]
            cursor.execute(
                f"INSERT OR REPLACE INTO {ACCESS} ({ACCESS_COLUMNS}) "
                f"SELECT {ACCESS_COLUMNS} FROM {DOCUMENTS} "
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )

    def remove(self, connection, ids: list[int]) -> None:
        if not ids:
            return
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", ids)
            cursor.execute(f"DELETE FROM {ACCESS} WHERE id IN ({marks})", ids)

    def clear(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"DELETE FROM {ACCESS}")

    def ids_without_text(self, connection) -> RawSQL:
        return RawSQL(
            f"SELECT d.id FROM {DOCUMENTS} d "
            f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} f WHERE f.rowid = d.id) "
            f"OR NOT EXISTS (SELECT 1 FROM {ACCESS} a WHERE a.id = d.id)",
            (),
        )

    def matching(
        self, documents: QuerySet, plan: QueryPlan, mode: str, *, stemmed=False
    ) -> QuerySet:
        expression = match_expression(plan, mode, stemmed=stemmed)
        if not expression:
            return documents.none()
        return documents.filter(
            id__in=RawSQL(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", (expression,)
            )
        )

    def facet_counts(self, connection, documents, plan, mode) -> FacetRows:
        if plan.is_empty:
            return self._browse_counts(connection, documents)
        return self.page(
            connection, documents, plan, mode, sort=Sort.RELEVANCE, offset=0, limit=0
        ).counts

    def _browse_counts(self, connection, documents) -> FacetRows:
        """Facets without a query (browsing by filters): one pass over the narrow
        table, counted the way `page` counts matches."""
        try:
            where, params = conditions(connection, documents)
        except EmptyResultSet:
            return []
        facet_columns = ", ".join(f"{DOCUMENTS}.{name}" for name, _f in FACET_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {DOCUMENTS}.id, 0, NULL, {facet_columns} "
                f"FROM {ACCESS} AS {DOCUMENTS} WHERE {where}",
                params,
            )
            return count_facets(cursor.fetchall())

    def page(
        self, connection, documents, plan, mode, *, sort, offset, limit, **hints
    ) -> Matches:
        """One pass: the matches with their score and facet columns (from the
        narrow table), counted and ranked here, up to `FACET_BOUND` of them.
        Above it the counts are scaled from those (FTS5 returns matches by
        rowid, so they are the matches among the lowest ids), and the page
        ranked among them and the title matches."""
        expression = match_expression(plan, mode)
        if not expression:
            return Matches()
        try:
            matches, params = _from_matches(connection, documents, expression)
        except EmptyResultSet:
            return Matches()
        # The date only when it orders: reading it costs a conversion per row.
        date = f"{DOCUMENTS}.date" if sort == Sort.DATE else "NULL"
        facet_columns = ", ".join(f"{DOCUMENTS}.{name}" for name, _f in FACET_COLUMNS)
        score = (
            f"-bm25({TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0.0) * {DOCUMENTS}.boost"
        )
        bound = engine.FACET_BOUND
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {DOCUMENTS}.id, {score}, {date}, {facet_columns} "
                f"{matches} LIMIT %s",
                [*params, bound + 1],
            )
            rows = cursor.fetchall()
            if len(rows) <= bound:
                return counted_and_ranked(
                    rows, sort=sort, offset=offset, limit=limit, by_score=_by_score
                )
            # One aggregate per SELECT: SQLite reads min and max off the rowid
            # only so; together they scan the table.
            cursor.execute(
                f"SELECT (SELECT min(id) FROM {ACCESS}), (SELECT max(id) FROM {ACCESS})"
            )
            low, high = cursor.fetchone()
            counts = scaled(
                count_facets(rows), (high - low + 1) / (rows[-1][0] - low + 1)
            )
            wanted = max(engine.CANDIDATES, offset + limit)
            if sort == Sort.DATE:
                more, more_params = matches, params
                order = (
                    f"ORDER BY {DOCUMENTS}.date IS NULL, {DOCUMENTS}.date DESC, "
                    "2 DESC, 1"
                )
            else:
                more, more_params = _from_matches(
                    connection,
                    documents,
                    match_expression(plan, mode, columns="title"),
                )
                order = ""
            cursor.execute(
                f"SELECT {DOCUMENTS}.id, {score}, {date} {more} {order} LIMIT %s",
                [*more_params, wanted],
            )
            rows = list({row[0]: row for row in rows + cursor.fetchall()}.values())
        key = by_date if sort == Sort.DATE else by_score
        best = heapq.nlargest(offset + limit, rows, key=key)[offset:]
        return Matches(counts, [(row[0], row[1]) for row in best], estimated=True)

    def count(self, connection, documents, plan, mode, *, at_most=None) -> int:
        expression = match_expression(plan, mode)
        if not expression:
            return 0
        try:
            matches, params = _from_matches(connection, documents, expression)
        except EmptyResultSet:
            return 0
        limit = "" if at_most is None else f"LIMIT {int(at_most)}"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 {matches} {limit})", params)
            return cursor.fetchone()[0]

    def facet_filter(self, documents, facet, values):
        """With `instr`, exact and cheaper than the LIKE of `__contains`, which
        SQLite matches case-insensitively."""
        column = "life_domains" if facet == Facet.LIFE_DOMAIN else "target_groups"
        condition = Q()
        for number, value in enumerate(values):
            name = f"_{column}_{number}"
            documents = documents.alias(
                **{
                    name: Func(
                        F(column),
                        Value(f"{VALUE_SEPARATOR}{value}{VALUE_SEPARATOR}"),
                        function="instr",
                        output_field=IntegerField(),
                    )
                }
            )
            condition |= Q(**{f"{name}__gt": 0})
        return documents.filter(condition)

    def ranked(self, connection, documents, plan, mode, *, sort, offset, limit):
        expression = match_expression(plan, mode)
        if not expression:
            return []
        try:
            matches, params = _from_matches(connection, documents, expression)
        except EmptyResultSet:
            return []
        order = "score DESC"
        if sort == Sort.DATE:
            order = f"{DOCUMENTS}.date IS NULL, {DOCUMENTS}.date DESC, score DESC"
        sql = (
            f"SELECT {DOCUMENTS}.id, "
            f"-bm25({TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, 0.0) * {DOCUMENTS}.boost "
            f"AS score {matches} ORDER BY {order}, {DOCUMENTS}.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, limit, offset))
            return cursor.fetchall()

    def suggest(self, connection, documents, words: list[str], limit: int, **kw):
        *complete, last = words
        terms = [_quote(word) for word in complete] + [_quote(last) + "*"]
        expression = "{title_words} : (" + " AND ".join(terms) + ")"
        try:
            matches, params = _from_matches(connection, documents, expression)
        except EmptyResultSet:
            return []
        sql = (
            f"SELECT {DOCUMENTS}.id {matches} "
            f"ORDER BY bm25({TABLE}, 0.0, 0.0, 1.0) * {DOCUMENTS}.boost, "
            f"{DOCUMENTS}.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, limit * 2))
            return [row[0] for row in cursor.fetchall()]

    def similar_terms(self, connection, word: str, limit: int = 5) -> list[str]:
        """Index terms (stems) near a misspelt word, the most frequent first."""
        target = analysis.stem(word)
        rows = cached_vocabulary(connection, target[0], _load_vocabulary)
        if any(term == target for term, _docs in rows):
            return []
        limit_distance = 1 if len(target) < 6 else 2
        scored = []
        for term, docs in rows:
            if _stem_of_misspelt(term, target):
                # "vertrouwelik" is not stemmed, but "vertrouwelijk" is "vertrouw":
                # the caller looks for the written word in a document with the stem.
                scored.append((limit_distance, -docs, term))
                continue
            if abs(len(term) - len(target)) > limit_distance:
                continue
            distance = analysis.edit_distance(target, term, limit_distance)
            if distance <= limit_distance:
                scored.append((distance, -docs, term))
        return [term for _d, _docs, term in sorted(scored)[:limit]]


def _load_vocabulary(connection, initial: str) -> list[tuple[str, int]]:
    """FTS5's vocabulary table counts by reading every doclist: tens of
    milliseconds at 100k documents, hence `cached_vocabulary`."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, SUM(doc) FROM {VOCABULARY} "
            "WHERE term >= %s AND term < %s AND col IN ('title', 'body') "
            "GROUP BY term",
            (initial, chr(ord(initial) + 1)),
        )
        return cursor.fetchall()


#: How much of a misspelt word's end a stemmer may have taken off ("-elijk").
SUFFIX_REACH = 5


def _stem_of_misspelt(term: str, target: str) -> bool:
    """Whether an index stem could be the stem of a misspelt inflected word: the
    word begins with it and goes on for at most a suffix."""
    return (
        len(term) >= 5
        and target.startswith(term)
        and 0 < len(target) - len(term) <= SUFFIX_REACH
    )
