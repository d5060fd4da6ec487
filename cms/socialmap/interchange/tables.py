"""The HSDS 3.0 tables the social map reads and writes, as the table schemas name
and shape them (`organizations.csv`, `services.csv`, `service_at_location.csv`, ...),
and the Frictionless `datapackage.json` that describes them. What goes in the cells,
and how rows become nested HSDS dicts, is `tabular`'s part."""

from dataclasses import dataclass, field

from cms.socialmap import hsds

DATAPACKAGE = "datapackage.json"
NUMBER_COLUMNS = {"latitude", "longitude", "minimum_age", "maximum_age", "amount"}
TYPES = {
    "valid_from": {"type": "date"},
    "valid_to": {"type": "date"},
    "assured_date": {"type": "date"},
    "opens_at": {"type": "time", "format": "%H:%M"},
    "closes_at": {"type": "time", "format": "%H:%M"},
    "last_modified": {"type": "datetime", "format": "any"},
}


@dataclass(frozen=True)
class Table:
    """One HSDS table as the social map writes it: the HSDS schema `name`, the file
    (`path`), the columns written, the columns a file must have to be read, and the
    foreign keys the export guarantees (declared in `datapackage.json`)."""

    name: str
    path: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ("id",)
    references: dict[str, str] = field(default_factory=dict)


def _service_child(name: str, path: str, *columns: str, required=()) -> Table:
    return Table(
        name,
        path,
        ("id", "service_id", *columns),
        ("id", "service_id", *required),
        {"service_id": "service"},
    )


# In the order of the HSDS datapackage.
TABLES = (
    Table(
        "organization",
        "organizations.csv",
        ("id", "name", "alternate_name", "description", "email", "website"),
        ("id", "name"),
    ),
    Table(
        "service",
        "services.csv",
        (
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
            "last_modified",
        ),
        ("id", "organization_id", "name"),
        {"organization_id": "organization"},
    ),
    Table(
        "attribute",
        "attributes.csv",
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
        ("id", "link_id"),
        {"taxonomy_term_id": "taxonomy_term"},
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        ("id", "service_id", "location_id", "description"),
        ("id", "service_id", "location_id"),
        {"service_id": "service", "location_id": "location"},
    ),
    Table(
        "location",
        "locations.csv",
        (
            "id",
            "location_type",
            "organization_id",
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
        ),
    ),
    _service_child(
        "phone", "phones.csv", "number", "type", "description", required=("number",)
    ),
    _service_child("contact", "contacts.csv", "name", "title", "department", "email"),
    Table(
        "address",
        "addresses.csv",
        (
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        ("id", "location_id"),
        {"location_id": "location"},
    ),
    _service_child(
        "schedule",
        "schedules.csv",
        "valid_from",
        "valid_to",
        "wkst",
        "freq",
        "byday",
        "description",
        "opens_at",
        "closes_at",
    ),
    _service_child("language", "languages.csv", "name", "code", "note"),
    Table(
        "accessibility",
        "accessibility.csv",
        ("id", "location_id", "description", "details", "url"),
        ("id", "location_id"),
        {"location_id": "location"},
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        ("id", "code", "name", "description", "taxonomy", "language", "taxonomy_id"),
        ("id", "name"),
        {"taxonomy_id": "taxonomy"},
    ),
    _service_child(
        "cost_option",
        "cost_options.csv",
        "valid_from",
        "valid_to",
        "option",
        "currency",
        "amount",
        "amount_description",
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        ("id", "name", "description", "version"),
        ("id", "name"),
    ),
)
TABLE = {table.name: table for table in TABLES}
# Other spellings met in the wild, accepted on reading.
ALIASES = {"service_at_location": ("service_at_locations.csv",)}


def is_id_column(column: str) -> bool:
    """HSDS names its uuid columns `id` and `<table>_id`."""
    return column == "id" or column.endswith("_id")


def _field(column: str) -> dict:
    if is_id_column(column):
        return {"name": column, "type": "string", "format": "uuid"}
    if column in NUMBER_COLUMNS:
        return {"name": column, "type": "number"}
    return {"name": column, "type": "string", **TYPES.get(column, {})}


def datapackage() -> dict:
    """The Frictionless data package descriptor HSDS uses for its tabular form."""
    return {
        "profile": "tabular-data-package",
        "name": "sociale-kaart",
        "title": "Sociale kaart (Open Referral HSDS 3.0)",
        "hsds_version": hsds.HSDS_VERSION,
        "resources": [
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_field(column) for column in table.columns],
                    "missingValues": [""],
                    "primaryKey": "id",
                    "foreignKeys": [
                        {
                            "fields": column,
                            "reference": {"resource": target, "fields": "id"},
                        }
                        for column, target in table.references.items()
                    ],
                },
            }
            for table in TABLES
        ],
    }
