"""The one HSDS importer: nested HSDS dicts (from a JSON file, or re-nested from the
CSV tables) become organisations, locations and services, created or updated by id.

Every row is checked before anything is kept: an invalid value raises a
`ValidationError` that says where it is (file and line for CSV, service and row for
JSON), and the whole import is rolled back. Each write of an organisation, location
or service is also a revision, so every change is kept and shown in the admin.
"""

import copy
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin

from cms.socialmap import hsds
from cms.socialmap.interchange.rows import (
    check,
    explain,
    hsds_id,
    invalid,
    keep_ids,
    parse_date,
    required,
    set_children,
    where_of,
)
from cms.socialmap.models import (
    Accessibility,
    AccessibilityFeature,
    Location,
    Organization,
    Service,
)
from cms.socialmap.selectors import with_details
from search.bulk import deferred_indexing

VOLATILE = {"last_modified"}


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    changed: list = field(default_factory=list, repr=False)

    def count(self, bucket: str, kind: str) -> None:
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self) -> list[str]:
        kinds = sorted({*self.created, *self.updated, *self.unchanged})
        return [
            f"{kind}: {self.created.get(kind, 0)} nieuw, "
            f"{self.updated.get(kind, 0)} bijgewerkt, "
            f"{self.unchanged.get(kind, 0)} ongewijzigd"
            for kind in kinds
        ]


def _stable(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in VOLATILE}


def _save(obj, *, user, before: dict | None, after: dict, report, kind, where) -> None:
    """Write `obj` when its HSDS shape changed, as a published revision."""
    if before is not None and _stable(before) == _stable(after):
        report.count("unchanged", kind)
        return
    try:
        obj.full_clean()
    except ValidationError as error:
        raise invalid(where, explain(error)) from None
    obj.save()
    revision = obj.save_revision(user=user, clean=False, log_action=True)
    if isinstance(obj, DraftStateMixin):
        # The row is already what the revision holds: record it as published
        # without Wagtail's publish action copying it back.
        published_at = timezone.now()
        obj.live_revision = revision
        obj.has_unpublished_changes = False
        obj.last_published_at = published_at
        obj.first_published_at = obj.first_published_at or published_at
        obj.save(
            update_fields=[
                "live_revision",
                "has_unpublished_changes",
                "last_published_at",
                "first_published_at",
            ]
        )
        log(instance=obj, action="wagtail.publish", user=user, revision=revision)
    report.count("created" if before is None else "updated", kind)
    report.changed.append(obj)


def _term_lookup() -> dict[str, tuple[str, object]]:
    lookup = {}
    for vocabulary in hsds.VOCABULARIES:
        for term in vocabulary.model.objects.all():
            lookup[vocabulary.term_id(term.slug)] = (vocabulary.key, term)
    return lookup


def _term_for(attribute: dict, lookup: dict):
    """The portal term an HSDS attribute points at: by id, else by code or name in
    the vocabulary its link_type names (created when it is new there)."""
    found = lookup.get(str(attribute.get("taxonomy_term_id")))
    if found:
        return found
    vocabulary = hsds.VOCABULARY.get(attribute.get("link_type", ""))
    term = attribute.get("taxonomy_term") or {}
    if vocabulary is None or not term.get("name"):
        return None
    slug = term.get("code") or slugify(term["name"])
    item = vocabulary.model.objects.filter(slug=slug).first()
    if item is None:
        item = vocabulary.model.objects.filter(name=term["name"]).first()
    if item is None:
        item = vocabulary.model(name=term["name"], slug=slug)
        item.full_clean()
        item.save()
    lookup[vocabulary.term_id(item.slug)] = (vocabulary.key, item)
    return vocabulary.key, item


def _is_holiday_flag(attribute: dict) -> bool:
    """The holiday attribute, known by its link_type or by its term."""
    return attribute.get("link_type") == hsds.OPEN_ON_HOLIDAYS or str(
        attribute.get("taxonomy_term_id")
    ) == hsds.SERVICE_FEATURES.term_id(hsds.OPEN_ON_HOLIDAYS_TERM.slug)


def _import_organization(data: dict, *, user, report) -> Organization:
    where = where_of(data, f"organisatie {data.get('name', '')!r} ({data.get('id')})")
    pk = hsds_id(data.get("id"), where)
    organization = Organization.objects.filter(pk=pk).first()
    before = hsds.organization_summary(organization) if organization else None
    if organization is None:
        organization = Organization(id=pk)
    organization.name = required(data, "name", where)
    organization.alternate_name = data.get("alternate_name", "")
    organization.description = data.get("description") or data["name"]
    organization.email = data.get("email", "")
    organization.website = data.get("website", "")
    organization.live = True
    after = hsds.organization_summary(organization)
    _save(
        organization,
        user=user,
        before=before,
        after=after,
        report=report,
        kind="organisaties",
        where=where,
    )
    return organization


