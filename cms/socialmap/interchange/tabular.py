"""HSDS 3.0 tabular format: one CSV file per HSDS table (the tables and their
`datapackage.json` are defined in `tables`), in a directory or a zip file.

The tables are flattened from the same nested dicts the JSON export produces, and
read back by re-nesting the rows into the dicts the one importer takes, so the two
formats cannot drift apart.

Encoding: UTF-8 (a byte-order mark is accepted on reading), comma-separated, a
header row, RFC 4180 quoting. An empty cell is a missing value (HSDS has no nulls).
Numbers are written as JSON would (`51.0002`, `0`, `12.5`); dates `YYYY-MM-DD`, times
`HH:MM` (local time, Europe/Brussels), `byday` as RFC 5545 (`MO,TU`). Lists are not
cells: they are the child tables, linked by `organization_id`, `service_id`,
`location_id`, or `link_id` with `link_type` for attributes. None of the tables the
social map uses has a boolean column; the attribute `value` is text (`true`).
A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
carriage return at the start; a phone number `+32 ...` too) is written with a leading
quote (`'+32 ...`), and reading drops that quote again (`portal.spreadsheets`); plain
numbers are never quoted.
"""

import csv
import io
import json
import re
import uuid
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError

from cms.socialmap import hsds
from cms.socialmap.interchange.tables import (
    ALIASES,
    DATAPACKAGE,
    NUMBER_COLUMNS,
    TABLE,
    TABLES,
    Table,
    datapackage,
    is_id_column,
)
from portal.spreadsheets import guarded_writer, unguard_cell

INTEGER = re.compile(r"-?\d+")
# Child tables of a service: HSDS table -> list in the nested service.
SERVICE_CHILDREN = {
    "phone": "phones",
    "contact": "contacts",
    "schedule": "schedules",
    "language": "languages",
    "cost_option": "cost_options",
}


class Row(dict):
    """A CSV row as an HSDS dict that remembers where it was read, so the importer
    can name the file and line of a bad value."""

    def __init__(self, *args, source: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source


# Writing


def tables_from(data: dict) -> dict[str, list[dict]]:
    """Flatten nested HSDS dicts (an export) into rows per table; a row that occurs
    more than once (a location used by several services) is written once."""
    rows: dict[str, dict[str, dict]] = {table.name: {} for table in TABLES}

    def add(name: str, item: dict, **links) -> None:
        item = {**item, **links}
        row = {column: item.get(column) for column in TABLE[name].columns}
        rows[name].setdefault(str(item["id"]), row)

    def add_location(item: dict) -> None:
        add("location", item)
        for address in item.get("addresses") or []:
            add("address", address, location_id=item["id"])
        for arrangement in item.get("accessibility") or []:
            add("accessibility", arrangement, location_id=item["id"])

    for item in data.get("taxonomies") or []:
        add("taxonomy", item)
    for item in data.get("taxonomy_terms") or []:
        add("taxonomy_term", item)
    for organization in data.get("organizations") or []:
        add("organization", organization)
        for location in organization.get("locations") or []:
            add_location(location)
        for service in organization.get("services") or []:
            add("service", service, organization_id=organization["id"])
            for name, key in SERVICE_CHILDREN.items():
                for child in service.get(key) or []:
                    add(name, child, service_id=service["id"])
            for link in service.get("service_at_locations") or []:
                add("service_at_location", link, service_id=service["id"])
                if link.get("location"):
                    add_location(link["location"])
            for attribute in service.get("attributes") or []:
                add("attribute", attribute, link_id=service["id"])
                term = attribute.get("taxonomy_term")
                if term:
                    add("taxonomy_term", term)
                    if term.get("taxonomy_detail"):
                        add("taxonomy", term["taxonomy_detail"])
    return {name: list(by_id.values()) for name, by_id in rows.items()}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_text(table: Table, rows: list[dict]) -> str:
    stream = io.StringIO(newline="")
    writer = guarded_writer(stream)
    writer.writerow(table.columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in table.columns])
    return stream.getvalue()


def write_tables(data: dict, path: Path) -> dict[str, int]:
    """Write the CSV tables and `datapackage.json` into the directory `path`
    (created when needed), or into a zip file when `path` ends in `.zip`. Returns the
    number of rows per file."""
    tables = tables_from(data)
    files = {
        TABLE[name].path: _csv_text(TABLE[name], rows) for name, rows in tables.items()
    }
    files[DATAPACKAGE] = json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8", newline="")
    return {TABLE[name].path: len(rows) for name, rows in tables.items()}


# Reading


def _files(path: Path) -> dict[str, bytes]:
    """The CSV files of a directory or a zip file, by file name."""
    if path.is_dir():
        return {item.name: item.read_bytes() for item in sorted(path.glob("*.csv"))}
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                Path(info.filename).name: archive.read(info)
                for info in archive.infolist()
                if info.filename.lower().endswith(".csv") and not info.is_dir()
            }
    except zipfile.BadZipFile:
        raise ValidationError(f"{path.name} is geen geldig zip-bestand.") from None


