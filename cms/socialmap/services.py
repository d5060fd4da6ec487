"""Writes of the social map: import and export of HSDS data, and partners'
proposals. Each write of an organisation, location or service is also a revision,
so every change is kept and shown in the admin's history."""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin

from cms.socialmap import hsds, receivers
from cms.socialmap.models import (
    Accessibility,
    AccessibilityFeature,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from cms.socialmap.selectors import with_details

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


def _id(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise ValidationError(f"Geen geldige HSDS-id: {value!r}") from None


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(str(value)[:10]) if value else None


def _time(value) -> datetime.time | None:
    return datetime.time.fromisoformat(str(value)) if value else None


def _stable(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in VOLATILE}


def _save(obj, *, user, before: dict | None, after: dict, report, kind) -> None:
    """Write `obj` when its HSDS shape changed, as a published revision."""
    if before is not None and _stable(before) == _stable(after):
        report.count("unchanged", kind)
        return
    obj.full_clean()
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


def _import_organization(data: dict, *, user, report) -> Organization:
    pk = _id(data["id"])
    organization = Organization.objects.filter(pk=pk).first()
    before = hsds.organization_summary(organization) if organization else None
    if organization is None:
        organization = Organization(id=pk)
    organization.name = data["name"]
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
    )
    return organization


def _import_location(data: dict, *, user, report) -> Location:
    pk = _id(data["id"])
    location = Location.objects.filter(pk=pk).prefetch_related("accessibility").first()
    before = hsds.location(location) if location else None
    if location is None:
        location = Location(id=pk)
    location.location_type = data.get("location_type", "physical")
    location.organization_id = (
        _id(data["organization_id"]) if data.get("organization_id") else None
    )
    location.name = data.get("name") or ""
    location.description = data.get("description", "")
    location.transportation = data.get("transportation", "")
    location.latitude = data.get("latitude")
    location.longitude = data.get("longitude")
    address = (data.get("addresses") or [{}])[0]
    if address.get("id"):
        location.address_id = _id(address["id"])
    location.address_1 = address.get("address_1", "")
    location.address_2 = address.get("address_2", "")
    location.postal_code = address.get("postal_code", "")
    location.city = address.get("city", "")
    location.state_province = address.get("state_province", "")
    location.country = address.get("country", "BE")
    location.name = location.name or location.address_1 or "-"
    location.accessibility = _keep_ids(
        [
            Accessibility(
                id=_id(item["id"]),
                feature=item.get("details")
                if item.get("details") in AccessibilityFeature.values
                else AccessibilityFeature.OTHER,
                description=item.get("description", ""),
                url=item.get("url", ""),
                sort_order=index,
            )
            for index, item in enumerate(data.get("accessibility") or [])
        ],
        Accessibility.objects.filter(location_id=location.pk),
    )
    after = hsds.location(location)
    _save(
        location, user=user, before=before, after=after, report=report, kind="locaties"
    )
    return location


def _keep_ids(instances: list, existing) -> list:
    """Children whose id is already stored are updated, not inserted again (a UUID
    with a default would otherwise be taken for a new row)."""
    stored = {str(pk) for pk in existing.values_list("pk", flat=True)}
    for instance in instances:
        if str(instance.pk) in stored:
            instance._state.adding = False
    return instances


def _children(service: Service, data: dict, locations: dict) -> None:
    def rows(name: str) -> list[tuple[int, dict]]:
        return list(enumerate(data.get(name) or []))

    def stored(model):
        return model.objects.filter(service_id=service.pk)

    phones = [
        Phone(
            id=_id(item["id"]),
            number=item["number"],
            type=item.get("type") or "voice",
            description=item.get("description", ""),
            sort_order=index,
        )
        for index, item in rows("phones")
    ]
    schedules = [
        Schedule(
            id=_id(item["id"]),
            byday=item.get("byday", ""),
            opens_at=_time(item.get("opens_at")),
            closes_at=_time(item.get("closes_at")),
            valid_from=_date(item.get("valid_from")),
            valid_to=_date(item.get("valid_to")),
            description=item.get("description", ""),
            sort_order=index,
        )
        for index, item in rows("schedules")
    ]
    languages = [
        Language(
            id=_id(item["id"]),
            code=item.get("code", ""),
            name=item.get("name") or item.get("code", ""),
            note=item.get("note", ""),
            sort_order=index,
        )
        for index, item in rows("languages")
    ]
    cost_options = [
        CostOption(
            id=_id(item["id"]),
            option=item.get("option") or item.get("amount_description") or "-",
            amount=Decimal(str(item.get("amount", 0))),
            currency=item.get("currency") or "EUR",
            amount_description=item.get("amount_description", ""),
            valid_from=_date(item.get("valid_from")),
            valid_to=_date(item.get("valid_to")),
            sort_order=index,
        )
        for index, item in rows("cost_options")
    ]
    contacts = [
        Contact(
            id=_id(item["id"]),
            name=item.get("name") or item.get("department") or "-",
            title=item.get("title", ""),
            department=item.get("department", ""),
            email=item.get("email", ""),
            sort_order=index,
        )
        for index, item in rows("contacts")
    ]
    links = [
        ServiceAtLocation(
            id=_id(item["id"]),
            location=locations[
                str(_id(item.get("location_id") or item["location"]["id"]))
            ],
            description=item.get("description", ""),
            sort_order=index,
        )
        for index, item in rows("service_at_locations")
    ]
    service.phones = _keep_ids(phones, stored(Phone))
    service.schedules = _keep_ids(schedules, stored(Schedule))
    service.languages = _keep_ids(languages, stored(Language))
    service.cost_options = _keep_ids(cost_options, stored(CostOption))
    service.contacts = _keep_ids(contacts, stored(Contact))
    service.service_at_locations = _keep_ids(links, stored(ServiceAtLocation))


def _import_service(data, *, organization, locations, terms, user, report):
    pk = _id(data["id"])
    service = with_details(Service.objects.filter(pk=pk)).first()
    before = hsds.service(service) if service else None
    if service is None:
        service = Service(id=pk)
    service.organization = organization
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
    service.assured_date = _date(data.get("assured_date"))
    service.live = True
    _children(service, data, locations)
    chosen = {"life_domain": [], "target_group": []}
    service.closed_on_public_holidays = True
    for attribute in data.get("attributes") or []:
        if attribute.get("link_type") == hsds.OPEN_ON_HOLIDAYS:
            service.closed_on_public_holidays = attribute.get("value") != "true"
            continue
        found = _term_for(attribute, terms)
        if found:
            chosen[found[0]].append(found[1])
    service.life_domains = chosen["life_domain"]
    service.target_groups = chosen["target_group"]
    after = hsds.service(service)
    _save(
        service, user=user, before=before, after=after, report=report, kind="diensten"
    )
    return service


def _organizations_of(data) -> list[dict]:
    """Organisations with their services, from an export (`organizations`) or a
    list of full services (`services`, each with its `organization`)."""
    organizations = {
        str(item["id"]): dict(item) for item in data.get("organizations") or []
    }
    for item in data.get("services") or []:
        organization = item.get("organization") or {"id": item["organization_id"]}
        entry = organizations.setdefault(str(organization["id"]), dict(organization))
        entry.setdefault("services", []).append(item)
    return list(organizations.values())


@transaction.atomic
def socialmap_import(*, data: dict, user=None) -> ImportReport:
    """Import HSDS JSON: create or update every organisation, location and service
    by its id. A second run with the same data changes nothing. The search index
    is updated once per changed organisation and service, at the end."""
    with receivers.paused():
        report = _import(data, user=user)
    changed_organizations = {
        obj.pk for obj in report.changed if isinstance(obj, Organization)
    }
    for obj in report.changed:
        if isinstance(obj, Organization) or (
            isinstance(obj, Service)
            and obj.organization_id not in changed_organizations
        ):
            receivers.enqueue_update(obj)
    return report


def _import(data: dict, *, user) -> ImportReport:
    report = ImportReport()
    terms = _term_lookup()
    organizations = _organizations_of(data)
    imported = {}
    for item in organizations:
        imported[str(item["id"])] = _import_organization(item, user=user, report=report)
    locations = {}
    for item in organizations:
        nested = [
            link["location"]
            for service in item.get("services") or []
            for link in service.get("service_at_locations") or []
            if link.get("location")
        ]
        for location in [*(item.get("locations") or []), *nested]:
            if str(location["id"]) not in locations:
                locations[str(_id(location["id"]))] = _import_location(
                    location, user=user, report=report
                )
    missing = [
        link.get("location_id")
        for item in organizations
        for service in item.get("services") or []
        for link in service.get("service_at_locations") or []
        if str(link.get("location_id")) not in locations
    ]
    for location in Location.objects.filter(pk__in=[_id(pk) for pk in missing if pk]):
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


def socialmap_export() -> dict:
    """Every published organisation with its published services and its locations,
    as HSDS JSON (the shape `socialmap_import` reads)."""
    organizations = []
    for organization in Organization.objects.filter(live=True).order_by("name", "pk"):
        services = with_details(
            Service.objects.filter(organization=organization, live=True)
        ).order_by("name", "pk")
        locations = (
            Location.objects.filter(organization=organization)
            .prefetch_related("accessibility")
            .order_by("name", "pk")
        )
        organizations.append(hsds.organization(organization, services, locations))
    return {
        "hsds_version": hsds.HSDS_VERSION,
        "taxonomies": [hsds.taxonomy(item) for item in hsds.VOCABULARIES],
        "taxonomy_terms": hsds.taxonomy_terms(),
        "organizations": organizations,
    }


PROPOSABLE_FIELDS = (
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
    "email",
    "url",
    "alert",
)


@transaction.atomic
def service_propose_change(*, service: Service, user, changes: dict):
    """A partner's proposal for one of its own services: saved as a new draft
    revision, never on the live row, so the public keeps seeing the published
    version until a civil servant publishes the proposal in the admin."""
    from cms.socialmap.selectors import services_proposable_by

    if not services_proposable_by(user).filter(pk=service.pk).exists():
        raise PermissionDenied
    unknown = set(changes) - set(PROPOSABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Deze velden kunt u niet wijzigen: {sorted(unknown)}")
    draft = service.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.full_clean()
    return draft.save_revision(user=user, log_action="socialmap.propose")
