"""`/api/v1/search/` and `/api/v1/search/suggest/`: the one index over HTTP.

Both call `search.selectors` with the caller (session or X-Session-Token), so an
app finds exactly what the same person finds on the search page. Query parameters
are checked strictly: an unknown kind, page 0 or a year that is no number answers
400 in the API's one error format.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access.audiences import Audience
from portal.api.errors import ErrorSerializer
from portal.api.schema import NamedChoiceField
from search.documents import DocumentKind, Facet, Sort, facet_value_label
from search.grouping import group_by_document
from search.selectors import (
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    search_documents,
    suggest,
)

MAX_PAGE_SIZE = 50
MAX_SUGGESTIONS = 10
BAD_PARAMETERS = OpenApiResponse(
    ErrorSerializer,
    "An unknown kind or sort, a page out of range, a year that is "
    "no number (`invalid`, with `fields`).",
)


class RepeatedParameter(serializers.ListField):
    """A query parameter that may repeat. Its errors are one flat list, as the
    error format promises (`fields: {"year": ["..."]}`), not keyed by position."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as error:
            detail = error.detail
            messages = (
                [message for errors in detail.values() for message in errors]
                if isinstance(detail, dict)
                else detail
            )
            raise serializers.ValidationError(messages) from error


def _values(child: serializers.Field, help_text: str) -> RepeatedParameter:
    return RepeatedParameter(
        child=child,
        required=False,
        default=list,
        max_length=MAX_FILTER_VALUES,
        help_text=f"{help_text} At most {MAX_FILTER_VALUES} values.",
    )


class SearchParametersSerializer(serializers.Serializer):
    """The query string of `GET /api/v1/search/`. Facet parameters repeat for
    several values (`?life_domain=Wonen&life_domain=Werken`): a document matches
    when it has one of them; different facets must all match."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_QUERY_LENGTH,
        help_text="The words to search for. Empty: every visible document, "
        "newest first (with the filters below).",
    )
    kind = _values(
        NamedChoiceField(enum_name="DocumentKind", choices=DocumentKind.choices),
        "Only documents of these kinds.",
    )
    life_domain = _values(
        serializers.CharField(max_length=255),
        "Only documents about these life domains (by name, as in the facets).",
    )
    target_group = _values(
        serializers.CharField(max_length=255),
        "Only documents for these target groups (by name, as in the facets).",
    )
    organisation = _values(
        serializers.CharField(max_length=255),
        "Only documents of these organisations (by name, as in the facets).",
    )
    year = _values(
        serializers.IntegerField(min_value=1900, max_value=2200),
        "Only documents of these years.",
    )
    sort = NamedChoiceField(
        enum_name="SearchSort",
        choices=Sort.choices,
        required=False,
        default=Sort.RELEVANCE,
        help_text="`relevance` (best match first) or `date` (newest first).",
    )
    page = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=MAX_PAGE
    )
    page_size = serializers.IntegerField(
        required=False, default=10, min_value=1, max_value=MAX_PAGE_SIZE
    )
    group = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true`: sections of a text that rank on this page come in the "
        "`sections` of their text's result instead of as results of their own (one "
        "result per place). Default `false`: every document is a result, and "
        "`sections` is empty, as before.",
    )

    def filters(self) -> dict[str, list[str]]:
        data = self.validated_data
        return {
            facet.value: [str(value) for value in data[facet.value]]
            for facet in Facet
            if data[facet.value]
        }


class SearchSectionSerializer(serializers.Serializer):
    """A section of the result's text that ranked on the same page."""

    kind = NamedChoiceField(enum_name="DocumentKind", choices=DocumentKind.choices)
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Absolute address.")
    snippet = serializers.CharField(
        help_text="HTML, as the result's; empty when it is the result's passage."
    )
    context = serializers.CharField()
    date = serializers.DateField(allow_null=True)

    def get_url(self, hit) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(hit.url) if request else hit.url


class SearchHitSerializer(serializers.Serializer):
    kind = NamedChoiceField(enum_name="DocumentKind", choices=DocumentKind.choices)
    kind_label = serializers.SerializerMethodField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Absolute address.")
    snippet = serializers.CharField(
        help_text="HTML: escaped text around the query words, each in `<mark>`."
    )
    context = serializers.CharField(
        help_text="Where the document sits, e.g. the text a section belongs to."
    )
    audience = NamedChoiceField(enum_name="Audience", choices=Audience.choices)
    life_domains = serializers.ListField(child=serializers.CharField())
    target_groups = serializers.ListField(child=serializers.CharField())
    organisation = serializers.CharField()
    date = serializers.DateField(
        allow_null=True,
        help_text="The document's own date: the text's date, the start of the "
        "plan's period, the day a signal was raised.",
    )
    sections = serializers.SerializerMethodField(
        help_text="Sections of this text that ranked on the same page (sitelinks)."
    )

    def get_kind_label(self, hit) -> str:
        return facet_value_label(Facet.KIND, hit.kind)

    @extend_schema_field(SearchSectionSerializer(many=True))
    def get_sections(self, hit) -> list[dict]:
        sections = self.context.get("sections", {}).get(hit.key, [])
        return SearchSectionSerializer(sections, many=True, context=self.context).data

    def get_url(self, hit) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(hit.url) if request else hit.url


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The value to filter on.")
    label = serializers.CharField(help_text="How the value reads (Dutch).")
    count = serializers.IntegerField(help_text="Matching documents with it.")


