"""The embedded engine, first-class: documents in `search.IndexedDocument`, text in
the database's own full-text structure (FTS5 on SQLite, a `tsvector` under a GIN
index on PostgreSQL), facets counted by the database after the audience filter."""

import re
from collections.abc import Iterable
from itertools import islice

from django.db import connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from search import analysis
from search.analysis import Alternative, Clause, QueryPlan
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
from search.backends.database.engine import vocabulary_changed
from search.backends.database.postgresql import PostgreSQLEngine
from search.backends.database.sqlite import SQLiteEngine
from search.documents import Facet, SearchDocument, source_of
from search.models import IndexedDocument, pack_values, unpack_values

BATCH_SIZE = 500
#: Below this many hits a query gets a "did you mean".
FEW_HITS = 3
DOCUMENT_FIELDS = [
    "source",
    "kind",
    "title",
    "body",
    "url",
    "context",
    "audience",
    "circles",
    "organisation",
    "life_domains",
    "target_groups",
    "date",
    "year",
    "boost",
    "fingerprint",
    "indexed_at",
]


def batched(iterable: Iterable, size: int):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _engine_for(vendor: str):
    if vendor == "sqlite":
        return SQLiteEngine()
    if vendor == "postgresql":
        return PostgreSQLEngine()
    raise NotImplementedError(f"The database search backend does not run on {vendor}.")


