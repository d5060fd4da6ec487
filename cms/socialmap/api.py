"""The social map as an Open Referral HSDS 3.0 API at /api/v1/hsds/.

Lists come in HSDS page envelopes (`page`, `per_page`); errors in the portal's one
format. Besides HSDS's own parameters (`search`, `taxonomy_term_id`, `taxonomy_id`,
`organization_id`, `postcode`, `proximity`) the lists take the extension parameters
`life_domain` and `target_group` (slugs), `open_now` (true) and `language` (ISO
639-1). `proximity` is either "lat,lon" (with `radius` in metres, default 5000) or,
as in HSDS, a distance in metres from the centre of `postcode`.
"""

import math
import re
import uuid

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.socialmap import geo, hsds
from cms.socialmap.models import Location, ServiceAtLocation
from cms.socialmap.selectors import (
    ServiceFilters,
    find_services,
    now,
    organizations_visible_to,
    place_point,
    services_visible_to,
    with_details,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
DEFAULT_RADIUS_M = 5000
TRUE = {"1", "true", "yes", "ja"}


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound from None


def _positive_int(params, name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: ["Geef een geheel getal."]}) from None
    if value < 1:
        raise ValidationError({name: ["Geef een getal vanaf 1."]})
    return min(value, maximum) if maximum else value


