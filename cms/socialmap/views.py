"""The social map on the public site, at /sociale-kaart/: search, a service page and
an organisation page. Everything works without JavaScript and without map tiles;
the map (Leaflet) is an enhancement on top of the list. Anyone may report a mistake
on a service page ("Meld een fout")."""

import datetime
import json

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.socialmap import opening
from cms.socialmap.forms import ServiceSearchForm
from cms.socialmap.models import Location
from cms.socialmap.proposal_forms import ReportForm
from cms.socialmap.selectors import (
    ServiceFilters,
    ServiceResults,
    find_services,
    holidays_for,
    nearest_places,
    now,
    organizations_visible_to,
    service_is_saved,
    services_visible_to,
    with_card_details,
    with_details,
)
from cms.socialmap.services import (
    ReportLimitReached,
    saved_service_add,
    saved_service_remove,
    service_report_problem,
)
from portal.access.socialmap import may_save_services
from portal.navigation import go_back

PAGE_SIZE = 20
# What django.utils.html.json_script escapes, so a text holding `</script>` or `<!--`
# cannot leave the JSON-LD script element; json_script itself only writes
# type="application/json", and its table is private.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "OpenStreetMap-bijdragers</a>"
)
SCHEMA_DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def map_settings() -> dict:
    """What the map script needs; without a tile URL there is no map, only the list."""
    return {
        "tileUrl": getattr(settings, "SOCIALMAP_TILE_URL", ""),
        "attribution": TILE_ATTRIBUTION,
    }


def _markers(services) -> list[dict]:
    markers = []
    for service in services:
        for link in service.service_at_locations.all():
            location = link.location
            if location.has_coordinates:
                markers.append(
                    {
                        "name": service.name,
                        "url": reverse("socialmap:service", args=[service.pk]),
                        "address": location.address_line,
                        "lat": location.latitude,
                        "lon": location.longitude,
                    }
                )
    return markers


def opening_state(service, at: datetime.datetime) -> dict:
    """ "Nu open (tot 17:00)" or "Opent dinsdag om 09:00", for the list and page."""
    schedules = list(service.schedules.all())
    holidays = holidays_for(service)
    current = opening.current_interval(schedules, at, holidays=holidays)
    if current is not None:
        return {"is_open": True, "until": current[1]}
    upcoming = opening.next_opening(schedules, at, holidays=holidays)
    label = ""
    if upcoming is not None:
        local = at.astimezone(opening.BRUSSELS).date()
        if upcoming.date() == local:
            label = _("vandaag")
        elif upcoming.date() == local + datetime.timedelta(days=1):
            label = _("morgen")
        else:
            label = opening.DAY_NAMES[opening.WEEKDAYS[upcoming.weekday()]]
    return {"is_open": False, "next": upcoming, "next_day": label}


def _address(params, **changes) -> str:
    """`?` and the query string of `params` with some names replaced (None: removed),
    always from the first page."""
    params = params.copy()
    params.pop("pagina", None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return f"?{params.urlencode()}"


def _may_be_place(word: str) -> bool:
    """A postcode (four digits) or a word long enough to be a place name."""
    return (word.isdigit() and len(word) == 4) or (word.isalpha() and len(word) >= 3)


def _without_word(text: str, word: str) -> str:
    return " ".join(part for part in text.split() if part.casefold() != word).strip()


def search_hints(params, form, results: ServiceResults) -> dict:
    """What the page says when the text or the place did not work out: the
    correction it searched instead, a better spelling, the words no service
    mentions (each may be a place: the known places nearest to it), and the known
    places nearest to an unknown place filter."""
    text = params.get("q", "")
    unknown = [
        {
            "word": word,
            "without_url": _address(params, q=_without_word(text, word) or None),
            "places": [
                {
                    "name": place,
                    "url": _address(
                        params, q=_without_word(text, word) or None, plaats=place
                    ),
                }
                for place in (nearest_places(word) if _may_be_place(word) else [])
            ],
        }
        for word in results.unknown_words
    ]
    return {
        "corrected_from": results.corrected_from,
        "query": results.query,
        "did_you_mean": results.did_you_mean,
        "did_you_mean_url": (
            _address(params, q=results.did_you_mean) if results.did_you_mean else ""
        ),
        "unknown_words": unknown,
        "places": [
            {"name": place, "url": _address(params, plaats=place)}
            for place in getattr(form, "place_suggestions", [])
        ],
    }


def search(request):
    form = ServiceSearchForm(request.GET or None)
    results = ServiceResults()
    if not form.is_bound:
        results = find_services(
            user=request.user, filters=ServiceFilters(), details=with_card_details
        )
    elif form.is_valid():
        results = find_services(
            user=request.user, filters=form.filters(), details=with_card_details
        )
    page = Paginator(results.items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    at = now()
    for item in page.object_list:
        item.opening = opening_state(item.service, at)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "socialmap/service_search.html",
        {
            "form": form,
            "page_obj": page,
            "total": len(results.items),
            "query_string": query.urlencode(),
            "hints": search_hints(request.GET, form, results),
            "markers": _markers(item.service for item in page.object_list),
            "map_settings": map_settings(),
        },
    )


def _json_ld(request, service) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService"
        if service.organization.portal_organisation_id is None
        else "Service",
        "name": service.name,
        "description": service.description,
        "url": request.build_absolute_uri(),
        "provider": {
            "@type": "Organization",
            "name": service.organization.name,
            **(
                {"url": service.organization.website}
                if service.organization.website
                else {}
            ),
        },
        "availableChannel": [],
    }
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                f"https://schema.org/{SCHEMA_DAYS[day]}"
                for day in rule.byday.split(",")
                if day in SCHEMA_DAYS
            ],
            "opens": rule.opens_at.strftime("%H:%M"),
            "closes": rule.closes_at.strftime("%H:%M"),
        }
        for rule in service.schedules.all()
        if rule.byday and rule.opens_at and rule.closes_at
    ]
    phone = next(iter(service.phones.all()), None)
    for link in service.service_at_locations.all():
        location = link.location
        place = {
            "@type": "Place",
            "name": location.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": location.address_1,
                "postalCode": location.postal_code,
                "addressLocality": location.city,
                "addressCountry": location.country,
            },
        }
        if location.has_coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
        if hours:
            place["openingHoursSpecification"] = hours
        channel = {"@type": "ServiceChannel", "serviceLocation": place}
        if phone:
            channel["servicePhone"] = {
                "@type": "ContactPoint",
                "telephone": phone.number,
            }
        data["availableChannel"].append(channel)
    if service.is_free:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


