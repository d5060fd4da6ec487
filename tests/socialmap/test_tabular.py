"""socialmap_export and socialmap_import in the HSDS tabular format: one CSV file per
HSDS table with a datapackage.json, in a directory or a zip file. Every row validates
against its HSDS table schema, the tables re-import to the same data, and a broken
file is refused with its file and line, leaving nothing half-imported."""

import csv
import io
import json
import uuid
import zipfile

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from cms.socialmap.models import Location, Organization, Service
from tests.socialmap.conftest import HSDS_DIR
from tests.socialmap.test_import_export import export, without_volatile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def table_schemas():
    """The HSDS 3.0 table schemas (schema/*.json) by their CSV file name, with a
    registry for their references, read from ../shared at run time."""
    directory = HSDS_DIR / "schema"
    if not directory.is_dir():
        pytest.skip(f"HSDS schemas not found at {directory}")
    schemas = {
        path.name: json.loads(path.read_text())
        for path in directory.glob("*.json")
        if path.name != "openapi.json"
    }
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )
    return {schema["path"]: schema for schema in schemas.values()}, registry


def export_csv(tmp_path, name="map") -> dict[str, list[dict]]:
    """Export to `tmp_path/name` (a directory, or a zip file) and read every table."""
    path = tmp_path / name
    call_command("socialmap_export", str(path), stderr=io.StringIO())
    if name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            files = {item: archive.read(item).decode() for item in archive.namelist()}
    else:
        files = {item.name: item.read_text(encoding="utf-8") for item in path.iterdir()}
    return {
        name: list(csv.DictReader(io.StringIO(text, newline="")))
        for name, text in files.items()
        if name.endswith(".csv")
    } | {"datapackage.json": json.loads(files["datapackage.json"])}


def import_(path, **options) -> str:
    output = io.StringIO()
    call_command("socialmap_import", str(path), stdout=output, **options)
    return output.getvalue()


def empty_the_map() -> None:
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()


def coerce(row: dict, schema: dict) -> dict:
    """A CSV row as the JSON object its table schema describes: empty cells are
    missing values, numbers are numbers."""
    data = {}
    for name, text in row.items():
        if text == "":
            continue
        kind = schema["properties"][name].get("type")
        data[name] = float(text) if kind == "number" else text
    return data


def test_the_package_lists_the_hsds_tables(social_map_module, tmp_path):
    tables = export_csv(tmp_path)
    package = tables.pop("datapackage.json")
    assert {
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "service_at_location.csv",
        "phones.csv",
        "contacts.csv",
        "schedules.csv",
        "languages.csv",
        "accessibility.csv",
        "cost_options.csv",
        "taxonomies.csv",
        "taxonomy_terms.csv",
        "attributes.csv",
    } == set(tables)
    resources = {item["path"]: item for item in package["resources"]}
    assert set(resources) == set(tables)
    for path, rows in tables.items():
        header = list(rows[0]) if rows else []
        fields = [field["name"] for field in resources[path]["schema"]["fields"]]
        assert not rows or header == fields, path
    assert len(tables["services.csv"]) >= 40
    assert len(tables["organizations.csv"]) >= 20


def test_every_row_validates_against_its_table_schema(
    social_map_module, tmp_path, table_schemas
):
    schemas, registry = table_schemas
    tables = export_csv(tmp_path)
    tables.pop("datapackage.json")
    for path, rows in tables.items():
        schema = schemas[path]  # the file is named as the HSDS schema says
        assert rows, path
        assert set(schema.get("tabular_required", [])) <= set(rows[0]), path
        validator = Draft202012Validator(
            schema, registry=registry, format_checker=FormatChecker()
        )
        for line, row in enumerate(rows, start=2):
            assert set(row) <= set(schema["properties"]), path
            data = coerce(row, schema)
            assert set(schema.get("tabular_required", [])) <= set(data), (path, line)
            errors = [error.message for error in validator.iter_errors(data)]
            assert not errors, (path, line, errors[:3])


def test_the_tables_and_the_json_give_attributes_the_same_terms(
    social_map_module, tmp_path
):
    data = export(tmp_path, "map.json")
    tables = export_csv(tmp_path)
    in_json = {
        attribute["id"]: attribute["taxonomy_term_id"]
        for organization in data["organizations"]
        for service in organization["services"]
        for attribute in service["attributes"]
    }
    in_csv = {row["id"]: row["taxonomy_term_id"] for row in tables["attributes.csv"]}
    assert in_csv == in_json
    assert {row["id"] for row in tables["taxonomy_terms.csv"]} == {
        item["id"] for item in data["taxonomy_terms"]
    }


