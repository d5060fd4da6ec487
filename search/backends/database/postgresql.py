"""PostgreSQL: a `tsvector` per document (`search_document_vector`, made by the
migrations, under a GIN index) with the `dutch` configuration, the title weighted A
and the body B, accents removed by `unaccent` (or, where that extension could not be
created, by Python before the text reaches PostgreSQL)."""

from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from search import analysis
from search.analysis import QueryPlan
from search.backends.database.engine import (
    FACET_COLUMNS,
    QuerySetEngine,
    cached_vocabulary,
    conditions,
    counted_and_ranked,
)
from search.documents import SearchDocument, Sort

TABLE = "search_document_vector"
DOCUMENTS = "search_indexeddocument"
CONFIG = "dutch"
#: ts_rank weights for D, C, B (body) and A (title).
WEIGHTS = "{0.05, 0.1, 0.25, 1.0}"
#: ts_rank normalisation: divide by 1 + log(length), so long texts don't win by bulk.
NORMALISATION = 1


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


class PostgreSQLEngine(QuerySetEngine):
    @cached_property
    def unaccent(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
            return cursor.fetchone() is not None

    def _text(self, value: str) -> tuple[str, str]:
        """SQL for a text to analyse, and its parameter."""
        value = analysis.numbers_as_digits(value)
        if self.unaccent:
            return "unaccent(%s)", value
        return "%s", analysis.fold(value)

    def tsquery(self, plan: QueryPlan, mode: str, *, stemmed=False):
        """SQL building the tsquery, and its parameters: synonyms OR'ed (phrases as
        phrase queries), a term also as a prefix, clauses AND'ed or OR'ed."""
        clauses, params = [], []
        for clause in plan.clauses:
            alternatives = []
            for alternative in clause.alternatives:
                if not alternative.stems:
                    continue
                if stemmed:
                    alternatives.append("%s::tsquery")
                    params.append(_lexeme(alternative.words[0]))
                elif alternative.is_phrase:
                    alternatives.append(f"phraseto_tsquery('{CONFIG}', %s)")
                    params.append(analysis.numbers_as_digits(alternative.text))
                elif alternative.allows_prefix:
                    word = _lexeme(alternative.words[0])
                    alternatives.append(f"to_tsquery('{CONFIG}', %s)")
                    params.append(f"{word} | {word}:*")
                else:
                    alternatives.append(f"plainto_tsquery('{CONFIG}', %s)")
                    params.append(analysis.numbers_as_digits(alternative.words[0]))
            if alternatives:
                clauses.append("(" + " || ".join(alternatives) + ")")
        operator = " && " if mode == "all" else " || "
        return "(" + operator.join(clauses) + ")" if clauses else "", params

    def write(self, connection, rows: list[tuple[int, SearchDocument]]) -> None:
        if not rows:
            return
        title_sql, _ = self._text("")
        sql = (
            f"INSERT INTO {TABLE} (document_id, vector, title_words) VALUES (%s, "
            f"setweight(to_tsvector('{CONFIG}', {title_sql}), 'A') || "
            f"setweight(to_tsvector('{CONFIG}', {title_sql}), 'B'), "
            f"to_tsvector('simple', {title_sql})) "
            "ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector, "
            "title_words = EXCLUDED.title_words"
        )
        params = []
        for pk, document in rows:
            title = self._text(document.title)[1]
            body = self._text(document.body)[1]
            params.append((pk, title, body, title))
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def remove(self, connection, ids: list[int]) -> None:
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE document_id = ANY(%s)", (list(ids),)
                )

    def clear(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def ids_without_text(self, connection) -> RawSQL:
        return RawSQL(
            "SELECT d.id FROM search_indexeddocument d WHERE NOT EXISTS "
            f"(SELECT 1 FROM {TABLE} v WHERE v.document_id = d.id)",
            (),
        )

    def matching(self, documents: QuerySet, plan, mode, *, stemmed=False):
        query, params = self.tsquery(plan, mode, stemmed=stemmed)
        if not query:
            return documents.none()
        return documents.filter(
            id__in=RawSQL(
                f"SELECT document_id FROM {TABLE} WHERE vector @@ {query}", params
            )
        )

    def page(self, connection, documents, plan, mode, *, sort, offset, limit):
        """One pass, as on SQLite: every match with its rank and facet columns,
        counted and ranked in Python. Cheaper than a GROUP BY over the facet
        table plus a ranking query, which each visit every match."""
        query, query_params = self.tsquery(plan, mode)
        if not query:
            return [], []
        try:
            where, params = conditions(connection, documents)
        except EmptyResultSet:
            return [], []
        date = f"{DOCUMENTS}.date" if sort == Sort.DATE else "NULL"
        facet_columns = ", ".join(f"{DOCUMENTS}.{name}" for name, _f in FACET_COLUMNS)
        sql = (
            f"SELECT {DOCUMENTS}.id, ts_rank('{WEIGHTS}'::float4[], v.vector, q.q, "
            f"{NORMALISATION}) * {DOCUMENTS}.boost, {date}, {facet_columns} "
            f"FROM (SELECT {query} AS q) q, {TABLE} v "
            f"JOIN {DOCUMENTS} ON {DOCUMENTS}.id = v.document_id "
            f"WHERE v.vector @@ q.q AND ({where})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*query_params, *params))
            rows = cursor.fetchall()
        return counted_and_ranked(rows, sort=sort, offset=offset, limit=limit)

    def ranked(self, connection, documents, plan, mode, *, sort, offset, limit):
        query, query_params = self.tsquery(plan, mode)
        if not query:
            return []
        visible, params = documents.values("id").query.sql_with_params()
        order = "score DESC"
        if sort == Sort.DATE:
            order = "d.date DESC NULLS LAST, score DESC"
        sql = (
            f"SELECT d.id, ts_rank('{WEIGHTS}'::float4[], v.vector, q.q, "
            f"{NORMALISATION}) * d.boost AS score "
            f"FROM (SELECT {query} AS q) q, {TABLE} v "
            "JOIN search_indexeddocument d ON d.id = v.document_id "
            f"WHERE v.vector @@ q.q AND d.id IN ({visible}) "
            f"ORDER BY {order}, d.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*query_params, *params, limit, offset))
            return cursor.fetchall()

    def suggest(self, connection, documents, words: list[str], limit: int):
        *complete, last = words
        text = " & ".join([_lexeme(w) for w in complete] + [_lexeme(last) + ":*"])
        visible, params = documents.values("id").query.sql_with_params()
        sql = (
            f"SELECT d.id FROM {TABLE} v JOIN search_indexeddocument d "
            "ON d.id = v.document_id "
            "WHERE v.title_words @@ to_tsquery('simple', %s) "
            f"AND d.id IN ({visible}) ORDER BY d.boost DESC, length(d.title), d.id "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (text, *params, limit * 2))
            return [row[0] for row in cursor.fetchall()]

    def similar_terms(self, connection, word: str, limit: int = 5) -> list[str]:
        """Lexemes of the index near a misspelt word, the nearest and most frequent
        first. Lexemes are stems ("vertrouwelijk" is "vertrouw"), so a lexeme also
        counts as near when it is near the start of the word."""
        rows = cached_vocabulary(connection, word[0], _load_vocabulary)
        limit_distance = 1 if len(word) < 6 else 2
        scored = []
        for term, docs in rows:
            if not 4 <= len(term) <= len(word) + 2:
                continue
            distance = analysis.edit_distance(word, term, limit_distance)
            if len(term) < len(word) - 1 and len(term) >= 4:
                start = analysis.edit_distance(word[: len(term)], term, limit_distance)
                distance = min(distance, start + 1)
            if distance <= limit_distance:
                scored.append((distance, -docs, term))
        return [term for _d, _docs, term in sorted(scored)[:limit]]


def _load_vocabulary(connection, initial: str) -> list[tuple[str, int]]:
    """`ts_stat` reads every vector of the index: cached by `cached_vocabulary`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat(%s) WHERE left(word, 1) = %s",
            (f"SELECT vector FROM {TABLE}", initial),
        )
        return cursor.fetchall()