def page_envelope(items: list, params, serialize) -> dict:
    """An HSDS page: total_items, total_pages, page_number, size, first_page,
    last_page, empty and the page's contents."""
    per_page = _positive_int(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    page = _positive_int(params, "page", 1)
    total = len(items)
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    contents = [serialize(item) for item in items[start : start + per_page]]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _term_filters(params) -> dict:
    """HSDS `taxonomy_term_id` / `taxonomy_id` as the portal's vocabulary slugs."""
    filters = {}
    term_id = params.get("taxonomy_term_id")
    if term_id:
        for vocabulary in hsds.VOCABULARIES:
            for slug in vocabulary.model.objects.values_list("slug", flat=True):
                if vocabulary.term_id(slug) == term_id:
                    filters[vocabulary.key] = slug
        if not filters:
            filters["life_domain"] = "-"  # an unknown term finds nothing
    return filters


def service_filters(params, *, with_place: bool = True) -> ServiceFilters:
    filters = ServiceFilters(
        text=params.get("search", ""),
        life_domain=params.get("life_domain", ""),
        target_group=params.get("target_group", ""),
        language=params.get("language", ""),
        organization_id=params.get("organization_id", ""),
    )
    if filters.organization_id:
        try:
            uuid.UUID(filters.organization_id)
        except ValueError:
            raise ValidationError(
                {"organization_id": ["Geef de id (een UUID) van een organisatie."]}
            ) from None
    for key, slug in _term_filters(params).items():
        setattr(filters, key, slug)
    if params.get("open_now", "").lower() in TRUE:
        filters.open_at = now()
    if with_place:
        filters.postcode, filters.near, filters.radius_km = _place(params)
    return filters


def _place(params) -> tuple[str, geo.Point | None, float | None]:
    """(postcode to match exactly, centre, radius in km) from the query."""
    postcode = params.get("postcode", "").strip()
    proximity = params.get("proximity", "").strip()
    if not proximity:
        return postcode, None, None
    if "," in proximity:
        try:
            centre = geo.Point.parse(proximity)
        except ValueError:
            raise ValidationError(
                {"proximity": ["Geef 'breedtegraad,lengtegraad'."]}
            ) from None
        radius_m = _positive_int(params, "radius", DEFAULT_RADIUS_M)
        return postcode, centre, radius_m / 1000
    try:
        radius_m = float(proximity)
    except ValueError:
        raise ValidationError({"proximity": ["Geef een afstand in meter."]}) from None
    centre = place_point(postcode)
    if centre is None:
        raise ValidationError({"postcode": ["Deze postcode kennen we niet."]})
    return "", centre, radius_m / 1000


class HsdsView(APIView):
    permission_classes = [permissions.AllowAny]
    renderer_classes = [JSONRenderer]


class RootView(HsdsView):
    def get(self, request):
        return Response(
            hsds.api_root(
                "https://raw.githubusercontent.com/openreferral/specification/3.0/"
                "schema/openapi.json"
            )
            | {"services_url": request.build_absolute_uri(reverse("hsds:services"))}
        )


class ServiceListView(HsdsView):
    def get(self, request):
        results = find_services(
            user=request.user, filters=service_filters(request.query_params)
        )
        services = [item.service for item in results.items]
        if request.query_params.get("full", "").lower() in TRUE:
            serialize = hsds.service
        else:
            serialize = hsds.service_summary
        envelope = page_envelope(services, request.query_params, serialize)
        if results.corrected_from:
            # An extension beside HSDS's page fields: nothing matched what was
            # typed, so the services are those of its correction (`search`).
            envelope["search"] = results.query
            envelope["search_corrected_from"] = results.corrected_from
        return Response(envelope)


class ServiceDetailView(HsdsView):
    def get(self, request, id):
        service = get_object_or_404(
            with_details(services_visible_to(request.user)), pk=_uuid(id)
        )
        return Response(hsds.service(service))


class OrganizationListView(HsdsView):
    def get(self, request):
        organizations = list(organizations_visible_to(request.user).order_by("name"))
        return Response(
            page_envelope(
                organizations, request.query_params, hsds.organization_summary
            )
        )


class OrganizationDetailView(HsdsView):
    def get(self, request, id):
        organization = get_object_or_404(
            organizations_visible_to(request.user), pk=_uuid(id)
        )
        services = with_details(
            services_visible_to(request.user).filter(organization=organization)
        )
        locations = Location.objects.filter(organization=organization).prefetch_related(
            "accessibility"
        )
        return Response(hsds.organization(organization, services, locations))


class TaxonomyListView(HsdsView):
    def get(self, request):
        return Response(
            page_envelope(hsds.TAXONOMIES, request.query_params, hsds.taxonomy)
        )


class TaxonomyDetailView(HsdsView):
    def get(self, request, id):
        for vocabulary in hsds.TAXONOMIES:
            if vocabulary.id == str(_uuid(id)):
                return Response(hsds.taxonomy(vocabulary))
        raise NotFound


class TaxonomyTermListView(HsdsView):
    def get(self, request):
        vocabulary = None
        taxonomy_id = request.query_params.get("taxonomy_id")
        if taxonomy_id:
            matches = [v for v in hsds.TAXONOMIES if v.id == taxonomy_id]
            if not matches:
                return Response(page_envelope([], request.query_params, dict))
            vocabulary = matches[0]
        terms = hsds.taxonomy_terms(vocabulary)
        return Response(page_envelope(terms, request.query_params, lambda t: t))


class TaxonomyTermDetailView(HsdsView):
    def get(self, request, id):
        wanted = str(_uuid(id))
        for term in hsds.taxonomy_terms():
            if term["id"] == wanted:
                return Response(term)
        raise NotFound


def _links_of(services) -> list[ServiceAtLocation]:
    return [link for service in services for link in service.service_at_locations.all()]


class ServiceAtLocationListView(HsdsView):
    def get(self, request):
        params = request.query_params
        filters = service_filters(params, with_place=False)
        postcode, centre, radius_km = _place(params)
        services = [
            item.service
            for item in find_services(user=request.user, filters=filters).items
        ]
        links = _links_of(services)
        if postcode:
            field_name = "postal_code" if postcode.isdigit() else "city"
            links = [
                link
                for link in links
                if getattr(link.location, field_name).lower() == postcode.lower()
            ]
        if centre is not None:
            ranked = geo.nearest_first(
                links,
                centre,
                radius_km,
                lambda link: (
                    [geo.Point(link.location.latitude, link.location.longitude)]
                    if link.location.has_coordinates
                    else []
                ),
            )
            links = [link for _distance, link in ranked]
        return Response(page_envelope(links, params, hsds.service_at_location))


class ServiceAtLocationDetailView(HsdsView):
    def get(self, request, id):
        link = get_object_or_404(
            ServiceAtLocation.objects.select_related("location", "service").filter(
                service__in=services_visible_to(request.user)
            ),
            pk=_uuid(id),
        )
        return Response(hsds.service_at_location(link))


LIST_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=description)
    for name, description in [
        ("page", "Page number, from 1."),
        ("per_page", f"Items per page (default {DEFAULT_PER_PAGE}, at most 200)."),
        (
            "search",
            "Free text, through the portal's search index: every word must match; "
            "when nothing matches a misspelt word, its correction is searched and "
            "the page says so in `search` and `search_corrected_from`.",
        ),
        ("taxonomy_term_id", "Services with this HSDS taxonomy term."),
        ("organization_id", "Services of this organisation."),
        ("life_domain", "Extension: a life domain slug (wonen, werken, ...)."),
        ("target_group", "Extension: a target group slug."),
        ("open_now", "Extension: `true` for services open now (Europe/Brussels)."),
        ("language", "Extension: an ISO 639-1 language code."),
        ("postcode", "A postcode or municipality."),
        ("proximity", "'lat,lon' (with `radius`), or metres from `postcode`."),
        ("radius", f"Metres around `proximity` (default {DEFAULT_RADIUS_M})."),
    ]
]


