"""PostgreSQL: one table per document, `search_document_access` (made by the
migrations), holding the `tsvector` (the `dutch` configuration, the title weighted
A and the body B, accents removed by `unaccent` or, where that extension could not
be created, by Python), the title's own vector, and a copy of the columns that
filter, rank and count, named as on the documents table so that the ORM's WHERE
clause applies to it under that name. Who may see a document, and its facet
values, are also an array of tags under the same GIN index as the text, so that
the audience and the filters narrow the matches inside the index.

A search reads at most `FACET_BOUND` matches (in the table's physical order, as
the bitmap scan returns them) for its facet counts, scaled up above that, and
ranks only the best `CANDIDATES` by a cheap score (the boost, doubled when the
title matches): the rank, `ts_rank` per query word weighed by the word's rarity in
the vocabulary (BM25's idea; `ts_rank` alone has none), reads each vector whole.
"Did you mean" looks in `search_vocabulary`, the index's lexemes with their
document counts, kept up to date on every write, under a `pg_trgm` index."""

import heapq
import math
from contextlib import contextmanager, suppress
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from search import analysis
from search.analysis import Clause, QueryPlan
from search.backends.base import Visibility
from search.backends.database import engine
from search.backends.database.engine import (
    FACET_COLUMNS,
    Matches,
    QuerySetEngine,
    by_date,
    by_score,
    conditions,
    count_facets,
    scaled,
)
from search.documents import Facet, SearchDocument, Sort
from search.models import pack_values, unpack_values

