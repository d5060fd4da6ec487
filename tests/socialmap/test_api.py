"""/api/v1/hsds/: HSDS 3.0 answers, validated against the compiled schemas."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from cms.socialmap.demo.loader import demo_id
from cms.socialmap.geo import Point, haversine_km
from cms.socialmap.hsds import OPEN_ON_HOLIDAYS, SERVICE_FEATURES, VOCABULARY
from cms.socialmap.models import Service

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}
CENTRE = Point(51.0002, 3.9006)  # Kerkplein, Wilgendonk
RENT_ARREARS = demo_id("service", "ocmw", "Hulp bij huurachterstal")


def assert_valid(schema: dict, data) -> None:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda error: error.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def assert_page(data: dict) -> None:
    for key, kind in PAGE_KEYS.items():
        assert isinstance(data[key], kind), key
    assert data["size"] == len(data["contents"])


def get(client, name, *args, **params):
    response = client.get(reverse(f"hsds:{name}", args=args), params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.fixture
def map_loaded(social_map_module):
    return social_map_module


def test_root_names_the_hsds_version(client, map_loaded):
    data = get(client, "root")
    assert data["version"] == "3.0"


def test_every_service_validates_against_the_schema(client, map_loaded, hsds_schema):
    schema = hsds_schema("service")
    ids = [str(pk) for pk in Service.objects.values_list("pk", flat=True)]
    assert len(ids) >= 40
    for pk in ids:
        assert_valid(schema, get(client, "service", pk))


def test_every_services_page_validates(client, map_loaded, hsds_schema):
    schema = hsds_schema("service_list")
    page_number, seen = 1, 0
    while True:
        data = get(client, "services", page=page_number, per_page=15)
        assert_page(data)
        for item in data["contents"]:
            assert_valid(schema, item)
        seen += data["size"]
        if data["last_page"]:
            break
        page_number += 1
    assert seen == data["total_items"] == Service.objects.filter(live=True).count()
    assert data["total_pages"] == page_number


def test_every_organization_validates(client, map_loaded, hsds_schema):
    schema = hsds_schema("organization")
    listing = get(client, "organizations", per_page=200)
    assert_page(listing)
    assert listing["total_items"] >= 20
    for item in listing["contents"]:
        assert_valid(schema, get(client, "organization", item["id"]))


def test_service_at_locations_validate_and_sort_by_distance(
    client, map_loaded, hsds_schema
):
    schema = hsds_schema("service_at_location_list")
    data = get(
        client,
        "service_at_locations",
        proximity=f"{CENTRE.latitude},{CENTRE.longitude}",
        radius=1000,
        per_page=200,
    )
    assert_page(data)
    assert data["total_items"] > 0
    distances = []
    for item in data["contents"]:
        assert_valid(schema, item)
        location = item["location"]
        distances.append(
            haversine_km(CENTRE, Point(location["latitude"], location["longitude"]))
        )
    assert distances == sorted(distances)
    assert max(distances) <= 1.0
    everything = get(client, "service_at_locations", per_page=200)
    assert everything["total_items"] > data["total_items"]


def test_service_at_locations_by_postcode(client, map_loaded):
    data = get(client, "service_at_locations", postcode="9998", per_page=200)
    assert data["total_items"] > 0
    assert {
        item["location"]["addresses"][0]["postal_code"] for item in data["contents"]
    } == {"9998"}
    near = get(client, "service_at_locations", postcode="9998", proximity="500")
    assert 0 < near["total_items"] <= data["total_items"] + 5


def test_filter_on_life_domain_and_target_group(client, map_loaded):
    housing = get(client, "services", life_domain="wonen", per_page=200)
    names = {item["name"] for item in housing["contents"]}
    assert "Hulp bij huurachterstal" in names
    assert "Muziek- en woordlessen" not in names
    term = VOCABULARY["life_domain"].term_id("wonen")
    by_term = get(client, "services", taxonomy_term_id=term, per_page=200)
    assert by_term["total_items"] == housing["total_items"]
    elderly = get(client, "services", target_group="ouderen", per_page=200)
    assert "Maaltijden aan huis" in {item["name"] for item in elderly["contents"]}


def test_filter_on_language(client, map_loaded):
    arabic = get(client, "services", language="ar", per_page=200)
    assert arabic["total_items"] > 0
    for item in arabic["contents"]:
        full = get(client, "service", item["id"])
        assert "ar" in {language["code"] for language in full["languages"]}


def test_open_now(client, map_loaded):
    # Tuesday 1 December 2026, 15:00 in Brussels (14:00 UTC).
    tuesday_afternoon = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC)
    with time_machine.travel(tuesday_afternoon):
        open_now = get(client, "services", open_now="true", per_page=200)
    names = {item["name"] for item in open_now["contents"]}
    assert "Hulp bij huurachterstal" in names  # TU 13:30-18:00
    assert "Luisterlijn Wilgenstreek" in names  # day and night
    assert "Nachtopvang De Lantaarn" not in names
    # Sunday 6 December, 03:00: only the night services.
    with time_machine.travel(datetime.datetime(2026, 12, 6, 2, 0, tzinfo=datetime.UTC)):
        night = get(client, "services", open_now="true", per_page=200)
    assert {item["name"] for item in night["contents"]} >= {
        "Nachtopvang De Lantaarn",
        "Luisterlijn Wilgenstreek",
    }
    assert "Hulp bij huurachterstal" not in {item["name"] for item in night["contents"]}


def test_taxonomies_and_terms(client, map_loaded):
    taxonomies = get(client, "taxonomies")
    assert_page(taxonomies)
    ids = {item["id"] for item in taxonomies["contents"]}
    assert VOCABULARY["life_domain"].id in ids
    terms = get(client, "taxonomy_terms", taxonomy_id=VOCABULARY["life_domain"].id)
    assert "wonen" in {item["code"] for item in terms["contents"]}
    term = terms["contents"][0]
    assert get(client, "taxonomy_term", term["id"])["name"] == term["name"]


def test_every_attribute_names_a_listed_term_the_holiday_flag_too(client, map_loaded):
    taxonomies = {item["id"] for item in get(client, "taxonomies")["contents"]}
    assert SERVICE_FEATURES.id in taxonomies
    terms = {
        item["id"]: item
        for item in get(client, "taxonomy_terms", per_page=200)["contents"]
    }
    services = get(client, "services", full="true", per_page=200)["contents"]
    attributes = [item for service in services for item in service["attributes"]]
    assert OPEN_ON_HOLIDAYS in {item["link_type"] for item in attributes}
    for attribute in attributes:
        term = terms[attribute["taxonomy_term_id"]]
        assert attribute["taxonomy_term"] == term
        assert term["taxonomy_id"] in taxonomies
    features = get(client, "taxonomy_terms", taxonomy_id=SERVICE_FEATURES.id)
    assert [item["code"] for item in features["contents"]] == [OPEN_ON_HOLIDAYS]
    assert get(client, "taxonomy", SERVICE_FEATURES.id)["name"] == (
        SERVICE_FEATURES.name
    )


def test_unknown_or_malformed_ids_answer_404_in_the_api_format(client, map_loaded):
    for path in (
        reverse("hsds:service", args=["not-a-uuid"]),
        reverse("hsds:service", args=["00000000-0000-0000-0000-000000000000"]),
        reverse("hsds:organization", args=["x"]),
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_bad_page_number_is_refused(client, map_loaded):
    response = client.get(reverse("hsds:services"), {"page": "zero"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_a_draft_service_is_not_served(client, map_loaded):
    service = Service.objects.get(pk=RENT_ARREARS)
    Service.objects.filter(pk=service.pk).update(live=False)
    response = client.get(reverse("hsds:service", args=[service.pk]))
    assert response.status_code == 404
    listing = get(client, "services", per_page=200)
    assert str(service.pk) not in {item["id"] for item in listing["contents"]}


def test_a_corrected_search_says_what_it_searched(client, map_loaded):
    data = get(client, "services", search="huurachterstel", per_page=200)
    assert "Hulp bij huurachterstal" in [item["name"] for item in data["contents"]]
    assert data["search"] == "huurachterstal"
    assert data["search_corrected_from"] == "huurachterstel"
    exact = get(client, "services", search="huurachterstal", per_page=200)
    assert "search_corrected_from" not in exact


def test_search_goes_through_the_index(client, map_loaded):
    data = get(client, "services", search="huurachterstal", per_page=200)
    names = [item["name"] for item in data["contents"]]
    assert "Hulp bij huurachterstal" in names
    assert "Muziek- en woordlessen" not in names
    assert json.dumps(data)  # plain JSON