def upcoming_exceptions(service, today: datetime.date, days: int = 62) -> list:
    """Closures and special hours from today on, for the service page."""
    horizon = today + datetime.timedelta(days=days)
    return [
        rule
        for rule in service.schedules.all()
        if not rule.byday
        and rule.valid_from
        and rule.valid_from <= horizon
        and (rule.valid_to or rule.valid_from) >= today
    ]


def service(request, pk):
    item = get_object_or_404(with_details(services_visible_to(request.user)), pk=pk)
    at = now()
    week = [
        (opening.DAY_NAMES[day], hours)
        for day, hours in opening.weekly_hours(item.schedules.all(), at.date())
    ]
    return render(
        request,
        "socialmap/service.html",
        {
            "service": item,
            "opening": opening_state(item, at),
            "week": week,
            "exceptions": upcoming_exceptions(item, at.date()),
            "json_ld": _json_ld(request, item),
            "markers": _markers([item]),
            "map_settings": map_settings(),
            "may_save": may_save_services(request.user),
            "is_saved": service_is_saved(request.user, item),
        },
    )


def organization(request, pk):
    item = get_object_or_404(organizations_visible_to(request.user), pk=pk)
    services = with_details(services_visible_to(request.user).filter(organization=item))
    return render(
        request,
        "socialmap/organization.html",
        {
            "organization": item,
            "services": services,
            "locations": Location.objects.filter(organization=item),
        },
    )


def _saving(request, pk, *, keep: bool):
    """Save or unsave a service, then back to its page (or the form's `next`); the
    anonymous are sent to sign in and come back to the service page, not to this
    POST-only address."""
    page = reverse("socialmap:service", args=[pk])
    if not request.user.is_authenticated:
        return redirect_to_login(page)
    item = get_object_or_404(services_visible_to(request.user), pk=pk)
    if keep:
        saved_service_add(user=request.user, service=item)
        messages.success(request, _("De dienst staat nu op je eigen pagina."))
    else:
        saved_service_remove(user=request.user, service=item)
        messages.success(request, _("De dienst staat niet meer op je eigen pagina."))
    return go_back(request, page)


@require_POST
def service_save(request, pk):
    return _saving(request, pk, keep=True)


@require_POST
def service_unsave(request, pk):
    return _saving(request, pk, keep=False)


def service_report(request, pk):
    """ "Meld een fout" on a published service: anyone, no account; the report
    waits for a civil servant (`cms.socialmap.services.service_report_problem`)."""
    item = get_object_or_404(services_visible_to(request.user), pk=pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service_report_problem(
                service=item,
                user=request.user,
                topic=data["topic"],
                message=data["message"],
                email=data["email"],
                client=get_adapter().get_client_ip(request),
                trap=data["website"],
            )
        except ReportLimitReached:
            form.add_error(
                None,
                _(
                    "Je hebt het voorbije uur al veel meldingen verstuurd. Probeer "
                    "het over een uur opnieuw, of neem contact op met de dienst zelf."
                ),
            )
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Bedankt voor je melding. Een medewerker van de gemeente kijkt "
                    "ze na en past de sociale kaart aan."
                ),
            )
            return redirect("socialmap:service", pk=item.pk)
    return render(
        request,
        "socialmap/service_report.html",
        {"service": item, "form": form},
        status=status,
    )
