"""Reads of the social map. What anyone may see is the published (live) services of
published organisations: partners' proposals and citizens' reports are objects of
their own (`ServiceProposal`) and never show here. The citizen search and the HSDS
API both call `find_services`; its text goes through the site's one search index
with the same analysis, except that every word must match (a service that has only
some of them is not what was asked for)."""

import datetime
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from cms.models import LifeDomain
from cms.socialmap import geo, opening
from cms.socialmap.models import (
    AccessibilityFeature,
    CostOption,
    Location,
    Organization,
    ProposalKind,
    SavedService,
    Service,
    ServiceAtLocation,
    ServiceProposal,
    ServiceStatus,
)
from portal.access import socialmap as access
from search.analysis import STOP_WORDS, words
from search.documents import DocumentKind, source_of
from search.selectors import search_documents

MAX_TEXT_HITS = 500
#: Known places suggested for an unknown one.
PLACE_SUGGESTIONS = 3


def organizations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The social map's organisations this user may see (`portal.access.socialmap`)."""
    queryset = Organization.objects.all() if queryset is None else queryset
    return access.organizations_visible_to(user, queryset)


def services_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The services this user may see (`portal.access.socialmap`)."""
    queryset = Service.objects.all() if queryset is None else queryset
    return access.services_visible_to(user, queryset)


def life_domains_with_services(user) -> QuerySet:
    """The life domains the social map has services for, as the common needs a
    person can start from (the home page's "Hulp zoeken")."""
    return LifeDomain.objects.filter(
        pk__in=services_visible_to(user).values("life_domains")
    ).order_by("sort_order", "name")


def saved_services_of(user) -> QuerySet:
    """What a person saved, newest first, of the services they may still see."""
    queryset = access.saved_services_of(user, SavedService.objects.all())
    return queryset.filter(service__in=services_visible_to(user)).select_related(
        "service__organization"
    )


def service_is_saved(user, service: Service) -> bool:
    return saved_services_of(user).filter(service=service).exists()


def with_details(queryset: QuerySet) -> QuerySet:
    """Everything a service page, the list or the HSDS answer shows, in few queries."""
    return queryset.select_related("organization").prefetch_related(
        "life_domains",
        "target_groups",
        "phones",
        "contacts",
        "languages",
        "cost_options",
        "schedules",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location"
            ).prefetch_related("location__accessibility"),
        ),
    )


def with_card_details(queryset: QuerySet) -> QuerySet:
    """What a card of the list shows (organisation, first address and phone, open
    now, free), and what the open-now and distance filters read: half the queries
    of `with_details`."""
    return queryset.select_related("organization").prefetch_related(
        "phones",
        "cost_options",
        "schedules",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location"),
        ),
    )


def service_is_open(service: Service, at: datetime.datetime) -> bool:
    return opening.is_open(service.schedules.all(), at, holidays=holidays_for(service))


def holidays_for(service: Service):
    return None if service.closed_on_public_holidays else ()


def known_places() -> list[str]:
    """The postcodes and municipalities where a published service is offered, as
    people type them in the place filter ("9999", "Wilgendonk")."""
    rows = (
        Location.objects.filter(service_at_locations__service__live=True)
        .values_list("postal_code", "city")
        .distinct()
    )
    places = {value.strip() for row in rows for value in row if value.strip()}
    return sorted(places, key=lambda place: (place.isdigit(), place.casefold()))


def place_is_known(text: str) -> bool:
    text = (text or "").strip().casefold()
    return any(place.casefold() == text for place in known_places())


def nearest_places(text: str, limit: int = PLACE_SUGGESTIONS) -> list[str]:
    """The known places nearest to an unknown one: the closest postcodes by number
    for a postcode, the names most alike (difflib) for a name."""
    text = (text or "").strip()
    places = known_places()
    if text.isdigit():
        codes = [place for place in places if place.isdigit()]
        return sorted(codes, key=lambda code: (abs(int(code) - int(text)), code))[
            :limit
        ]
    names = [place for place in places if not place.isdigit()]
    return sorted(names, key=lambda name: -_likeness(text, name))[:limit]


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def place_point(text: str) -> geo.Point | None:
    """Where a postcode or a municipality lies: the centre of the locations there."""
    text = (text or "").strip()
    if not text:
        return None
    locations = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if text.isdigit():
        locations = locations.filter(postal_code=text)
    else:
        locations = locations.filter(city__iexact=text)
    points = list(locations.values_list("latitude", "longitude"))
    if not points:
        return None
    return geo.Point(
        sum(point[0] for point in points) / len(points),
        sum(point[1] for point in points) / len(points),
    )


