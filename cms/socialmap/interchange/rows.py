"""HSDS rows as checked, unsaved model instances. Every value is parsed and every
row validated on its own, so a bad value is refused with where it is (file and line
for CSV, service and row number for JSON) before anything is written, rather than
surfacing later as a database error or as opening hours that are silently wrong."""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from cms.socialmap.models import (
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)

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


def source_of(item: dict) -> str | None:
    """Where a dict was read from ("schedules.csv, regel 4"), when its reader said
    so (the CSV reader's rows carry a `source`); JSON dicts do not."""
    return getattr(item, "source", None)


def where_of(item: dict, fallback: str) -> str:
    """How an error names a row: its file and line when known, with `fallback`
    (the service and row number) that JSON has to rely on alone."""
    source = source_of(item)
    return f"{source} ({fallback})" if source else fallback


def explain(error: ValidationError) -> str:
    """A model's validation errors as one line, for a message about one row."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            " ".join(messages) if name == "__all__" else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def invalid(where: str, problem: str) -> ValidationError:
    """The error that refuses a row: where it is, then what is wrong."""
    return ValidationError(f"{where}: {problem}")


def hsds_id(value, where: str = "") -> uuid.UUID:
    """An HSDS id: every row is stored under its own uuid, so a re-import updates
    it rather than adding a copy."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        message = f"Geen geldige HSDS-id: {value!r}"
        error = invalid(where, message) if where else ValidationError(message)
        raise error from None


def parse_date(value, *, name: str, where: str) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD; a time after it is ignored), or None when empty."""
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise invalid(
            where, f"{name} {value!r} is geen geldige datum (JJJJ-MM-DD)"
        ) from None


def parse_time(value, *, name: str, where: str) -> datetime.time | None:
    """Opening hours are local (Europe/Brussels) wall-clock times: HH:MM or
    HH:MM:SS, without an offset that a time without a date could not honour."""
    if value in (None, ""):
        return None
    try:
        parsed = datetime.time.fromisoformat(str(value))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is not None or len(str(value)) not in (5, 8):
        raise invalid(where, f"{name} {value!r} is geen geldig uur (UU:MM)")
    return parsed


def required(data: dict, name: str, where: str):
    """`data[name]`, refused when missing or empty."""
    if data.get(name) in (None, ""):
        raise invalid(where, f"{name} ontbreekt")
    return data[name]


def keep_ids(instances: list, existing) -> list:
    """Children whose id is already stored are updated, not inserted again (a UUID
    with a default would otherwise be taken for a new row)."""
    stored = {str(pk) for pk in existing.values_list("pk", flat=True)}
    for instance in instances:
        if str(instance.pk) in stored:
            instance._state.adding = False
    return instances


def check(instance, where: str, *, exclude=("service",)) -> None:
    """Validate a child row on its own, so an error names the row rather than
    surfacing later as a database error or a silently wrong value."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        raise invalid(where, explain(error)) from None


def schedule_from(item: dict, *, index: int, where: str) -> Schedule:
    """One HSDS schedule row as a weekly rule or a dated exception (see
    `Schedule`); recurrences the model cannot express are refused."""
    freq = str(item.get("freq") or "").upper()
    if freq and freq != "WEEKLY":
        raise invalid(where, f"freq {freq!r} wordt niet ondersteund, enkel WEEKLY")
    if item.get("interval") not in (None, "", 1, "1"):
        raise invalid(where, "interval wordt niet ondersteund, enkel elke week (1)")
    for name in UNSUPPORTED_RECURRENCE:
        if item.get(name) not in (None, ""):
            raise invalid(where, f"{name} wordt niet ondersteund")
    byday = str(item.get("byday") or "")
    if freq and not byday:
        raise invalid(where, "een wekelijkse regel (freq WEEKLY) heeft byday nodig")
    rule = Schedule(
        id=hsds_id(item.get("id"), where),
        byday=byday,
        opens_at=parse_time(item.get("opens_at"), name="opens_at", where=where),
        closes_at=parse_time(item.get("closes_at"), name="closes_at", where=where),
        valid_from=parse_date(item.get("valid_from"), name="valid_from", where=where),
        valid_to=parse_date(item.get("valid_to"), name="valid_to", where=where),
        description=item.get("description", ""),
        sort_order=index,
    )
    return rule


def parse_amount(value, where: str) -> Decimal:
    """A cost amount; an empty one is free (0)."""
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise invalid(where, f"amount {value!r} is geen bedrag") from None


def set_children(service: Service, data: dict, locations: dict, where: str) -> None:
    """Give `service` its phones, schedules, languages, cost options, contacts and
    locations from the HSDS service `data`, each row checked; `locations` are the
    stored or just-imported locations by id. Nothing is saved here."""

    def stored(model):
        return model.objects.filter(service_id=service.pk)

    def made(name: str, label: str, make) -> list:
        children = []
        for index, item in enumerate(data.get(name) or []):
            at = where_of(item, f"{where}, {label} nr. {index + 1}")
            child = make(item, index, at)
            check(child, at)
            children.append(child)
        return children

    def location_of(item: dict, at: str) -> Location:
        pk = item.get("location_id") or (item.get("location") or {}).get("id")
        found = locations.get(str(hsds_id(pk, at)))
        if found is None:
            raise invalid(at, f"locatie {pk} bestaat niet")
        return found

    phones = made(
        "phones",
        "telefoonnummer",
        lambda item, index, at: Phone(
            id=hsds_id(item.get("id"), at),
            number=required(item, "number", at),
            type=item.get("type") or "voice",
            description=item.get("description", ""),
            sort_order=index,
        ),
    )
    schedules = made(
        "schedules",
        "openingsuren",
        lambda item, index, at: schedule_from(item, index=index, where=at),
    )
    languages = made(
        "languages",
        "taal",
        lambda item, index, at: Language(
            id=hsds_id(item.get("id"), at),
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
            id=hsds_id(item.get("id"), at),
            option=item.get("option") or item.get("amount_description") or "-",
            amount=parse_amount(item.get("amount"), at),
            currency=item.get("currency") or "EUR",
            amount_description=item.get("amount_description", ""),
            valid_from=parse_date(item.get("valid_from"), name="valid_from", where=at),
            valid_to=parse_date(item.get("valid_to"), name="valid_to", where=at),
            sort_order=index,
        ),
    )
    contacts = made(
        "contacts",
        "contactpunt",
        lambda item, index, at: Contact(
            id=hsds_id(item.get("id"), at),
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
            id=hsds_id(item.get("id"), at),
            location=location_of(item, at),
            description=item.get("description", ""),
            sort_order=index,
        ),
    )
    service.phones = keep_ids(phones, stored(Phone))
    service.schedules = keep_ids(schedules, stored(Schedule))
    service.languages = keep_ids(languages, stored(Language))
    service.cost_options = keep_ids(cost_options, stored(CostOption))
    service.contacts = keep_ids(contacts, stored(Contact))
    service.service_at_locations = keep_ids(links, stored(ServiceAtLocation))