@pytest.mark.parametrize("name", ["map", "map.zip"])
def test_the_tables_re_import_to_the_same_data(social_map_module, tmp_path, name):
    before = export(tmp_path, "before.json")
    export_csv(tmp_path, name)
    empty_the_map()
    output = import_(tmp_path / name)
    assert f"diensten: {Service.objects.count()} nieuw" in output
    after = export(tmp_path, "after.json")
    assert without_volatile(after) == without_volatile(before)


def test_the_tables_guard_formulas_and_read_them_back(social_map_module, tmp_path):
    service = Service.objects.filter(phones__isnull=False).first()
    service.name = '=HYPERLINK("http://evil.example","klik")'
    service.description = "@SUM(1+1)"
    service.save()
    phone = service.phones.first()
    phone.number = "+32 9 000 10 10"
    phone.save()
    before = export(tmp_path, "before.json")
    tables = export_csv(tmp_path, "map")
    row = next(row for row in tables["services.csv"] if row["id"] == str(service.id))
    assert row["name"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert row["description"] == "'@SUM(1+1)"
    assert any(row["number"] == "'+32 9 000 10 10" for row in tables["phones.csv"])
    assert not any(
        cell.startswith(("=", "+", "@", "\t", "\r"))
        for rows in tables.values()
        if isinstance(rows, list)
        for row in rows
        for cell in row.values()
    )
    empty_the_map()
    import_(tmp_path / "map")
    assert without_volatile(export(tmp_path, "after.json")) == without_volatile(before)


def test_importing_the_tables_twice_changes_nothing(social_map_module, tmp_path):
    export_csv(tmp_path, "map.zip")
    lines = import_(tmp_path / "map.zip").splitlines()
    assert len(lines) == 3  # organisations, locations, services
    assert all("0 nieuw, 0 bijgewerkt" in line for line in lines)


def test_the_format_can_be_chosen(social_map_module, tmp_path):
    call_command(
        "socialmap_export",
        str(tmp_path / "map.txt"),
        format="json",
        stderr=io.StringIO(),
    )
    assert json.loads((tmp_path / "map.txt").read_text())["organizations"]
    with pytest.raises(CommandError, match="--format"):
        call_command("socialmap_export", str(tmp_path / "map.txt"))


def rewrite(path, change) -> None:
    """Apply `change(header, rows)` to one CSV file of an exported package."""
    with path.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    header, rows = change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])


def set_cell(column: str, value: str, row: int = 0):
    def change(header, rows):
        rows[row][header.index(column)] = value
        return header, rows

    return change


def drop_column(column: str):
    def change(header, rows):
        index = header.index(column)
        return (
            [name for i, name in enumerate(header) if i != index],
            [[cell for i, cell in enumerate(row) if i != index] for row in rows],
        )

    return change


BROKEN = {
    "unknown service": (
        "phones.csv",
        set_cell("service_id", str(uuid.uuid4())),
        ["phones.csv, regel 2", "service_id", "dienst"],
    ),
    "bad time": (
        "schedules.csv",
        set_cell("opens_at", "25:00", row=-1),
        ["schedules.csv, regel", "opens_at", "'25:00'", "UU:MM"],
    ),
    "missing column": (
        "services.csv",
        drop_column("organization_id"),
        ["services.csv, regel 1", "organization_id", "ontbreekt"],
    ),
    "bad id": (
        "languages.csv",
        set_cell("id", "taal-1"),
        ["languages.csv, regel 2", "id", "'taal-1'"],
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_table_is_refused_and_nothing_is_written(
    social_map_module, tmp_path, case
):
    file, change, fragments = BROKEN[case]
    export_csv(tmp_path)
    rewrite(tmp_path / "map" / file, change)
    empty_the_map()
    with pytest.raises(CommandError) as raised:
        import_(tmp_path / "map")
    for fragment in fragments:
        assert fragment in str(raised.value)
    assert not Organization.objects.exists()
    assert not Location.objects.exists()
    assert not Service.objects.exists()


def test_a_broken_row_leaves_the_stored_map_as_it_was(social_map_module, tmp_path):
    export_csv(tmp_path)
    services = tmp_path / "map" / "services.csv"
    rewrite(services, set_cell("name", "Nieuwe naam"))
    first = next(csv.DictReader(services.open(encoding="utf-8", newline="")))
    rewrite(tmp_path / "map" / "schedules.csv", set_cell("byday", "MA,DI", row=-1))
    revisions = Service.objects.get(pk=first["id"]).revisions.count()
    with pytest.raises(CommandError, match=r"schedules\.csv, regel .*byday"):
        import_(tmp_path / "map")
    service = Service.objects.get(pk=first["id"])
    assert service.name != "Nieuwe naam"
    assert service.revisions.count() == revisions