@dataclass
class ServiceFilters:
    """What a citizen or an API client asks for; empty fields do not filter."""

    text: str = ""
    life_domain: str = ""  # a LifeDomain slug
    target_group: str = ""  # a TargetGroup slug
    language: str = ""  # an ISO 639-1 code
    postcode: str = ""  # a postcode or municipality, exact
    near: geo.Point | None = None
    radius_km: float | None = None
    open_at: datetime.datetime | None = None
    free: bool = False
    wheelchair: bool = False
    organization_id: str = ""


@dataclass
class FoundService:
    service: Service
    distance_km: float | None = None


class ServicesInOrder(Sequence):
    """Matching services in a known order whose details (`with_details`) are
    fetched only for what is read: a page of the list costs one page of prefetching,
    however many services match."""

    def __init__(self, pks: list, details=None):
        self.pks = pks
        self.details = details or with_details

    def __len__(self) -> int:
        return len(self.pks)

    def _fetch(self, pks: list) -> list[FoundService]:
        found = {s.pk: s for s in self.details(Service.objects.filter(pk__in=pks))}
        return [FoundService(found[pk]) for pk in pks if pk in found]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._fetch(self.pks[index])
        return self._fetch([self.pks[index]])[0]

    def __iter__(self):
        return iter(self._fetch(self.pks))


@dataclass
class ServiceResults:
    items: Sequence[FoundService] = field(default_factory=list)
    text_search_used: bool = False
    #: The text searched for: what was typed, or its correction.
    query: str = ""
    #: What was typed, when nothing matched it and `query` is its correction.
    corrected_from: str = ""
    #: A spelling that finds more services, when the text found few.
    did_you_mean: str | None = None
    #: When the text found nothing: its words that no service mentions.
    unknown_words: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)


def _service_search(text: str, user, page_size: int = MAX_TEXT_HITS):
    """The one search index, services only, analysed as the site search does
    (stemming, synonyms, a typo corrected), but every word must match."""
    return search_documents(
        query=text,
        user=user,
        filters={"kind": DocumentKind.SERVICE},
        page_size=page_size,
        all_words=True,
        correct=True,
    )


def _ranking(results) -> list[str]:
    """The pks of the services among the hits, best first."""
    prefix = Service._meta.label_lower + ":"
    keys = [source_of(hit.key) for hit in results.hits]
    return [key[len(prefix) :] for key in keys if key.startswith(prefix)]


def _unknown_words(text: str, user) -> list[str]:
    """The words of `text` that no service mentions, as typed (lower case)."""
    return [
        word
        for word in dict.fromkeys(words(text))
        if word not in STOP_WORDS and not _service_search(word, user, 1).total
    ]


def _free_of_charge(queryset: QuerySet) -> QuerySet:
    priced = CostOption.objects.filter(service=OuterRef("pk"))
    return queryset.filter(Exists(priced.filter(amount=0))).exclude(
        Exists(priced.filter(amount__gt=0))
    )