TABLE = "search_document_access"
VOCABULARY = "search_vocabulary"
DOCUMENTS = "search_indexeddocument"
CONFIG = "dutch"
#: ts_rank weights for D, C, B (body) and A (title).
WEIGHTS = "{0.05, 0.1, 0.25, 1.0}"
#: ts_rank normalisation: divide by 1 + log(length), so long texts don't win by bulk.
NORMALISATION = 1
#: The whole query's ts_rank (for an AND query, how close its words stand) is
#: added to the clauses' scores with this weight (times their rarities' sum).
NEARNESS = 0.5
#: The cheap score: the boost, times this when the title matches too.
TITLE_FACTOR = 2
#: The facet estimate counts the rows of its sample's blocks in this many
#: windows of this many blocks.
WINDOWS = 16
WINDOW_BLOCKS = 16
#: Suggestions are ordered among this many titles with the prefix.
SUGGEST_CANDIDATES = 500
#: Candidates for "did you mean" read from the vocabulary by trigram similarity.
SIMILAR_CANDIDATES = 100
COLUMNS = (
    "id, audience, circles, tags, kind, year, organisation, boost, date, "
    "life_domains, target_groups, title_length, vector, title_vector, title_words"
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


def _circle(value: str) -> str:
    """A circle as the packed column holds it (see `pack_values`)."""
    return unpack_values(pack_values([value]))[0]


def grants(audience: str, circles) -> list[str]:
    """Who may see a document, as array elements: its audience when no circle
    narrows it, else "<audience>:*" (those who see every circle) and
    "<audience>:<circle>" per circle."""
    circles = [_circle(circle) for circle in circles if circle]
    if not circles:
        return [audience]
    return [f"{audience}:*"] + [f"{audience}:{circle}" for circle in circles]


def tags(document: SearchDocument) -> list[str]:
    """The grants of a document and its facet values ("kind=goal"), as the
    filters ask for them (`filter_tags`)."""
    values = {
        Facet.KIND: [document.kind],
        Facet.YEAR: [str(document.year)] if document.year else [],
        Facet.ORGANISATION: [document.organisation[:255]],
        Facet.LIFE_DOMAIN: unpack_values(pack_values(document.life_domains)),
        Facet.TARGET_GROUP: unpack_values(pack_values(document.target_groups)),
    }
    return grants(document.audience, document.circles) + [
        f"{facet.value}={value}"
        for facet, facet_values in values.items()
        for value in facet_values
        if value
    ]


def filter_tags(filters: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Per filtered facet, the tags of which a document must have one. Only
    narrows what the ORM's own filter allows (both apply)."""
    wanted = []
    for facet, values in filters.items():
        if not values:
            continue
        if facet == Facet.YEAR:
            values = [str(int(value)) for value in values if str(value).isdigit()]
        elif facet == Facet.ORGANISATION:
            values = [value[:255] for value in values]
        elif facet in (Facet.LIFE_DOMAIN, Facet.TARGET_GROUP):
            values = [
                packed
                for value in values
                for packed in unpack_values(pack_values([value]))
            ]
        wanted.append([f"{facet}={value}" for value in values])
    return wanted


def visibility_grants(visibility: Visibility) -> list[str]:
    """The grants a visibility holds; a document is visible when they overlap.
    This only narrows what the ORM's own audience and circle filter allows (both
    apply), so that the GIN index can do that work."""
    tokens = list(visibility.audiences)
    for audience in visibility.audiences:
        if visibility.all_circles:
            tokens.append(f"{audience}:*")
        else:
            tokens += [
                f"{audience}:{_circle(circle)}"
                for circle in visibility.circles
                if circle
            ]
    return tokens


class PostgreSQLEngine(QuerySetEngine):
    @cached_property
    def unaccent(self) -> bool:
        return self._has_extension("unaccent")

    @cached_property
    def trigram(self) -> bool:
        return self._has_extension("pg_trgm")

    def _has_extension(self, name: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
            return cursor.fetchone() is not None

    def _text(self, value: str) -> tuple[str, str]:
        """SQL for a text to analyse, and its parameter."""
        value = analysis.numbers_as_digits(value)
        if self.unaccent:
            return "unaccent(%s)", value
        return "%s", analysis.fold(value)

    def tsquery(self, plan: QueryPlan, mode: str, *, stemmed=False):
        """SQL building the tsquery, and its parameters: the clauses' queries
        AND'ed or OR'ed."""
        clauses, params = [], []
        for clause in plan.clauses:
            sql, clause_params = self._clause_query(clause, stemmed=stemmed)
            if sql:
                clauses.append(sql)
                params.extend(clause_params)
        operator = " && " if mode == "all" else " || "
        return "(" + operator.join(clauses) + ")" if clauses else "", params

    def _clause_query(
        self, clause: Clause, *, stemmed=False, prefix=True
    ) -> tuple[str, list]:
        """One clause's tsquery: synonyms OR'ed (phrases as phrase queries), a
        term also as a prefix (unless `prefix` is false)."""
        alternatives, params = [], []
        for alternative in clause.alternatives:
            if not alternative.stems:
                continue
            if stemmed:
                alternatives.append("%s::tsquery")
                params.append(_lexeme(alternative.words[0]))
            elif alternative.is_phrase:
                alternatives.append(f"phraseto_tsquery('{CONFIG}', %s)")
                params.append(analysis.numbers_as_digits(alternative.text))
            elif alternative.allows_prefix and prefix:
                word = _lexeme(alternative.words[0])
                alternatives.append(f"to_tsquery('{CONFIG}', %s)")
                params.append(f"{word} | {word}:*")
            else:
                alternatives.append(f"plainto_tsquery('{CONFIG}', %s)")
                params.append(analysis.numbers_as_digits(alternative.words[0]))
        if not alternatives:
            return "", []
        return "(" + " || ".join(alternatives) + ")", params

    # Writing

    def write(
        self, connection, rows: list[tuple[int, SearchDocument]], *, vocabulary=True
    ) -> None:
        """Copy the documents' rows (already written) with their vectors; the
        vocabulary loses the old vectors' lexemes and gains the new ones'."""
        if not rows:
            return
        text, _ = self._text("")
        updates = ", ".join(
            f"{name} = EXCLUDED.{name}" for name in COLUMNS.split(", ")[1:]
        )
        sql = (
            f"INSERT INTO {TABLE} ({COLUMNS}) SELECT d.id, d.audience, d.circles, "
            "%s, d.kind, d.year, d.organisation, d.boost, d.date, d.life_domains, "
            "d.target_groups, length(d.title), "
            f"t.title || setweight(to_tsvector('{CONFIG}', {text}), 'B'), t.title, "
            f"to_tsvector('simple', {text}) FROM {DOCUMENTS} d, "
            f"(SELECT setweight(to_tsvector('{CONFIG}', {text}), 'A') AS title) t "
            f"WHERE d.id = %s ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        params = []
        for pk, document in rows:
            title = self._text(document.title)[1]
            body = self._text(document.body)[1]
            params.append((tags(document), body, title, title, pk))
        ids = [pk for pk, _document in rows]
        with connection.cursor() as cursor:
            if vocabulary:
                self._forget_terms(cursor, ids)
            cursor.executemany(sql, params)
            if vocabulary:
                self._count_terms(cursor, ids)

    def _count_terms(self, cursor, ids: list[int]) -> None:
        """Add these documents' lexemes to the vocabulary (in term order, so that
        two writers lock the same rows in the same order)."""
        cursor.execute(
            f"INSERT INTO {VOCABULARY} (term, documents) "
            f"SELECT lexeme, count(*) FROM {TABLE}, unnest(vector) "
            "WHERE id = ANY(%s) GROUP BY lexeme ORDER BY lexeme "
            "ON CONFLICT (term) DO UPDATE "
            f"SET documents = {VOCABULARY}.documents + EXCLUDED.documents",
            [ids],
        )

    def _forget_terms(self, cursor, ids: list[int]) -> None:
        """Take these documents' current lexemes off the vocabulary."""
        terms = (
            f"SELECT lexeme, count(*) AS n FROM {TABLE}, unnest(vector) "
            "WHERE id = ANY(%s) GROUP BY lexeme"
        )
        cursor.execute(
            f"UPDATE {VOCABULARY} v SET documents = v.documents - o.n "
            f"FROM ({terms}) o WHERE v.term = o.lexeme",
            [ids],
        )
        cursor.execute(
            f"DELETE FROM {VOCABULARY} WHERE documents <= 0 AND term IN "
            f"(SELECT lexeme FROM {TABLE}, unnest(vector) WHERE id = ANY(%s))",
            [ids],
        )

    def recount_vocabulary(self, connection) -> None:
        """The vocabulary counted afresh from the whole index (after a rebuild)."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {VOCABULARY}")
            cursor.execute(
                f"INSERT INTO {VOCABULARY} (term, documents) "
                f"SELECT lexeme, count(*) FROM {TABLE}, unnest(vector) "
                "GROUP BY lexeme"
            )

    def tidy(self, connection) -> None:
        """Fresh planner statistics for the search tables (without them the planner
        took the trigram index for an exact term) and GIN's pending lists merged
        (autovacuum does both, minutes later; until then every search scanned the
        rebuild's pending entries)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.oid::regclass::text, i.indexrelid::regclass::text "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "LEFT JOIN pg_index i ON i.indrelid = c.oid AND EXISTS ("
                "  SELECT 1 FROM pg_class ic JOIN pg_am am ON am.oid = ic.relam "
                "  WHERE ic.oid = i.indexrelid AND am.amname = 'gin') "
                "WHERE c.relkind = 'r' AND n.nspname = current_schema() "
                "AND c.relname LIKE 'search\\_%'"
            )
            rows = cursor.fetchall()
            for table in sorted({table for table, _index in rows}):
                cursor.execute(f"ANALYZE {table}")
            for _table, index in rows:
                if index:
                    cursor.execute(
                        "SELECT gin_clean_pending_list(%s::regclass)", [index]
                    )

    def remove(self, connection, ids: list[int]) -> None:
        if ids:
            with connection.cursor() as cursor:
                self._forget_terms(cursor, list(ids))
                cursor.execute(f"DELETE FROM {TABLE} WHERE id = ANY(%s)", [list(ids)])

    def clear(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"DELETE FROM {VOCABULARY}")

    def ids_without_text(self, connection) -> RawSQL:
        return RawSQL(
            f"SELECT d.id FROM {DOCUMENTS} d WHERE NOT EXISTS "
            f"(SELECT 1 FROM {TABLE} v WHERE v.id = d.id)",
            (),
        )

    # Reading

    def matching(self, documents: QuerySet, plan, mode, *, stemmed=False):
        query, params = self.tsquery(plan, mode, stemmed=stemmed)
        if not query:
            return documents.none()
        return documents.filter(
            id__in=RawSQL(f"SELECT id FROM {TABLE} WHERE vector @@ {query}", params)
        )

    def _matches(
        self,
        documents,
        plan,
        mode,
        visibility,
        *,
        stemmed=False,
        filters=None,
        column="vector",
    ):
        """FROM and WHERE over the access table under the documents table's name
        (so `documents`' WHERE clause applies), with the tsquery as `q.q` matched
        on `column`, the visibility and filters also as tags; None when nothing
        can match. A visibility of all circles is left to the WHERE clause: its
        grants hold every document of its audiences, and reading those postings
        costs more than filtering the rows."""
        query, query_params = self.tsquery(plan, mode, stemmed=stemmed)
        if not query:
            return None
        try:
            where, params = conditions(connection, documents)
        except EmptyResultSet:
            return None
        wanted = filter_tags(filters or {})
        if visibility is not None and not visibility.all_circles:
            wanted.append(visibility_grants(visibility))
        access = "".join(f"AND {DOCUMENTS}.tags && %s " for _tags in wanted)
        access_params = wanted
        sql = (
            f"FROM (SELECT {query} AS q) q, {TABLE} AS {DOCUMENTS} "
            f"WHERE {DOCUMENTS}.{column} @@ q.q {access} AND ({where})"
        )
        return sql, [*query_params, *access_params, *params]

    def page(
        self,
        connection,
        documents,
        plan,
        mode,
        *,
        sort,
        offset,
        limit,
        visibility=None,
        filters=None,
    ) -> Matches:
        """Facets from at most `FACET_BOUND` matches (scaled above it), then the
        page from the best `CANDIDATES` by the cheap score, ranked by `ts_rank`."""
        matches = self._matches(documents, plan, mode, visibility, filters=filters)
        if matches is None:
            return Matches()
        sql, params = matches
        cheap = (
            f"{DOCUMENTS}.boost * (CASE WHEN {DOCUMENTS}.title_vector @@ q.q "
            f"THEN {TITLE_FACTOR} ELSE 1 END)"
        )
        facet_columns = ", ".join(f"{DOCUMENTS}.{name}" for name, _f in FACET_COLUMNS)
        wanted = max(engine.CANDIDATES, offset + limit)
        key = by_date if sort == Sort.DATE else by_score
        bound = engine.FACET_BOUND
        with connection.cursor() as cursor, _bitmap_scans(cursor):
            cursor.execute(
                f"SELECT {DOCUMENTS}.id, {cheap}, {DOCUMENTS}.date, {facet_columns}, "
                f"(({DOCUMENTS}.ctid::text::point)[0])::int {sql} LIMIT %s",
                [*params, bound + 1],
            )
            rows = cursor.fetchall()
            if not rows:
                return Matches()
            counts = count_facets(rows)
            estimated = len(rows) > bound
            if estimated:
                counts = scaled(counts, self._sample_factor(cursor, rows))
                more, order = sql, ""
                if sort == Sort.DATE:
                    order = f"ORDER BY {DOCUMENTS}.date DESC NULLS LAST, 2 DESC, 1"
                else:
                    # Title matches, from the title's own index alone: the title
                    # is the start of the vector, so they match the whole too.
                    more, params = self._matches(
                        documents, plan, mode, None, column="title_vector"
                    )
                cursor.execute(
                    f"SELECT {DOCUMENTS}.id, {cheap}, {DOCUMENTS}.date {more} "
                    f"{order} LIMIT %s",
                    [*params, wanted],
                )
                rows = list({row[0]: row for row in rows + cursor.fetchall()}.values())
            best = heapq.nlargest(wanted, rows, key=key)
            ranked = self._ranked(cursor, plan, mode, [row[0] for row in best])
        page = heapq.nlargest(offset + limit, ranked, key=key)[offset:]
        return Matches(counts, [(row[0], row[1]) for row in page], estimated)

    def _sample_factor(self, cursor, rows) -> float:
        """How many times the sample the matches are. A bitmap scan returns
        matches in the table's order, so the sample is the matches in a run of
        blocks: scale by all rows over the rows in those blocks. A run of sparse
        matches spans most of the table, so its rows are counted in
        `WINDOWS` windows of `WINDOW_BLOCKS` spread over it (TID range scans),
        which also sees where free space left by updates thins the table.
        Without statistics yet (a new table), by blocks to the table's end."""
        first, last = rows[0][-1], rows[-1][-1]
        span = last - first + 1
        if span <= WINDOWS * WINDOW_BLOCKS:
            windows = [(first, last + 1)]
        else:
            step = span / WINDOWS
            windows = [
                (start, start + WINDOW_BLOCKS)
                for start in (first + int(step * n) for n in range(WINDOWS))
            ]
        counted = sum(end - start for start, end in windows)
        ranges = " UNION ALL ".join(
            f"SELECT count(*) AS n FROM {TABLE} WHERE ctid >= %s::tid "
            "AND ctid < %s::tid"
            for _window in windows
        )
        cursor.execute(
            f"SELECT (SELECT sum(n) FROM ({ranges}) w), "
            "(SELECT greatest(reltuples, 0) FROM pg_class "
            f"WHERE oid = '{TABLE}'::regclass), "
            f"pg_stat_get_live_tuples('{TABLE}'::regclass), "
            f"pg_relation_size('{TABLE}') / current_setting('block_size')::int",
            [f"({block},0)" for window in windows for block in window],
        )
        in_counted, analysed, live, blocks = cursor.fetchone()
        in_blocks = float(in_counted) * span / counted
        everything = max(analysed, live)
        if everything > in_blocks > 0:
            return everything / in_blocks
        return (blocks - first) / span

    def _ranked(self, cursor, plan, mode, ids: list[int]) -> list[tuple]:
        """(id, score × boost, date) of these documents. The score adds up each
        clause's `ts_rank` (which grows with the term's count and levels off)
        weighed by how rare the clause is in the index (BM25's inverse document
        frequency, from the vocabulary): ts_rank of the whole query has no idea
        of rarity, so a long text saying "wonen" often beat a goal titled
        "woont betaalbaar", and for an AND query it ranks by how close the terms
        stand, which buries a title and a body that share the words apart."""
        queries, params = [], []
        for clause in plan.clauses:
            whole, whole_params = self._clause_query(clause)
            if whole:
                exact, exact_params = self._clause_query(clause, prefix=False)
                queries.append((whole, exact))
                params.extend([*whole_params, *exact_params])
        if not queries:
            return []
        near, near_params = self.tsquery(plan, mode)
        weights = self._rarities(cursor, plan)
        rank = f"ts_rank('{WEIGHTS}'::float4[], d.vector, q.%s, {NORMALISATION})"
        ranks = " + ".join(
            f"%s * ({rank % f'q{n}'} + {rank % f'e{n}'})" for n in range(len(queries))
        )
        columns = ", ".join(
            f"{whole} AS q{n}, {exact} AS e{n}"
            for n, (whole, exact) in enumerate(queries)
        )
        cursor.execute(
            f"SELECT d.id, ({ranks} + %s * {rank % 'near'}) * d.boost, d.date "
            f"FROM (SELECT {columns}, {near} AS near) q, {TABLE} d "
            "WHERE d.id = ANY(%s)",
            [
                *weights,
                2 * sum(weights) * NEARNESS,
                *params,
                *near_params,
                ids,
            ],
        )
        return cursor.fetchall()

    def _rarities(self, cursor, plan) -> list[float]:
        """Each clause's inverse document frequency, ln(1 + (N - n + 0.5) /
        (n + 0.5)), n counted in the vocabulary: its alternatives' documents
        (a prefix's by all the terms it begins; a phrase's by its rarest word)."""
        cursor.execute(
            "SELECT greatest(reltuples, pg_stat_get_live_tuples(oid), 1) "
            f"FROM pg_class WHERE oid = '{TABLE}'::regclass"
        )
        everything = float(cursor.fetchone()[0])
        stems = sorted(plan.stems)
        cursor.execute(
            f"SELECT term, documents FROM {VOCABULARY} WHERE term = ANY(%s)", [stems]
        )
        counts = dict(cursor.fetchall())
        for prefix in plan.prefixes:
            cursor.execute(
                f"SELECT coalesce(sum(documents), 0) FROM {VOCABULARY} "
                "WHERE term LIKE %s",
                [_escape_like(prefix) + "%"],
            )
            counts[prefix] = max(counts.get(prefix, 0), cursor.fetchone()[0])
        rarities = []
        for clause in plan.clauses:
            if not any(alternative.stems for alternative in clause.alternatives):
                continue
            found = sum(
                min(counts.get(stem, 0) for stem in alternative.stems)
                for alternative in clause.alternatives
                if alternative.stems
            )
            found = min(found, everything)
            rarities.append(math.log(1 + (everything - found + 0.5) / (found + 0.5)))
        return rarities

    def count(self, connection, documents, plan, mode, *, at_most=None) -> int:
        matches = self._matches(documents, plan, mode, None)
        if matches is None:
            return 0
        sql, params = matches
        limit = "" if at_most is None else f"LIMIT {int(at_most)}"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {sql} {limit}) m", params)
            return cursor.fetchone()[0]

    def first_match(self, connection, documents, plan):
        matches = self._matches(documents, plan, "all", None, stemmed=True)
        if matches is None:
            return None
        sql, params = matches
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {DOCUMENTS}.id {sql} LIMIT 1", params)
            row = cursor.fetchone()
        return row[0] if row else None

    def suggest(self, connection, documents, words: list[str], limit: int, **kw):
        """Titles with these words, the last as a prefix: the most boosted and
        the shortest first, from the narrow table and its title index, among
        the first `SUGGEST_CANDIDATES` (a short prefix matches thousands)."""
        *complete, last = words
        text = " & ".join([_lexeme(w) for w in complete] + [_lexeme(last) + ":*"])
        try:
            where, params = conditions(connection, documents)
        except EmptyResultSet:
            return []
        # No tags here: the title words are the narrower index, and the planner
        # would AND in the audience's long posting list.
        sql = (
            f"SELECT id FROM (SELECT {DOCUMENTS}.id, {DOCUMENTS}.boost, "
            f"{DOCUMENTS}.title_length FROM {TABLE} AS {DOCUMENTS} "
            f"WHERE {DOCUMENTS}.title_words @@ to_tsquery('simple', %s) "
            f"AND ({where}) LIMIT %s) c "
            "ORDER BY boost DESC, title_length, id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [text, *params, SUGGEST_CANDIDATES, limit * 2])
            return [row[0] for row in cursor.fetchall()]

    def similar_terms(self, connection, word: str, limit: int = 5) -> list[str]:
        """Lexemes of the index near a misspelt word, the nearest and most frequent
        first. Lexemes are stems ("vertrouwelijk" is "vertrouw"), so a lexeme also
        counts as near when it is near the start of the word."""
        limit_distance = 1 if len(word) < 6 else 2
        stemmed = self._stem(connection, word)
        scored = []
        for term, docs in self._vocabulary_near(connection, word):
            if not 4 <= len(term) <= len(word) + 2:
                continue
            distance = analysis.edit_distance(word, term, limit_distance)
            if len(term) < len(word) - 1 and len(term) >= 4:
                start = analysis.edit_distance(word[: len(term)], term, limit_distance)
                distance = min(distance, start + 1)
            if stemmed and stemmed != word:
                # A misspelt long word ("schuldbemidelling") is nearest to the
                # lexeme ("schuldbemiddel") once stemmed the way the index stems.
                distance = min(
                    distance, analysis.edit_distance(stemmed, term, limit_distance)
                )
            if distance <= limit_distance:
                scored.append((distance, -docs, term))
        return [term for _d, _docs, term in sorted(scored)[:limit]]

    def _stem(self, connection, word: str) -> str:
        """The word as the index's Dutch configuration stems it ("" if it is a
        stop word)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT ts_lexize('dutch_stem', %s)", [word])
            lexemes = cursor.fetchone()[0]
        return lexemes[0] if lexemes else ""

    def _vocabulary_near(self, connection, word: str) -> list[tuple[str, int]]:
        """Terms similar to the word by trigrams (through the trigram index), or
        without `pg_trgm`, the terms with its initial (through the primary key)."""
        with connection.cursor() as cursor:
            if self.trigram:
                cursor.execute(
                    f"SELECT term, documents FROM {VOCABULARY} WHERE term %% %s "
                    "ORDER BY similarity(term, %s) DESC, documents DESC LIMIT %s",
                    [word, word, SIMILAR_CANDIDATES],
                )
            else:
                cursor.execute(
                    f"SELECT term, documents FROM {VOCABULARY} "
                    "WHERE term >= %s AND term < %s",
                    [word[0], chr(ord(word[0]) + 1)],
                )
            return cursor.fetchall()


@contextmanager
def _bitmap_scans(cursor):
    """The planner underrates what `@@` costs on every row of a sequential scan
    and takes one for frequent words; a bitmap scan reads only the matches, and
    in the table's order, which the facet estimate counts on."""
    cursor.execute("SET enable_seqscan = off")
    try:
        yield
    except Exception:
        # In a failed transaction the rollback undoes the SET.
        with suppress(DatabaseError):
            cursor.execute("RESET enable_seqscan")
        raise
    cursor.execute("RESET enable_seqscan")