def _value(column: str, text: str, where: str):
    if is_id_column(column):
        try:
            uuid.UUID(text)
        except ValueError:
            raise ValidationError(
                f"{where}: {column} {text!r} is geen geldige id (uuid)"
            ) from None
        return text
    if column in NUMBER_COLUMNS:
        try:
            return int(text) if INTEGER.fullmatch(text) else float(text)
        except ValueError:
            raise ValidationError(f"{where}: {column} {text!r} is geen getal") from None
    return text


def _rows(table: Table, name: str, content: bytes) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{name}: het bestand is niet in UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in table.required if column not in header]
    if missing:
        raise ValidationError(
            f"{name}, regel 1: kolom {', '.join(missing)} ontbreekt "
            f"(verplicht in {name})."
        )
    rows = []
    try:
        for record in reader:
            row = Row(source=f"{name}, regel {reader.line_num}")
            if None in record:
                raise ValidationError(f"{row.source}: meer velden dan kolommen")
            for column, value in record.items():
                if value:
                    value = unguard_cell(value)
                    row[column] = _value(column, value, row.source)
            empty = [column for column in table.required if column not in row]
            if empty:
                raise ValidationError(f"{row.source}: {', '.join(empty)} is leeg")
            rows.append(row)
    except csv.Error as error:
        raise ValidationError(f"{name}, regel {reader.line_num}: {error}") from None
    return rows


def _index(rows: list[Row]) -> dict[str, Row]:
    indexed = {}
    for row in rows:
        if row["id"] in indexed:
            raise ValidationError(f"{row.source}: id {row['id']} komt twee keer voor")
        indexed[row["id"]] = row
    return indexed


def _parent(row: Row, column: str, parents: dict, what: str) -> dict:
    found = parents.get(row[column])
    if found is None:
        raise ValidationError(
            f"{row.source}: {column} {row[column]} verwijst naar {what} die niet "
            "in het bestand staat"
        )
    return found


def nest(tables: dict[str, list[Row]]) -> dict:
    """Rows per table back into nested HSDS dicts, in the shape of the JSON export:
    organisations with their services and locations, services with their children.
    A row whose parent is not in the files is refused, with its file and line."""
    organizations = _index(tables["organization"])
    services = _index(tables["service"])
    locations = _index(tables["location"])
    terms = _index(tables["taxonomy_term"])
    for organization in organizations.values():
        organization["services"] = []
        organization["locations"] = []
    for location in locations.values():
        location["addresses"] = []
        location["accessibility"] = []
    for row in tables["address"]:
        _parent(row, "location_id", locations, "een locatie")["addresses"].append(row)
    for row in tables["accessibility"]:
        parent = _parent(row, "location_id", locations, "een locatie")
        parent["accessibility"].append(row)
    for service in services.values():
        for key in (*SERVICE_CHILDREN.values(), "service_at_locations", "attributes"):
            service[key] = []
        parent = _parent(service, "organization_id", organizations, "een organisatie")
        parent["services"].append(service)
    for name, key in SERVICE_CHILDREN.items():
        for row in tables[name]:
            _parent(row, "service_id", services, "een dienst")[key].append(row)
    for row in tables["service_at_location"]:
        parent = _parent(row, "service_id", services, "een dienst")
        parent["service_at_locations"].append(row)
        if row["location_id"] in locations:
            row["location"] = locations[row["location_id"]]
    for row in tables["attribute"]:
        if row.get("link_entity", "service") != "service":
            raise ValidationError(
                f"{row.source}: enkel attributen van diensten (link_entity service) "
                "worden ondersteund"
            )
        _parent(row, "link_id", services, "een dienst")["attributes"].append(row)
        if row.get("taxonomy_term_id") in terms:
            row["taxonomy_term"] = terms[row["taxonomy_term_id"]]
    loose = []
    for location in locations.values():
        owner = organizations.get(location.get("organization_id"))
        (owner["locations"] if owner else loose).append(location)
    return {
        "hsds_version": hsds.HSDS_VERSION,
        "taxonomies": tables["taxonomy"],
        "taxonomy_terms": list(terms.values()),
        "organizations": list(organizations.values()),
        "locations": loose,
    }


def read_tables(path: Path) -> dict:
    """Read an HSDS CSV package (a directory or a zip file) as nested HSDS dicts for
    `socialmap_import`. Files of tables the social map does not hold are ignored,
    as are columns it does not know; `organizations.csv` must be there."""
    files = _files(path)
    tables = {}
    for table in TABLES:
        for name in (table.path, *ALIASES.get(table.name, ())):
            if name in files:
                tables[table.name] = _rows(table, name, files[name])
                break
        else:
            if table.name == "organization":
                raise ValidationError(f"{path.name}: organizations.csv ontbreekt.")
            tables[table.name] = []
    return nest(tables)
