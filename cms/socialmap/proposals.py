"""The parts of a service page a proposal can change, as plain JSON values: read
from a service, checked with the models' own validation, described for the
side-by-side review and applied to a service and its locations.

A part is named by a key: a field of the service ("description"), a list of its
children ("schedules"), or the address or accessibility of one of its locations
("location:<id>", "accessibility:<id>"). Lists are replaced as a whole."""

import datetime
import decimal
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.socialmap.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
)
from cms.socialmap.opening import DAY_NAMES

#: Fields of the service itself a citizen sees on its page, in page order.
SERVICE_FIELDS = (
    "status",
    "alert",
    "description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees_description",
    "interpretation_services",
    "email",
    "url",
    "closed_on_public_holidays",
)
#: Lists of children of the service: relation name -> (model, fields).
CHILD_LISTS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "phones": (Phone, ("number", "type", "description")),
    "contacts": (Contact, ("name", "title", "department", "email")),
    "schedules": (
        Schedule,
        ("byday", "opens_at", "closes_at", "valid_from", "valid_to", "description"),
    ),
    "languages": (Language, ("code", "name", "note")),
    "cost_options": (CostOption, ("option", "amount", "amount_description")),
}
LOCATION_FIELDS = ("name", "address_1", "address_2", "postal_code", "city")
LOCATION_FIELDS_SHOWN = (*LOCATION_FIELDS, "transportation")
ACCESSIBILITY_FIELDS = ("feature", "description", "url")
LOCATION_PREFIX = "location:"
ACCESSIBILITY_PREFIX = "accessibility:"
LIST_LABELS = {
    "phones": gettext_lazy("Telefoonnummers"),
    "contacts": gettext_lazy("Contactpunten"),
    "schedules": gettext_lazy("Openingsuren en uitzonderingen"),
    "languages": gettext_lazy("Talen"),
    "cost_options": gettext_lazy("Tarieven"),
}


def dump(value):
    """A field value as JSON: dates and times in ISO form, amounts as text."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value:.2f}"
    return value


def load(field: models.Field, value):
    """A JSON value back as the field's Python value."""
    if value is None or value == "":
        return None if field.null else value
    return field.to_python(value)


def _row(model, fields, source) -> dict:
    return {name: dump(getattr(source, name)) for name in fields}


def location_key(location: Location) -> str:
    return f"{LOCATION_PREFIX}{location.pk}"


def accessibility_key(location: Location) -> str:
    return f"{ACCESSIBILITY_PREFIX}{location.pk}"


def locations_of(service: Service) -> list[Location]:
    """The service's locations, in the order of its page."""
    return [
        link.location
        for link in service.service_at_locations.select_related("location")
    ]


def current_values(service: Service) -> dict:
    """Every part of the service page as it is now (the live row)."""
    values = {name: dump(getattr(service, name)) for name in SERVICE_FIELDS}
    for name, (model, fields) in CHILD_LISTS.items():
        values[name] = [
            _row(model, fields, item) for item in getattr(service, name).all()
        ]
    for location in locations_of(service):
        values[location_key(location)] = _row(Location, LOCATION_FIELDS_SHOWN, location)
        values[accessibility_key(location)] = [
            _row(Accessibility, ACCESSIBILITY_FIELDS, item)
            for item in location.accessibility.all()
        ]
    return values


def _built(model, fields, row: dict):
    if not isinstance(row, dict) or set(row) - set(fields):
        raise ValidationError(_("Een regel van het voorstel is onleesbaar."))
    return model(
        **{
            name: load(model._meta.get_field(name), row[name])
            for name in fields
            if name in row
        }
    )