def find_services(
    *, user, filters: ServiceFilters, details=with_details
) -> ServiceResults:
    """Services this user may see that match `filters`: by relevance when there is
    text, nearest first when there is a place, else by name. Text goes through the
    one search index (kind "service"); the other filters are applied here, the
    opening hours and exact distances in Python. `details` prefetches what the
    caller shows (`with_card_details` for the list's cards)."""
    queryset = services_visible_to(user).exclude(status=ServiceStatus.DEFUNCT)
    if filters.life_domain:
        queryset = queryset.filter(life_domains__slug=filters.life_domain)
    if filters.target_group:
        queryset = queryset.filter(target_groups__slug=filters.target_group)
    if filters.language:
        queryset = queryset.filter(languages__code__iexact=filters.language)
    if filters.organization_id:
        queryset = queryset.filter(organization_id=filters.organization_id)
    if filters.postcode:
        place = filters.postcode.strip()
        field_name = "postal_code" if place.isdigit() else "city__iexact"
        queryset = queryset.filter(
            **{f"service_at_locations__location__{field_name}": place}
        )
    if filters.wheelchair:
        queryset = queryset.filter(
            service_at_locations__location__accessibility__feature=(
                AccessibilityFeature.WHEELCHAIR
            )
        )
    if filters.free:
        queryset = _free_of_charge(queryset)
    if filters.near is not None and filters.radius_km is not None:
        box = geo.bounding_box(filters.near, filters.radius_km)
        queryset = queryset.filter(
            **geo.within_box_filter(box, "service_at_locations__location__")
        )

    ranking, text = None, None
    if filters.text.strip():
        text = _service_search(filters.text, user)
        ranking = _ranking(text)
        queryset = queryset.filter(pk__in=ranking)

    if filters.open_at is None and filters.near is None:
        # Nothing left to decide in Python: order the keys, fetch details later.
        pks = list(queryset.distinct().order_by("name").values_list("pk", flat=True))
        if ranking is not None:
            order = {pk: index for index, pk in enumerate(ranking)}
            pks.sort(key=lambda pk: order.get(str(pk), len(order)))
        return _with_text(
            ServiceResults(
                items=ServicesInOrder(pks, details),
                text_search_used=ranking is not None,
            ),
            text,
            filters,
            user,
        )

    services = list(details(queryset.distinct().order_by("name")))
    if filters.open_at is not None:
        services = [s for s in services if service_is_open(s, filters.open_at)]

    if filters.near is not None:
        ranked = geo.nearest_first(
            services,
            filters.near,
            filters.radius_km,
            lambda service: [
                geo.Point(link.location.latitude, link.location.longitude)
                for link in service.service_at_locations.all()
                if link.location.has_coordinates
            ],
        )
        items = [FoundService(service, distance) for distance, service in ranked]
    else:
        if ranking is not None:
            order = {pk: index for index, pk in enumerate(ranking)}
            services.sort(key=lambda service: order.get(str(service.pk), len(order)))
        items = [FoundService(service) for service in services]
    results = ServiceResults(items=items, text_search_used=ranking is not None)
    return _with_text(results, text, filters, user)


def _with_text(results: ServiceResults, text, filters: ServiceFilters, user):
    """What the text search adds to the results: its query, a correction, hints."""
    if text is not None:
        results.query = text.query
        results.corrected_from = text.corrected_from
        results.did_you_mean = text.did_you_mean
        if not text.total:
            results.unknown_words = _unknown_words(filters.text, user)
    return results


def now() -> datetime.datetime:
    return timezone.now().astimezone(opening.BRUSSELS)


def services_proposable_by(user) -> QuerySet:
    """Services a partner may propose changes to (`portal.access.socialmap`), each
    marked when a proposal for it waits for a civil servant. Civil servants edit
    in the admin instead."""
    waiting = ServiceProposal.objects.filter(
        service=OuterRef("pk"), kind=ProposalKind.PARTNER, decided_at__isnull=True
    )
    return (
        access.services_proposable_by(user, Service.objects.all())
        .select_related("organization")
        .annotate(has_open_proposal=Exists(waiting))
    )


def proposals_reviewable_by(user) -> QuerySet[ServiceProposal]:
    """Every proposal and report this person may review, open or decided."""
    return access.proposals_reviewable_by(
        user, ServiceProposal.objects.all(), Service
    ).select_related("service__organization", "proposed_by", "decided_by")


def proposals_awaiting_review(user) -> QuerySet[ServiceProposal]:
    """Partners' proposals and citizens' reports nobody has decided on yet,
    longest waiting first. Only for people who may publish services: the intranet
    shows no work a person cannot do."""
    return proposals_reviewable_by(user).filter(decided_at__isnull=True)