def _describe(view, summary: str, parameters=()) -> None:
    # Plain APIViews would all be named "..._retrieve"; name each after its view.
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", view.__name__.removesuffix("View"))
    view.get = extend_schema(
        operation_id=f"hsds_{name.lower()}",
        summary=summary,
        tags=["hsds"],
        parameters=list(parameters),
        responses={200: OpenApiTypes.OBJECT},
    )(view.get)


_describe(RootView, "HSDS version and profile of this API")
_describe(ServiceListView, "Services (HSDS page)", LIST_PARAMETERS)
_describe(ServiceDetailView, "One service with everything about it")
_describe(OrganizationListView, "Organisations (HSDS page)", LIST_PARAMETERS[:2])
_describe(OrganizationDetailView, "One organisation with its services")
_describe(
    TaxonomyListView,
    "The taxonomies: life domains, target groups and service features",
)
_describe(TaxonomyDetailView, "One taxonomy")
_describe(TaxonomyTermListView, "Taxonomy terms (HSDS page)", LIST_PARAMETERS[:2])
_describe(TaxonomyTermDetailView, "One taxonomy term")
_describe(
    ServiceAtLocationListView, "Services at locations (HSDS page)", LIST_PARAMETERS
)
_describe(ServiceAtLocationDetailView, "One service at a location")


# HSDS's own paths (no trailing slash), named in the `hsds` namespace.
ROUTES = [
    ("", RootView, "root"),
    ("services", ServiceListView, "services"),
    ("services/<str:id>", ServiceDetailView, "service"),
    ("organizations", OrganizationListView, "organizations"),
    ("organizations/<str:id>", OrganizationDetailView, "organization"),
    ("taxonomies", TaxonomyListView, "taxonomies"),
    ("taxonomies/<str:id>", TaxonomyDetailView, "taxonomy"),
    ("taxonomy_terms", TaxonomyTermListView, "taxonomy_terms"),
    ("taxonomy_terms/<str:id>", TaxonomyTermDetailView, "taxonomy_term"),
    ("service_at_locations", ServiceAtLocationListView, "service_at_locations"),
    (
        "service_at_locations/<str:id>",
        ServiceAtLocationDetailView,
        "service_at_location",
    ),
]


def register(router) -> None:
    """Put the HSDS endpoints on the /api/v1/ router, under `hsds/`."""
    for route, view, name in ROUTES:
        router.add_view(f"hsds/{route}", view, name=name, namespace="hsds")
