"""The contract every search engine implements.

An engine is a module whose `BACKEND` names its subclass of `SearchBackend`
(`DatabaseBackend`, `ElasticsearchBackend`), chosen by the dotted path of the module
in `settings.SEARCH_BACKEND` (see `search.conf`). Callers never ask which one runs:
views and the API call `search.selectors`, indexing calls `search.services`.
"""

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.analysis import QueryPlan
from search.documents import SearchDocument, Sort


@dataclass(frozen=True)
class Visibility:
    """Who is asking, reduced to what the engine filters on: the audiences they may
    see, and the circles whose internal items they may see (`all_circles`: staff
    see every internal item of their audiences)."""

    audiences: tuple[str, ...]
    circles: tuple[str, ...] = ()
    all_circles: bool = False


@dataclass(frozen=True)
class SearchQuery:
    plan: QueryPlan
    visibility: Visibility
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10
    sort: str = Sort.RELEVANCE
    #: Only documents with every word; otherwise, when none has them all, the
    #: engine returns those with any of them.
    all_words: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str
    context: str = ""
    organisation: str = ""
    date: datetime.date | None = None
    score: float = 0.0
    audience: str = ""
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()


@dataclass
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]]
    page: int = 1
    page_size: int = 10
    did_you_mean: str | None = None
    query: str = ""
    #: When nothing matched the query as typed and these are the hits of
    #: `did_you_mean` instead, the query as typed.
    corrected_from: str = ""
    #: The total and the facet counts are estimates: the engine counted a
    #: sample of the matches (many of them) and scaled it up.
    estimated: bool = False

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass
class Suggestion:
    title: str
    url: str
    kind: str


@dataclass
class CheckReport:
    """How the index differs from what the database says it should hold."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not (self.missing or self.stale or self.outdated)


Progress = Callable[[int], None]


class SearchBackend(ABC):
    """One search engine. Each hook may raise when the engine is unreachable; the
    indexing tasks retry, and a save never waits on them."""

    #: Facets are counted over at most this many values per facet.
    facet_size = 50

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or update documents (by key); returns how many were written."""

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by key; an object's key ("cms.goal:3") also removes its
        parts ("cms.goal:3#...")."""

    @abstractmethod
    def replace(self, source: str, documents: Iterable[SearchDocument]) -> None:
        """Make the documents of one source exactly these (none: remove them)."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits, snippets (escaped, with <mark>), facet counts and total, all limited
        by `query.visibility` inside the engine, before anything is counted."""

    @abstractmethod
    def suggest(
        self, prefix: str, visibility: Visibility, limit: int = 8
    ) -> list[Suggestion]:
        """Titles that complete what the user is typing."""

    @abstractmethod
    def rebuild(
        self, documents: Iterable[SearchDocument], progress: Progress | None = None
    ) -> int:
        """Replace the whole index with these documents, without a moment in which
        searches find nothing; returns the number indexed."""

    @abstractmethod
    def check(self, documents: Iterable[SearchDocument]) -> CheckReport:
        """Compare the index with the documents it should hold."""

    def ping(self) -> None:
        """Raise when the engine cannot answer (the health check calls this). By
        default a suggestion request that may see nothing, so no document is read."""
        self.suggest("a", Visibility(audiences=()), limit=1)

    def setup(self) -> None:  # noqa: B027 - optional hook
        """Create what the engine needs (called before a rebuild)."""
