"""The one way to search: views, the API and feeds call these, never a backend.

Who may see what is decided by `portal.access` (audiences and circles); the backend
applies it inside the engine's query, before hits, snippets or facets are counted.
"""

from dataclasses import replace

from portal.access import audiences_for, circles_for
from search.analysis import plan_query
from search.backends.base import (
    SearchQuery,
    SearchResults,
    Suggestion,
    Visibility,
)
from search.conf import get_backend
from search.documents import Facet, Sort
from search.models import synonym_groups

PAGE_SIZE = 10
MAX_PAGE = 100
MAX_QUERY_LENGTH = 200
# Values one filter may repeat (?life_domain=a&life_domain=b...): each is a term of
# the engine's query, and a thousand of them overflow SQLite's expression tree.
MAX_FILTER_VALUES = 20


def visibility_for(user) -> Visibility:
    """What the engine filters on for this user: their audiences, and every circle
    they stand in (`portal.access.circles`). Staff too see an internal item only
    through a circle, as the selectors show it."""
    audiences = tuple(str(audience) for audience in audiences_for(user))
    return Visibility(audiences=audiences, circles=tuple(sorted(circles_for(user))))


def _clean_filters(filters: dict | None) -> dict[str, tuple[str, ...]]:
    cleaned = {}
    for name, values in (filters or {}).items():
        if name not in Facet.values or values in (None, "", [], ()):
            continue
        if isinstance(values, str | int):
            values = [values]
        cleaned[name] = tuple(str(value) for value in values if str(value).strip())
    return {name: values for name, values in cleaned.items() if values}


def search_documents(
    *,
    query: str,
    user,
    filters: dict | None = None,
    page: int = 1,
    sort: str = Sort.RELEVANCE,
    page_size: int = PAGE_SIZE,
    all_words: bool = False,
    correct: bool = False,
) -> SearchResults:
    """Search every kind of document this user may see. `filters` maps a facet
    (kind, life_domain, target_group, organisation, year) to one value or a list;
    `sort` is "relevance" or "date"; `all_words`: never fall back to documents with
    only some of the words. With `correct`, when nothing matches and the engine
    knows a spelling that does ("huurachterstel"), the results are those of that
    spelling, with `corrected_from` saying what was typed (the pages people read
    ask for it; the API leaves the choice to its client with `did_you_mean`)."""
    text = (query or "").strip()[:MAX_QUERY_LENGTH]
    page = min(max(int(page or 1), 1), MAX_PAGE)
    if sort not in Sort.values:
        sort = Sort.RELEVANCE
    groups = synonym_groups()
    search_query = SearchQuery(
        plan=plan_query(text, groups),
        visibility=visibility_for(user),
        filters=_clean_filters(filters),
        page=page,
        page_size=page_size,
        sort=sort,
        all_words=all_words,
    )
    backend = get_backend()
    results = backend.search(search_query)
    if not correct or results.total or not results.did_you_mean:
        return results
    corrected = backend.search(
        replace(search_query, plan=plan_query(results.did_you_mean, groups))
    )
    if not corrected.total:
        return results
    corrected.corrected_from = text
    corrected.did_you_mean = None
    return corrected


def suggest(*, prefix: str, user, limit: int = 8) -> list[Suggestion]:
    """Titles that complete what this user is typing, from documents they may see."""
    prefix = (prefix or "").strip()[:MAX_QUERY_LENGTH]
    if len(prefix) < 2:
        return []
    return get_backend().suggest(prefix, visibility_for(user), limit=limit)
