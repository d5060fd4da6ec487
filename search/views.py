"""The search page, in each door: the public site (/zoeken/), the partner portal
and the intranet. One template; what a person finds depends only on who they are,
because every door asks `search.selectors.search_documents` with `request.user`."""

import logging
from dataclasses import dataclass

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from portal.access.audiences import Audience
from portal.access.doors import intranet_door, partners_door
from portal.access.roles import Door
from portal.navigation import render_in_door
from search.backends.base import SearchResults
from search.documents import DocumentKind, Facet, facet_value_label
from search.forms import SearchForm, SearchRequest
from search.grouping import HitGroup, group_by_document
from search.selectors import MAX_PAGE, search_documents

logger = logging.getLogger(__name__)

TEMPLATE = "search/search.html"
#: Facet values shown before "more"; the rest sit in a disclosure.
FACET_VALUES_SHOWN = 8
#: Page links either side of the current page.
PAGE_WINDOW = 2
#: Kinds dated by the start of their plan's period: the year says it, not a day.
DATED_BY_YEAR = {DocumentKind.POLICY_PLAN, DocumentKind.PLAN_SECTION}
#: Services of the social map shown above the document hits ("Hulp in de buurt").
NEARBY_HELP_SIZE = 3
AUDIENCE_NOTES = {
    Audience.PARTNERS: _("Alleen voor partners"),
    Audience.STAFF: _("Alleen voor medewerkers"),
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def shown(self) -> list[FacetOption]:
        return self.options[:FACET_VALUES_SHOWN]

    @property
    def more(self) -> list[FacetOption]:
        return self.options[FACET_VALUES_SHOWN:]

    @property
    def more_selected(self) -> bool:
        return any(option.selected for option in self.more)


@dataclass(frozen=True)
class ActiveFilter:
    facet: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


def address(params: QueryDict, **changes) -> str:
    """The query string of `params` with some names replaced (None: removed)."""
    params = params.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        elif isinstance(value, list):
            params.setlist(name, value)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_groups(results: SearchResults, request: SearchRequest) -> list[FacetGroup]:
    """Each facet's values with their counts, the selected ones first (a selected
    value stays listed, with 0, even when nothing matches it any more)."""
    groups = []
    for facet in Facet:
        selected = request.filters.get(facet.value, [])
        counts = {item.value: item.count for item in results.facets.get(facet, [])}
        values = list(counts)
        if facet == Facet.YEAR:
            values.sort(reverse=True)
        values = list(dict.fromkeys([*selected, *values]))
        options = [
            FacetOption(
                value=value,
                label=facet_value_label(facet, value),
                count=counts.get(value, 0),
                selected=value in selected,
            )
            for value in values
        ]
        if options:
            groups.append(FacetGroup(facet.value, str(facet.label), options))
    return groups


def active_filters(params: QueryDict, request: SearchRequest) -> list[ActiveFilter]:
    active = []
    for facet in Facet:
        values = request.filters.get(facet.value, [])
        for value in values:
            rest = [other for other in values if other != value]
            active.append(
                ActiveFilter(
                    facet=str(facet.label),
                    label=facet_value_label(facet, value),
                    remove_url=address(params, page=None, **{facet.value: rest}),
                )
            )
    return active


def page_links(params: QueryDict, results: SearchResults) -> list[PageLink]:
    """First, last and the pages around the current one, with gaps between."""
    last = min(results.page_count, MAX_PAGE)
    if last <= 1:
        return []
    current = results.page
    numbers = {1, last, *range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)}
    links, previous = [], 0
    for number in sorted(n for n in numbers if 1 <= n <= last):
        if number > previous + 1:
            links.append(PageLink(None))
        links.append(PageLink(number, address(params, page=number), number == current))
        previous = number
    return links


def search_context(request, *, action: str) -> dict:
    """Everything the template shows, for the person asking."""
    params = request.GET
    form = SearchForm(params)
    problem = form.too_many_values()
    search_request = SearchRequest() if problem else form.request()
    context = {
        "action": action,
        "search": search_request,
        "problem": problem,
        "results": None,
        "sort_choices": SearchForm.base_fields["sort"].choices,
        "clear_filters_url": address(
            params, page=None, **{facet.value: None for facet in Facet}
        ),
    }
    if search_request.is_blank:
        return context
    try:
        results = search_documents(
            query=search_request.query,
            user=request.user,
            filters=search_request.filters,
            page=search_request.page,
            sort=search_request.sort,
            correct=True,
        )
        context["nearby_help"] = nearby_help(request, search_request)
    except Exception:  # the engine is down: the rest of the site keeps working
        logger.exception("Search failed")
        context["unavailable"] = True
        return context
    last = min(results.page_count, MAX_PAGE)
    context.update(
        results=results,
        hits=[_hit_view(group) for group in group_by_document(results.hits)],
        first_number=(results.page - 1) * results.page_size + 1,
        facets=facet_groups(results, search_request),
        active_filters=active_filters(params, search_request),
        pages=page_links(params, results),
        previous_url=address(params, page=results.page - 1) if results.page > 1 else "",
        next_url=address(params, page=results.page + 1) if results.page < last else "",
        did_you_mean_url=(
            address(QueryDict(), q=results.did_you_mean) if results.did_you_mean else ""
        ),
    )
    return context


def nearby_help(request, search_request: SearchRequest) -> dict | None:
    """A few social-map services for the query, every word matching, shown above
    the document hits with a link to the social map's own search: a citizen who
    types a need ("wonen", "schulden") sees where to go first. None on later
    pages, when the person chose kinds, or when no service answers."""
    query = search_request.query
    if not query or search_request.page > 1 or search_request.filters.get("kind"):
        return None
    services = search_documents(
        query=query,
        user=request.user,
        filters={**search_request.filters, "kind": [DocumentKind.SERVICE]},
        page_size=NEARBY_HELP_SIZE,
        all_words=True,
        correct=True,
    )
    if not services.hits:
        return None
    social_map = reverse("socialmap:search")
    return {
        "hits": services.hits,
        "total": services.total,
        "url": f"{social_map}{address(QueryDict(), q=services.query or query)}",
    }


def _hit_view(group: HitGroup) -> dict:
    hit = group.hit
    return {
        "hit": hit,
        "kind": facet_value_label(Facet.KIND, hit.kind),
        "audience_note": AUDIENCE_NOTES.get(hit.audience, ""),
        "year_only": hit.kind in DATED_BY_YEAR,
        "sections": group.sections,
    }


def _status(response, context: dict):
    """400 for a request the form refused; 503 while the engine is down."""
    if context.get("problem"):
        response.status_code = 400
    elif context.get("unavailable"):
        response.status_code = 503
        response["Retry-After"] = "60"
    return response


@cache_control(private=True)
def public_search(request):
    context = search_context(request, action=reverse("search:public"))
    response = render(request, TEMPLATE, {"base_template": "base.html", **context})
    return _status(response, context)


def _door_search(request, door: Door, action: str):
    context = search_context(request, action=action)
    response = render_in_door(
        request,
        TEMPLATE,
        {"base_template": "portal/base.html", **context},
        door=door,
        current="search",
    )
    return _status(response, context)


@partners_door
@cache_control(private=True)
def partners_search(request):
    return _door_search(request, Door.PARTNERS, reverse("partners:search"))


@intranet_door
@cache_control(private=True)
def intranet_search(request):
    return _door_search(request, Door.INTRANET, reverse("intranet:search"))