def _import_location(data: dict, *, user, report) -> Location:
    label = f"locatie {data.get('name', '')!r} ({data.get('id')})"
    where = where_of(data, label)
    pk = hsds_id(data.get("id"), where)
    location = Location.objects.filter(pk=pk).prefetch_related("accessibility").first()
    before = hsds.location(location) if location else None
    if location is None:
        location = Location(id=pk)
    location.location_type = data.get("location_type", "physical")
    location.organization_id = (
        hsds_id(data["organization_id"], where) if data.get("organization_id") else None
    )
    location.name = data.get("name") or ""
    location.description = data.get("description", "")
    location.transportation = data.get("transportation", "")
    location.latitude = data.get("latitude")
    location.longitude = data.get("longitude")
    address = (data.get("addresses") or [{}])[0]
    if address.get("id"):
        location.address_id = hsds_id(address["id"], where_of(address, label))
    location.address_1 = address.get("address_1", "")
    location.address_2 = address.get("address_2", "")
    location.postal_code = address.get("postal_code", "")
    location.city = address.get("city", "")
    location.state_province = address.get("state_province", "")
    location.country = address.get("country", "BE")
    location.name = location.name or location.address_1 or "-"
    arrangements = []
    for index, item in enumerate(data.get("accessibility") or []):
        at = where_of(item, f"{label}, toegankelijkheid nr. {index + 1}")
        arrangement = Accessibility(
            id=hsds_id(item.get("id"), at),
            feature=item.get("details")
            if item.get("details") in AccessibilityFeature.values
            else AccessibilityFeature.OTHER,
            description=item.get("description", ""),
            url=item.get("url", ""),
            sort_order=index,
        )
        check(arrangement, at, exclude=["location"])
        arrangements.append(arrangement)
    location.accessibility = keep_ids(
        arrangements, Accessibility.objects.filter(location_id=location.pk)
    )
    after = hsds.location(location)
    _save(
        location,
        user=user,
        before=before,
        after=after,
        report=report,
        kind="locaties",
        where=where,
    )
    return location


def _import_service(data, *, organization, locations, terms, user, report):
    label = f"dienst {data.get('name', '')!r} ({data.get('id')})"
    where = where_of(data, label)
    pk = hsds_id(data.get("id"), where)
    service = with_details(Service.objects.filter(pk=pk)).first()
    before = hsds.service(service) if service else None
    if service is None:
        service = Service(id=pk)
    service.organization = organization
    required(data, "name", where)
    for name in (
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assurer_email",
        "alert",
    ):
        setattr(service, name, data.get(name) or "")
    service.status = data.get("status") or "active"
    service.minimum_age = data.get("minimum_age")
    service.maximum_age = data.get("maximum_age")
    service.assured_date = parse_date(
        data.get("assured_date"), name="assured_date", where=where
    )
    service.live = True
    set_children(service, data, locations, label)
    chosen = {"life_domain": [], "target_group": []}
    service.closed_on_public_holidays = True
    for attribute in data.get("attributes") or []:
        if _is_holiday_flag(attribute):
            service.closed_on_public_holidays = attribute.get("value") != "true"
            continue
        found = _term_for(attribute, terms)
        if found:
            chosen[found[0]].append(found[1])
    service.life_domains = chosen["life_domain"]
    service.target_groups = chosen["target_group"]
    after = hsds.service(service)
    _save(
        service,
        user=user,
        before=before,
        after=after,
        report=report,
        kind="diensten",
        where=where,
    )
    return service


def _organizations_of(data) -> list[dict]:
    """Organisations with their services, from an export (`organizations`) or a
    list of full services (`services`, each with its `organization`)."""
    organizations = {
        str(item.get("id")): copy.copy(item) for item in data.get("organizations") or []
    }
    for item in data.get("services") or []:
        organization = item.get("organization") or {"id": item.get("organization_id")}
        entry = organizations.setdefault(str(organization["id"]), dict(organization))
        entry.setdefault("services", []).append(item)
    return list(organizations.values())


@transaction.atomic
def socialmap_import(*, data: dict, user=None) -> ImportReport:
    """Import HSDS data (nested dicts, as in the JSON format): create or update every
    organisation, location and service by its id. A second run with the same data
    changes nothing; an invalid row stops the import and nothing is kept. The search
    index is updated at the end, in one task per index."""
    with deferred_indexing() as batch:
        report = _import(data, user=user)
        batch.flush()
    return report


def _import(data: dict, *, user) -> ImportReport:
    report = ImportReport()
    terms = _term_lookup()
    organizations = _organizations_of(data)
    imported = {}
    for item in organizations:
        imported[str(item["id"])] = _import_organization(item, user=user, report=report)
    locations = {}
    # Locations come with their organisation, inside a service's
    # service_at_locations, or on their own (`locations`, e.g. without organisation).
    candidates = [
        *(data.get("locations") or []),
        *(
            location
            for item in organizations
            for location in item.get("locations") or []
        ),
        *(
            link["location"]
            for item in organizations
            for service in item.get("services") or []
            for link in service.get("service_at_locations") or []
            if link.get("location")
        ),
    ]
    for location in candidates:
        if str(location.get("id")) not in locations:
            pk = hsds_id(location.get("id"), where_of(location, "locatie"))
            locations[str(pk)] = _import_location(location, user=user, report=report)
    missing = {
        str(link.get("location_id"))
        for item in organizations
        for service in item.get("services") or []
        for link in service.get("service_at_locations") or []
        if str(link.get("location_id")) not in locations
    }
    pks = []
    for pk in missing:
        try:
            pks.append(uuid.UUID(pk))
        except ValueError:
            continue  # reported with its service and row by set_children
    for location in Location.objects.filter(pk__in=pks):
        locations[str(location.pk)] = location
    for item in organizations:
        for service in item.get("services") or []:
            _import_service(
                service,
                organization=imported[str(item["id"])],
                locations=locations,
                terms=terms,
                user=user,
                report=report,
            )
    return report