class DatabaseBackend(base.SearchBackend):
    """SQLite FTS5 or PostgreSQL full-text search, in the site's own database."""

    def __init__(self, using: str = "default"):
        self.using = using
        self._engines: dict[str, object] = {}

    @property
    def connection(self):
        return connections[self.using]

    @property
    def engine(self):
        vendor = self.connection.vendor
        if vendor not in self._engines:
            self._engines[vendor] = _engine_for(vendor)
        return self._engines[vendor]

    # Writing

    def index(self, documents: Iterable[SearchDocument]) -> int:
        written = 0
        with transaction.atomic(using=self.using):
            for chunk in batched(documents, BATCH_SIZE):
                written += self._write(chunk)
        return written

    def _write(self, documents: list[SearchDocument], *, vocabulary=True) -> int:
        by_key = {document.key: document for document in documents}
        existing = {
            row.key: row for row in IndexedDocument.objects.filter(key__in=by_key)
        }
        now = timezone.now()
        created, updated = [], []
        for key, document in by_key.items():
            row = existing.get(key)
            if row is not None and row.fingerprint == document.fingerprint:
                continue
            values = _row_values(document, now)
            if row is None:
                created.append(IndexedDocument(key=key, **values))
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                updated.append(row)
        IndexedDocument.objects.bulk_create(created)
        if updated:
            IndexedDocument.objects.bulk_update(updated, DOCUMENT_FIELDS)
        rows = created + updated
        if any(row.pk is None for row in created):  # backends without RETURNING
            ids = dict(
                IndexedDocument.objects.filter(
                    key__in=[row.key for row in created]
                ).values_list("key", "id")
            )
            for row in created:
                row.pk = ids[row.key]
        self.engine.write(
            self.connection,
            [(row.pk, by_key[row.key]) for row in rows],
            vocabulary=vocabulary,
        )
        if rows:
            vocabulary_changed()
        return len(rows)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        objects = [key for key in keys if source_of(key) == key]
        with transaction.atomic(using=self.using):
            for chunk in batched(keys, BATCH_SIZE):
                sources = [key for key in chunk if key in objects]
                ids = list(
                    IndexedDocument.objects.filter(
                        Q(key__in=chunk) | Q(source__in=sources)
                    ).values_list("id", flat=True)
                )
                self._delete_ids(ids)

    def _delete_ids(self, ids: list[int]) -> None:
        for chunk in batched(ids, BATCH_SIZE):
            self.engine.remove(self.connection, chunk)
            IndexedDocument.objects.filter(id__in=chunk).delete()
        vocabulary_changed()

    def replace(self, source: str, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        strays = [d.key for d in documents if d.source != source]
        if strays:
            raise ValueError(f"Documents not of source {source}: {strays}")
        keys = [document.key for document in documents]
        with transaction.atomic(using=self.using):
            gone = IndexedDocument.objects.filter(source=source).exclude(key__in=keys)
            self._delete_ids(list(gone.values_list("id", flat=True)))
            self.index(documents)

    def rebuild(self, documents, progress=None) -> int:
        """One transaction: readers see the old index until the new one commits."""
        total = 0
        with transaction.atomic(using=self.using):
            self.engine.clear(self.connection)
            IndexedDocument.objects.all().delete()
            for chunk in batched(documents, BATCH_SIZE):
                total += self._write(chunk, vocabulary=False)
                if progress:
                    progress(len(chunk))
            self.engine.recount_vocabulary(self.connection)
        self.engine.tidy(self.connection)
        return total

    def check(self, documents: Iterable[SearchDocument]) -> CheckReport:
        expected = {document.key: document.fingerprint for document in documents}
        stored = dict(IndexedDocument.objects.values_list("key", "fingerprint"))
        without_text = set(
            IndexedDocument.objects.filter(
                id__in=self.engine.ids_without_text(self.connection)
            ).values_list("key", flat=True)
        )
        return CheckReport(
            missing=sorted(set(expected) - set(stored)),
            stale=sorted(set(stored) - set(expected)),
            outdated=sorted(
                key
                for key, fingerprint in expected.items()
                if key in stored and (stored[key] != fingerprint or key in without_text)
            ),
        )

    # Reading

    def visible(self, visibility: Visibility) -> QuerySet:
        """The documents this visibility allows; every read starts here."""
        documents = IndexedDocument.objects.filter(audience__in=visibility.audiences)
        if not visibility.all_circles:
            allowed = Q(circles="")
            for circle in visibility.circles:
                allowed |= Q(circles__contains=pack_values([circle]))
            documents = documents.filter(allowed)
        return documents

    def search(self, query: SearchQuery) -> SearchResults:
        candidates = _filtered(
            self.visible(query.visibility), query.filters, self.engine
        )
        plan = query.plan
        estimated = False
        if plan.is_empty:
            counts = self.engine.facet_counts(self.connection, candidates, plan, "all")
            page = list(
                candidates.order_by("-date", "title")[
                    query.offset : query.offset + query.page_size
                ]
            )
            scored = [(row, 0.0) for row in page]
        else:
            # One pass over the matches counts the facets (the total with them)
            # and ranks the page; OR the terms when AND finds nothing (unless
            # the query asks for all words).
            any_too = len(plan.clauses) > 1 and not query.all_words
            for mode in ("all", "any") if any_too else ("all",):
                matches = self.engine.page(
                    self.connection,
                    candidates,
                    plan,
                    mode,
                    sort=query.sort,
                    offset=query.offset,
                    limit=query.page_size,
                    visibility=query.visibility,
                    filters=query.filters,
                )
                if _total(matches.counts):
                    break
            counts, ranked, estimated = (
                matches.counts,
                matches.ranked,
                matches.estimated,
            )
            rows = IndexedDocument.objects.in_bulk([pk for pk, _score in ranked])
            scored = [(rows[pk], score) for pk, score in ranked if pk in rows]
        total = _total(counts)
        results = SearchResults(
            hits=[_hit(row, score, plan) for row, score in scored],
            total=total,
            facets=self._facets(counts),
            page=query.page,
            page_size=query.page_size,
            query=plan.text,
            estimated=estimated,
        )
        if not plan.is_empty and total < FEW_HITS:
            results.did_you_mean = self._did_you_mean(candidates, plan, total)
        return results

    def _facets(self, counts) -> dict[str, list[FacetCount]]:
        facets: dict[str, list[FacetCount]] = {facet.value: [] for facet in Facet}
        for facet, value, count in sorted(counts, key=lambda r: (r[0], -r[2], r[1])):
            values = facets.setdefault(facet, [])
            if len(values) < self.facet_size:
                values.append(FacetCount(value=value, count=count))
        return facets

    def _did_you_mean(
        self, candidates: QuerySet, plan: QueryPlan, total: int
    ) -> str | None:
        """Replace each unknown word by the nearest word of the index vocabulary,
        and offer that only when it finds more than the query did, for this user."""
        corrected = plan.text
        changed = False
        for clause in plan.clauses:
            if len(clause.alternatives) != 1 or clause.alternatives[0].is_phrase:
                continue
            word = clause.alternatives[0].words[0]
            if len(word) < 4 or word.isdigit():
                continue
            for term in self.engine.similar_terms(self.connection, word):
                probe = QueryPlan(
                    text=term,
                    clauses=(Clause((Alternative((term,)),), original=term),),
                )
                holder_id = self.engine.first_match(self.connection, candidates, probe)
                if holder_id is None:
                    continue
                holder = (
                    IndexedDocument.objects.only("title", "body")
                    .filter(pk=holder_id)
                    .first()
                )
                if holder is None:
                    # Reindexed between the two reads (a document is replaced
                    # under a new id while a search runs): try the next term.
                    continue
                surface = _nearest_word(word, f"{holder.title} {holder.body}")
                if surface and analysis.fold(surface) != word:
                    corrected = _replace_word(corrected, clause.original, surface)
                    changed = True
                    break
        if not changed:
            return None
        better = analysis.plan_query(corrected, [])
        found = self.engine.count(
            self.connection, candidates, better, "all", at_most=total + 1
        )
        if found <= total:
            return None
        return corrected

    def suggest(self, prefix: str, visibility: Visibility, limit: int = 8):
        words = analysis.words(prefix)
        if not words or len(prefix.strip()) < 2:
            return []
        ids = self.engine.suggest(
            self.connection,
            self.visible(visibility),
            words,
            limit,
            visibility=visibility,
        )
        rows = IndexedDocument.objects.in_bulk(ids)
        suggestions, seen = [], set()
        for pk in ids:
            row = rows.get(pk)
            if row is None or row.title in seen:
                continue
            seen.add(row.title)
            suggestions.append(Suggestion(title=row.title, url=row.url, kind=row.kind))
        return suggestions

    def setup(self) -> None:
        """The engine structures are made by the migrations."""


def _row_values(document: SearchDocument, now) -> dict:
    return {
        "source": document.source,
        "kind": document.kind,
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "context": document.context,
        "audience": document.audience,
        "circles": pack_values(document.circles),
        "organisation": document.organisation[:255],
        "life_domains": pack_values(document.life_domains),
        "target_groups": pack_values(document.target_groups),
        "date": document.date,
        "year": document.year,
        "boost": document.boost,
        "fingerprint": document.fingerprint,
        "indexed_at": now,
    }


def _total(counts) -> int:
    """The number of matches: each document has exactly one kind."""
    return sum(count for facet, _value, count in counts if facet == Facet.KIND)


def _filtered(
    documents: QuerySet, filters: dict[str, tuple[str, ...]], engine
) -> QuerySet:
    for facet, values in filters.items():
        if not values:
            continue
        if facet == Facet.KIND:
            documents = documents.filter(kind__in=values)
        elif facet == Facet.ORGANISATION:
            documents = documents.filter(organisation__in=values)
        elif facet == Facet.YEAR:
            years = [int(value) for value in values if str(value).isdigit()]
            documents = documents.filter(year__in=years)
        elif facet in (Facet.LIFE_DOMAIN, Facet.TARGET_GROUP):
            documents = engine.facet_filter(documents, facet, values)
    return documents


def _hit(row: IndexedDocument, score: float, plan: QueryPlan) -> Hit:
    return Hit(
        key=row.key,
        kind=row.kind,
        title=row.title,
        url=row.url,
        snippet=analysis.snippet(row.body or row.title, plan),
        context=row.context,
        organisation=row.organisation,
        date=row.date,
        score=score,
        audience=row.audience,
        life_domains=tuple(sorted(unpack_values(row.life_domains))),
        target_groups=tuple(sorted(unpack_values(row.target_groups))),
    )


def _nearest_word(word: str, text: str) -> str | None:
    """The word of `text` nearest to a misspelt (folded) word, as it is written
    there (lower case), within an edit distance of 2."""
    best, best_distance = None, 3
    for candidate in sorted(set(re.findall(r"\w+", text.lower()))):
        distance = analysis.edit_distance(word, analysis.fold(candidate))
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _replace_word(text: str, original: str, replacement: str) -> str:
    folded = analysis.fold(text)
    if len(folded) != len(text):  # folding changed the positions: use the folded
        text = folded
    index = folded.find(original)
    if index < 0:
        return re.sub(r"\s+", " ", f"{text} {replacement}").strip()
    return text[:index] + replacement + text[index + len(original) :]


# What `search.conf` loads from this module.
BACKEND = DatabaseBackend
