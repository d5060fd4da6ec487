"""The demo social map of Wilgendonk: `wilgendonk.yaml` turned into HSDS JSON and
imported through `socialmap_import`, keyed on ids derived from the file's keys, so a
second run changes nothing."""

import datetime
import uuid
from pathlib import Path

import yaml

from cms.socialmap.hsds import OPEN_ON_HOLIDAYS, VOCABULARY
from cms.socialmap.interchange import ImportReport, socialmap_import
from cms.socialmap.models import Organization
from portal.models import Organisation

DATA_FILE = Path(__file__).resolve().parent / "wilgendonk.yaml"
NAMESPACE = uuid.UUID("0d5a3c52-7a8e-4d8e-b0a4-2b0c9f3e8a61")
TOWN = "Wilgendonk"
PROVINCE = "Oost-Vlaanderen"
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "fr": "Frans",
    "en": "Engels",
    "de": "Duits",
    "ar": "Arabisch",
    "tr": "Turks",
    "ru": "Russisch",
    "uk": "Oekraïens",
    "ti": "Tigrinya",
    "fa": "Perzisch (Dari)",
}


def demo_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _location(key: str, data: dict) -> dict:
    location_id = demo_id("location", key)
    return {
        "id": location_id,
        "location_type": "physical",
        "name": data["name"],
        "transportation": data.get("transportation", ""),
        "latitude": data["lat"],
        "longitude": data["lon"],
        "addresses": [
            {
                "id": demo_id("address", key),
                "location_id": location_id,
                "address_1": data["address"],
                "city": data.get("city", TOWN),
                "state_province": PROVINCE,
                "postal_code": data["postal_code"],
                "country": "BE",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": demo_id("accessibility", key, feature), "details": feature}
            for feature in data.get("access", [])
        ],
    }


def _hours(service_id: str, data: dict) -> list[dict]:
    schedules = []
    for index, rule in enumerate(data.get("hours", [])):
        days, hours = rule.split()
        opens, closes = hours.split("-")
        schedules.append(
            {
                "id": demo_id(service_id, "hours", index),
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
            }
        )
    for index, rule in enumerate(data.get("closed", [])):
        dates, _, why = rule.partition(" ")
        start, _, end = dates.partition("/")
        schedules.append(
            {
                "id": demo_id(service_id, "closed", index),
                "valid_from": start,
                "valid_to": end or start,
                "description": why,
            }
        )
    for index, rule in enumerate(data.get("special", [])):
        day, hours, *why = rule.split()
        opens, closes = hours.split("-")
        schedules.append(
            {
                "id": demo_id(service_id, "special", index),
                "valid_from": day,
                "valid_to": day,
                "opens_at": opens,
                "closes_at": closes,
                "description": " ".join(why),
            }
        )
    return schedules


def _cost(service_id: str, cost) -> list[dict]:
    if cost is None:
        return []
    if cost == "free":
        cost = {"option": "Gratis", "amount": 0}
    return [
        {
            "id": demo_id(service_id, "cost"),
            "option": cost["option"],
            "amount": cost["amount"],
            "currency": "EUR",
            "amount_description": cost.get("description", ""),
        }
    ]


def _attributes(data: dict) -> list[dict]:
    attributes = []
    for key, slugs in (
        ("life_domain", data.get("domains", [])),
        ("target_group", data.get("groups", [])),
    ):
        vocabulary = VOCABULARY[key]
        attributes += [
            {
                "id": demo_id("attribute", key, slug),
                "link_type": key,
                "taxonomy_term_id": vocabulary.term_id(slug),
                "taxonomy_term": {"id": vocabulary.term_id(slug), "code": slug},
            }
            for slug in slugs
        ]
    return attributes


def _service(org_key: str, data: dict, locations: dict, checked) -> dict:
    service_id = demo_id("service", org_key, data["name"])
    minimum_age, maximum_age = data.get("age", [None, None])
    return {
        "id": service_id,
        "name": data["name"],
        "description": " ".join(data.get("description", "").split()),
        "status": "active",
        "application_process": " ".join(data.get("apply", "").split()),
        "eligibility_description": data.get("who", ""),
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "interpretation_services": data.get("interpretation", ""),
        "assured_date": str(checked),
        "assurer_email": "socialekaart@wilgendonk.example",
        "phones": [
            {
                "id": demo_id(service_id, "phone"),
                "number": data["phone"],
                "type": "voice",
            }
        ],
        "contacts": [{"id": demo_id(service_id, "contact"), "name": data["contact"]}]
        if data.get("contact")
        else [],
        "languages": [
            {
                "id": demo_id(service_id, "language", code),
                "code": code,
                "name": LANGUAGE_NAMES[code],
            }
            for code in data.get("languages", [])
        ],
        "cost_options": _cost(service_id, data.get("cost")),
        "schedules": _hours(service_id, data),
        "service_at_locations": [
            {
                "id": demo_id(service_id, "at", key),
                "location_id": locations[key]["id"],
                "location": locations[key],
            }
            for key in data.get("at", [])
        ],
        "attributes": _attributes(data)
        + (
            [
                {
                    "id": demo_id(service_id, OPEN_ON_HOLIDAYS),
                    "link_type": OPEN_ON_HOLIDAYS,
                    "value": "true",
                }
            ]
            if data.get("holidays_open")
            else []
        ),
    }


def demo_data(path: Path = DATA_FILE) -> tuple[dict, dict[str, str]]:
    """The demo as HSDS JSON, and each organisation's portal partner by id."""
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    checked = source.get("checked") or datetime.date.today()
    locations = {
        key: _location(key, value) for key, value in source["locations"].items()
    }
    organizations, partners = [], {}
    for item in source["organizations"]:
        organization_id = demo_id("organization", item["key"])
        if item.get("portal"):
            partners[organization_id] = item["portal"]
        services = [
            _service(item["key"], service, locations, checked)
            for service in item["services"]
        ]
        used = {
            link["location_id"] for s in services for link in s["service_at_locations"]
        }
        organizations.append(
            {
                "id": organization_id,
                "name": item["name"],
                "alternate_name": item.get("alternate_name", ""),
                "description": " ".join(item["description"].split()),
                "email": item.get("email", ""),
                "website": item.get("website", ""),
                "services": services,
                "locations": [
                    dict(location, organization_id=organization_id)
                    for location in locations.values()
                    if location["id"] in used
                ],
            }
        )
    return {"organizations": organizations}, partners


def ensure_social_map(*, user=None) -> ImportReport:
    """Load (or bring up to date) the demo social map; idempotent."""
    data, partners = demo_data()
    report = socialmap_import(data=data, user=user)
    for organization_id, name in partners.items():
        partner = Organisation.objects.filter(name=name).first()
        Organization.objects.filter(pk=organization_id).exclude(
            portal_organisation=partner
        ).update(portal_organisation=partner)
    return report
