"""SQLite: an FTS5 table (`search_fts`, made by the migrations) holding each
document's analysed title and body (folded, stemmed, without stop words: SQLite has
no Dutch analyser, so `search.analysis` does it on both sides) and the folded title
words for prefix suggestions. Ranked by bm25 with the title weighing most."""

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from search import analysis
from search.analysis import QueryPlan
from search.documents import SearchDocument, Sort

TABLE = "search_fts"
VOCABULARY = "search_fts_vocabulary"
#: bm25 column weights: title, body, title words (suggestions only).
TITLE_WEIGHT = 6.0
BODY_WEIGHT = 1.0


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def match_expression(plan: QueryPlan, mode: str, *, stemmed: bool = False) -> str:
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
    return "{title body} : (" + joined + ")" if clauses else ""


class SQLiteEngine:
    def write(self, connection, rows: list[tuple[int, SearchDocument]]) -> None:
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

    def remove(self, connection, ids: list[int]) -> None:
        if not ids:
            return
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", ids)

    def clear(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def ids_without_text(self, connection) -> RawSQL:
        return RawSQL(
            "SELECT d.id FROM search_indexeddocument d "
            f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} f WHERE f.rowid = d.id)",
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

    def ranked(self, connection, documents, plan, mode, *, sort, offset, limit):
        expression = match_expression(plan, mode)
        if not expression:
            return []
        visible, params = documents.values("id").query.sql_with_params()
        order = "score DESC"
        if sort == Sort.DATE:
            order = "d.date IS NULL, d.date DESC, score DESC"
        sql = (
            f"SELECT d.id, -bm25({TABLE}, %s, %s, 0.0) * d.boost AS score "
            f"FROM {TABLE} JOIN search_indexeddocument d ON d.id = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s AND d.id IN ({visible}) "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                (TITLE_WEIGHT, BODY_WEIGHT, expression, *params, limit, offset),
            )
            return cursor.fetchall()

    def suggest(self, connection, documents, words: list[str], limit: int):
        *complete, last = words
        terms = [_quote(word) for word in complete] + [_quote(last) + "*"]
        expression = "{title_words} : (" + " AND ".join(terms) + ")"
        visible, params = documents.values("id").query.sql_with_params()
        sql = (
            f"SELECT d.id FROM {TABLE} JOIN search_indexeddocument d "
            f"ON d.id = {TABLE}.rowid WHERE {TABLE} MATCH %s AND d.id IN ({visible}) "
            f"ORDER BY bm25({TABLE}, 0.0, 0.0, 1.0) * d.boost, length(d.title) "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (expression, *params, limit * 2))
            return [row[0] for row in cursor.fetchall()]

    def similar_terms(self, connection, word: str, limit: int = 5) -> list[str]:
        """Index terms (stems) near a misspelt word, the most frequent first."""
        target = analysis.stem(word)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, SUM(doc) FROM {VOCABULARY} "
                "WHERE term >= %s AND term < %s AND col IN ('title', 'body') "
                "GROUP BY term",
                (target[0], chr(ord(target[0]) + 1)),
            )
            rows = cursor.fetchall()
        if any(term == target for term, _docs in rows):
            return []
        limit_distance = 1 if len(target) < 6 else 2
        scored = []
        for term, docs in rows:
            if abs(len(term) - len(target)) > limit_distance:
                continue
            distance = analysis.edit_distance(target, term, limit_distance)
            if distance <= limit_distance:
                scored.append((distance, -docs, term))
        return [term for _d, _docs, term in sorted(scored)[:limit]]