class FacetsSerializer(serializers.Serializer):
    """Counts over the documents the caller may see that match the query and the
    filters, per facet (most frequent first; years newest first)."""

    kind = FacetCountSerializer(many=True)
    life_domain = FacetCountSerializer(many=True)
    target_group = FacetCountSerializer(many=True)
    organisation = FacetCountSerializer(many=True)
    year = FacetCountSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Matching documents, on all pages (sections included)."
    )
    count_estimated = serializers.BooleanField(
        help_text="Whether `count` is an estimate: above some thousands of matches "
        "the engine counts a sample of them and scales it up."
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    page_count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()
    facets_estimated = serializers.BooleanField(
        help_text="Whether the facet counts are estimates (as for `count`)."
    )
    did_you_mean = serializers.CharField(
        allow_null=True,
        help_text="A corrected query that finds more, when the query found little.",
    )


class SuggestParametersSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH,
        help_text="What the user typed so far (fewer than 2 letters: no suggestions).",
    )
    limit = serializers.IntegerField(
        required=False, default=8, min_value=1, max_value=MAX_SUGGESTIONS
    )


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    kind = NamedChoiceField(enum_name="DocumentKind", choices=DocumentKind.choices)
    kind_label = serializers.SerializerMethodField()

    def get_kind_label(self, suggestion) -> str:
        return facet_value_label(Facet.KIND, suggestion.kind)


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


def _facets(results) -> dict[str, list[dict]]:
    facets = {}
    for facet in Facet:
        counts = results.facets.get(facet.value, [])
        if facet == Facet.YEAR:
            counts = sorted(counts, key=lambda item: item.value, reverse=True)
        facets[facet.value] = [
            {
                "value": item.value,
                "label": facet_value_label(facet, item.value),
                "count": item.count,
            }
            for item in counts
        ]
    return facets


class SearchView(APIView):
    """Search every document the caller may see."""

    @extend_schema(
        summary="Search",
        description="One search over framework texts and their sections, plans, "
        "goals, pages and the other kinds of the index. Hits, snippets and facet "
        "counts come only from documents the caller may see.",
        parameters=[SearchParametersSerializer],
        responses={200: SearchResponseSerializer, 400: BAD_PARAMETERS},
        tags=["search"],
    )
    def get(self, request):
        parameters = SearchParametersSerializer(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        data = parameters.validated_data
        results = search_documents(
            query=data["q"],
            user=request.user,
            filters=parameters.filters(),
            page=data["page"],
            sort=data["sort"],
            page_size=data["page_size"],
        )
        hits, sections = results.hits, {}
        if data["group"]:
            groups = group_by_document(results.hits)
            hits = [group.hit for group in groups]
            sections = {group.hit.key: group.sections for group in groups}
        body = {
            "count": results.total,
            "count_estimated": results.estimated,
            "page": results.page,
            "page_size": results.page_size,
            "page_count": results.page_count,
            "results": hits,
            "facets": _facets(results),
            "facets_estimated": results.estimated,
            "did_you_mean": results.did_you_mean,
        }
        context = {"request": request, "sections": sections}
        return Response(SearchResponseSerializer(body, context=context).data)


class SuggestView(APIView):
    """Titles that complete what the caller is typing."""

    @extend_schema(
        summary="Suggestions while typing",
        description="Titles of documents the caller may see that start with, or "
        "contain words starting with, what was typed.",
        parameters=[SuggestParametersSerializer],
        responses={200: SuggestResponseSerializer, 400: BAD_PARAMETERS},
        tags=["search"],
    )
    def get(self, request):
        parameters = SuggestParametersSerializer(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        data = parameters.validated_data
        suggestions = suggest(prefix=data["q"], user=request.user, limit=data["limit"])
        return Response(SuggestResponseSerializer({"suggestions": suggestions}).data)


def register(router) -> None:
    """Put `search/` and `search/suggest/` on the /api/v1/ router."""
    router.add_view("search/", SearchView, name="api-search")
    router.add_view("search/suggest/", SuggestView, name="api-search-suggest")