def _checked(instance, exclude=()) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=False)


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def validate(service: Service, changes: dict) -> None:
    """Raise a ValidationError per part (by key) when a proposed value is not one
    the models accept, so a proposal never holds what cannot be published."""
    known = current_values(service)
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(changes) - set(known))
    if unknown:
        raise ValidationError(
            _("Deze onderdelen kun je niet wijzigen: %(names)s")
            % {"names": ", ".join(unknown)}
        )
    draft = Service.objects.get(pk=service.pk)
    scalar = {key: value for key, value in changes.items() if key in SERVICE_FIELDS}
    try:
        for key, value in scalar.items():
            setattr(draft, key, load(Service._meta.get_field(key), value))
        _checked(draft)
    except ValidationError as error:
        errors["service"] = _messages(error)
    locations = {str(location.pk): location for location in locations_of(service)}
    for key, value in changes.items():
        try:
            if key in CHILD_LISTS:
                model, fields = CHILD_LISTS[key]
                for row in _rows(value):
                    _checked(_built(model, fields, row), exclude=["service"])
            elif key.startswith(LOCATION_PREFIX):
                location = locations[key.removeprefix(LOCATION_PREFIX)]
                _apply_location_fields(location, value)
                _checked(location)
            elif key.startswith(ACCESSIBILITY_PREFIX):
                for row in _rows(value):
                    _checked(
                        _built(Accessibility, ACCESSIBILITY_FIELDS, row),
                        exclude=["location"],
                    )
        except ValidationError as error:
            errors[key] = _messages(error)
    if errors:
        raise ValidationError(errors)


def _rows(value) -> list:
    if not isinstance(value, list):
        raise ValidationError(_("Een lijst van het voorstel is onleesbaar."))
    return value


def _apply_location_fields(location: Location, value) -> None:
    if not isinstance(value, dict) or set(value) - set(LOCATION_FIELDS_SHOWN):
        raise ValidationError(_("Het adres van het voorstel is onleesbaar."))
    for name, item in value.items():
        setattr(location, name, load(Location._meta.get_field(name), item))


def _replace_children(manager, model, fields, rows: list) -> list:
    """New children for a list, keeping the ids of the rows in the same place
    (HSDS ids survive as long as a row stays where it was)."""
    existing = list(manager.all())
    items = []
    for index, row in enumerate(rows):
        item = _built(model, fields, row)
        if index < len(existing):
            item.pk = existing[index].pk
        items.append(item)
    return items


def apply_to_service(service: Service, changes: dict) -> None:
    """Set the service's own fields and child lists in `changes` on `service` (in
    memory: the caller saves a revision and publishes it)."""
    for key, value in changes.items():
        if key in SERVICE_FIELDS:
            setattr(service, key, load(Service._meta.get_field(key), value))
        elif key in CHILD_LISTS:
            model, fields = CHILD_LISTS[key]
            items = _replace_children(getattr(service, key), model, fields, value)
            for item in items:
                _checked(item, exclude=["service"])
            setattr(service, key, items)
    _checked(service)


def apply_to_locations(service: Service, changes: dict) -> list[Location]:
    """Set the address and accessibility parts in `changes` on the service's
    locations; returns the locations changed (unsaved)."""
    changed = {}
    for location in locations_of(service):
        address = changes.get(location_key(location))
        accessibility = changes.get(accessibility_key(location))
        if address is None and accessibility is None:
            continue
        if address is not None:
            _apply_location_fields(location, address)
        if accessibility is not None:
            items = _replace_children(
                location.accessibility,
                Accessibility,
                ACCESSIBILITY_FIELDS,
                _rows(accessibility),
            )
            for item in items:
                _checked(item, exclude=["location"])
            location.accessibility = items
        _checked(location)
        changed[location.pk] = location
    return list(changed.values())


@dataclass(frozen=True)
class Difference:
    """One part of a proposal as the reviewer sees it: its name, the lines now
    published and the lines proposed (those that differ marked)."""

    key: str
    label: str
    current: list[tuple[str, bool]]
    proposed: list[tuple[str, bool]]
    changed_since: bool
    decision: str


