"""The one HSDS importer: nested HSDS dicts (from a JSON file, or re-nested from the
CSV tables) become organisations, locations and services, created or updated by id.

Every row is checked before anything is kept: an invalid value raises a
`ValidationError` that says where it is (file and line for CSV, service and row for
JSON), and the whole import is rolled back. Each write of an organisation, location
or service is also a revision, so every change is kept and shown in the admin.
"""

import copy
import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
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
# RFC 5545 parts of an HSDS schedule the social map cannot hold: refusing them is
# better than importing opening hours that are silently wrong.
UNSUPPORTED_RECURRENCE = (
    "dtstart",
    "until",
    "count",
    "byweekno",
    "bymonthday",
    "byyearday",
)


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


def source_of(item: dict) -> str | None:
    """Where a dict was read from ("schedules.csv, regel 4"), when its reader said
    so (the CSV reader's rows carry a `source`); JSON dicts do not."""
    return getattr(item, "source", None)


def _where(item: dict, fallback: str) -> str:
    source = source_of(item)
    return f"{source} ({fallback})" if source else fallback


def _explain(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            " ".join(messages) if name == "__all__" else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _invalid(where: str, problem: str) -> ValidationError:
    return ValidationError(f"{where}: {problem}")


def _id(value, where: str = "") -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        message = f"Geen geldige HSDS-id: {value!r}"
        error = _invalid(where, message) if where else ValidationError(message)
        raise error from None


def _date(value, *, name: str, where: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise _invalid(
            where, f"{name} {value!r} is geen geldige datum (JJJJ-MM-DD)"
        ) from None


def _time(value, *, name: str, where: str) -> datetime.time | None:
    """Opening hours are local (Europe/Brussels) wall-clock times: HH:MM or
    HH:MM:SS, without an offset that a time without a date could not honour."""
    if value in (None, ""):
        return None
    try:
        parsed = datetime.time.fromisoformat(str(value))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is not None or len(str(value)) not in (5, 8):
        raise _invalid(where, f"{name} {value!r} is geen geldig uur (UU:MM)")
    return parsed


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
        raise _invalid(where, _explain(error)) from None
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


def _required(data: dict, name: str, where: str):
    if data.get(name) in (None, ""):
        raise _invalid(where, f"{name} ontbreekt")
    return data[name]


def _import_organization(data: dict, *, user, report) -> Organization:
    where = _where(data, f"organisatie {data.get('name', '')!r} ({data.get('id')})")
    pk = _id(data.get("id"), where)
    organization = Organization.objects.filter(pk=pk).first()
    before = hsds.organization_summary(organization) if organization else None
    if organization is None:
        organization = Organization(id=pk)
    organization.name = _required(data, "name", where)
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
    where = _where(data, label)
    pk = _id(data.get("id"), where)
    location = Location.objects.filter(pk=pk).prefetch_related("accessibility").first()
    before = hsds.location(location) if location else None
    if location is None:
        location = Location(id=pk)
    location.location_type = data.get("location_type", "physical")
    location.organization_id = (
        _id(data["organization_id"], where) if data.get("organization_id") else None
    )
    location.name = data.get("name") or ""
    location.description = data.get("description", "")
    location.transportation = data.get("transportation", "")
    location.latitude = data.get("latitude")
    location.longitude = data.get("longitude")
    address = (data.get("addresses") or [{}])[0]
    if address.get("id"):
        location.address_id = _id(address["id"], _where(address, label))
    location.address_1 = address.get("address_1", "")
    location.address_2 = address.get("address_2", "")
    location.postal_code = address.get("postal_code", "")
    location.city = address.get("city", "")
    location.state_province = address.get("state_province", "")
    location.country = address.get("country", "BE")
    location.name = location.name or location.address_1 or "-"
    arrangements = []
    for index, item in enumerate(data.get("accessibility") or []):
        at = _where(item, f"{label}, toegankelijkheid nr. {index + 1}")
        arrangement = Accessibility(
            id=_id(item.get("id"), at),
            feature=item.get("details")
            if item.get("details") in AccessibilityFeature.values
            else AccessibilityFeature.OTHER,
            description=item.get("description", ""),
            url=item.get("url", ""),
            sort_order=index,
        )
        _check(arrangement, at, exclude=["location"])
        arrangements.append(arrangement)
    location.accessibility = _keep_ids(
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


def _keep_ids(instances: list, existing) -> list:
    """Children whose id is already stored are updated, not inserted again (a UUID
    with a default would otherwise be taken for a new row)."""
    stored = {str(pk) for pk in existing.values_list("pk", flat=True)}
    for instance in instances:
        if str(instance.pk) in stored:
            instance._state.adding = False
    return instances


def _check(instance, where: str, *, exclude=("service",)) -> None:
    """Validate a child row on its own, so an error names the row rather than
    surfacing later as a database error or a silently wrong value."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        raise _invalid(where, _explain(error)) from None


def _schedule(item: dict, *, index: int, where: str) -> Schedule:
    """One HSDS schedule row as a weekly rule or a dated exception (see
    `Schedule`); recurrences the model cannot express are refused."""
    freq = str(item.get("freq") or "").upper()
    if freq and freq != "WEEKLY":
        raise _invalid(where, f"freq {freq!r} wordt niet ondersteund, enkel WEEKLY")
    if item.get("interval") not in (None, "", 1, "1"):
        raise _invalid(where, "interval wordt niet ondersteund, enkel elke week (1)")
    for name in UNSUPPORTED_RECURRENCE:
        if item.get(name) not in (None, ""):
            raise _invalid(where, f"{name} wordt niet ondersteund")
    byday = str(item.get("byday") or "")
    if freq and not byday:
        raise _invalid(where, "een wekelijkse regel (freq WEEKLY) heeft byday nodig")
    rule = Schedule(
        id=_id(item.get("id"), where),
        byday=byday,
        opens_at=_time(item.get("opens_at"), name="opens_at", where=where),
        closes_at=_time(item.get("closes_at"), name="closes_at", where=where),
        valid_from=_date(item.get("valid_from"), name="valid_from", where=where),
        valid_to=_date(item.get("valid_to"), name="valid_to", where=where),
        description=item.get("description", ""),
        sort_order=index,
    )
    return rule


def _amount(value, where: str) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise _invalid(where, f"amount {value!r} is geen bedrag") from None


def _children(service: Service, data: dict, locations: dict, where: str) -> None:
    def stored(model):
        return model.objects.filter(service_id=service.pk)

    def made(name: str, label: str, make) -> list:
        children = []
        for index, item in enumerate(data.get(name) or []):
            at = _where(item, f"{where}, {label} nr. {index + 1}")
            child = make(item, index, at)
            _check(child, at)
            children.append(child)
        return children

    def location_of(item: dict, at: str) -> Location:
        pk = item.get("location_id") or (item.get("location") or {}).get("id")
        found = locations.get(str(_id(pk, at)))
        if found is None:
            raise _invalid(at, f"locatie {pk} bestaat niet")
        return found

    phones = made(
        "phones",
        "telefoonnummer",
        lambda item, index, at: Phone(
            id=_id(item.get("id"), at),
            number=_required(item, "number", at),
            type=item.get("type") or "voice",
            description=item.get("description", ""),
            sort_order=index,
        ),
    )
    schedules = made(
        "schedules",
        "openingsuren",
        lambda item, index, at: _schedule(item, index=index, where=at),
    )
    languages = made(
        "languages",
        "taal",
        lambda item, index, at: Language(
            id=_id(item.get("id"), at),
            code=item.get("code", ""),
            name=item.get("name") or item.get("code", ""),
            note=item.get("note", ""),
            sort_order=index,
        ),
    )
    cost_options = made(
        "cost_options",
        "tarief",
        lambda item, index, at: CostOption(
            id=_id(item.get("id"), at),
            option=item.get("option") or item.get("amount_description") or "-",
            amount=_amount(item.get("amount"), at),
            currency=item.get("currency") or "EUR",
            amount_description=item.get("amount_description", ""),
            valid_from=_date(item.get("valid_from"), name="valid_from", where=at),
            valid_to=_date(item.get("valid_to"), name="valid_to", where=at),
            sort_order=index,
        ),
    )
    contacts = made(
        "contacts",
        "contactpunt",
        lambda item, index, at: Contact(
            id=_id(item.get("id"), at),
            name=item.get("name") or item.get("department") or "-",
            title=item.get("title", ""),
            department=item.get("department", ""),
            email=item.get("email", ""),
            sort_order=index,
        ),
    )
    links = made(
        "service_at_locations",
        "locatie",
        lambda item, index, at: ServiceAtLocation(
            id=_id(item.get("id"), at),
            location=location_of(item, at),
            description=item.get("description", ""),
            sort_order=index,
        ),
    )
    service.phones = _keep_ids(phones, stored(Phone))
    service.schedules = _keep_ids(schedules, stored(Schedule))
    service.languages = _keep_ids(languages, stored(Language))
    service.cost_options = _keep_ids(cost_options, stored(CostOption))
    service.contacts = _keep_ids(contacts, stored(Contact))
    service.service_at_locations = _keep_ids(links, stored(ServiceAtLocation))


def _import_service(data, *, organization, locations, terms, user, report):
    label = f"dienst {data.get('name', '')!r} ({data.get('id')})"
    where = _where(data, label)
    pk = _id(data.get("id"), where)
    service = with_details(Service.objects.filter(pk=pk)).first()
    before = hsds.service(service) if service else None
    if service is None:
        service = Service(id=pk)
    service.organization = organization
    _required(data, "name", where)
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
    service.assured_date = _date(
        data.get("assured_date"), name="assured_date", where=where
    )
    service.live = True
    _children(service, data, locations, label)
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
    index is updated once per changed organisation and service, at the end."""
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
            locations[str(_id(location.get("id"), _where(location, "locatie")))] = (
                _import_location(location, user=user, report=report)
            )
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
            continue  # reported with its service and row by _children
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