def _display(field: models.Field, value) -> str:
    python = load(field, value)
    if python is None or python == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(python, python))
    if isinstance(python, bool):
        return _("ja") if python else _("nee")
    if isinstance(python, datetime.time):
        return python.strftime("%H:%M")
    if isinstance(python, datetime.date):
        return formats.date_format(python, "j F Y")
    if isinstance(python, decimal.Decimal):
        return f"€ {formats.number_format(python, 2)}"
    return str(python)


def _schedule_line(row: dict) -> str:
    days = [DAY_NAMES.get(day, day) for day in (row.get("byday") or "").split(",")]
    days = [str(day) for day in days if day]
    field = Schedule._meta.get_field
    if days:
        when = ", ".join(days)
    else:
        start = _display(field("valid_from"), row.get("valid_from"))
        end = row.get("valid_to")
        when = start if not end else f"{start} – {_display(field('valid_to'), end)}"
    if row.get("opens_at") and row.get("closes_at"):
        hours = (
            f"{_display(field('opens_at'), row['opens_at'])}–"
            f"{_display(field('closes_at'), row['closes_at'])}"
        )
    else:
        hours = _("gesloten")
    line = f"{when}: {hours}"
    if days and (row.get("valid_from") or row.get("valid_to")):
        line += (
            " ("
            + _("van %(start)s tot en met %(end)s")
            % {
                "start": _display(field("valid_from"), row.get("valid_from")),
                "end": _display(field("valid_to"), row.get("valid_to")),
            }
            + ")"
        )
    if row.get("description"):
        line += f" – {row['description']}"
    return line


def _row_line(model, fields, row: dict) -> str:
    return " · ".join(
        _display(model._meta.get_field(name), row.get(name))
        for name in fields
        if row.get(name) not in (None, "")
    )


def describe(key: str, value) -> list[str]:
    """The lines that show a part's value to a reader."""
    if value is None:
        return []
    if key in SERVICE_FIELDS:
        return [_display(Service._meta.get_field(key), value)]
    if key == "schedules":
        return [_schedule_line(row) for row in value] or ["—"]
    if key in CHILD_LISTS:
        model, fields = CHILD_LISTS[key]
        return [_row_line(model, fields, row) for row in value] or ["—"]
    if key.startswith(LOCATION_PREFIX):
        return [
            f"{Location._meta.get_field(name).verbose_name}: "
            f"{_display(Location._meta.get_field(name), value.get(name))}"
            for name in LOCATION_FIELDS_SHOWN
        ]
    if key.startswith(ACCESSIBILITY_PREFIX):
        return [
            _row_line(Accessibility, ACCESSIBILITY_FIELDS, row) for row in value
        ] or ["—"]
    return [str(value)]


def label_of(key: str, locations: dict[str, Location]) -> str:
    """The name of a part for the reviewer."""
    if key in SERVICE_FIELDS:
        return str(Service._meta.get_field(key).verbose_name).capitalize()
    if key in LIST_LABELS:
        return str(LIST_LABELS[key])
    for prefix, text in (
        (LOCATION_PREFIX, _("Adres: %(name)s")),
        (ACCESSIBILITY_PREFIX, _("Toegankelijkheid: %(name)s")),
    ):
        if key.startswith(prefix):
            location = locations.get(key.removeprefix(prefix))
            return text % {"name": location.name if location else "?"}
    return key


def differences(service: Service, proposal) -> list[Difference]:
    """The proposal's parts side by side with what is published now, in the order
    of the service page."""
    now = current_values(service)
    locations = {str(location.pk): location for location in locations_of(service)}
    order = list(now)
    keys = sorted(
        proposal.changes, key=lambda k: order.index(k) if k in order else len(order)
    )
    result = []
    for key in keys:
        current = describe(key, now.get(key))
        proposed = describe(key, proposal.changes[key])
        result.append(
            Difference(
                key=key,
                label=label_of(key, locations),
                current=[(line, line not in proposed) for line in current],
                proposed=[(line, line not in current) for line in proposed],
                changed_since=key in proposal.original
                and now.get(key) != proposal.original[key],
                decision=proposal.decisions.get(key, ""),
            )
        )
    return result
