"""socialmap_export and socialmap_import: a valid HSDS file that re-imports to the
same data; importing twice changes nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cms.socialmap.hsds import OPEN_ON_HOLIDAYS
from cms.socialmap.models import Location, Organization, Service
from tests.socialmap.test_api import assert_valid

pytestmark = pytest.mark.django_db


def export(tmp_path, name="export.json") -> dict:
    path = tmp_path / name
    call_command("socialmap_export", str(path), stderr=io.StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def without_volatile(data):
    if isinstance(data, dict):
        return {
            key: without_volatile(value)
            for key, value in data.items()
            if key != "last_modified"
        }
    if isinstance(data, list):
        return [without_volatile(item) for item in data]
    return data


def test_the_export_validates(social_map_module, tmp_path, hsds_schema):
    data = export(tmp_path)
    schema = hsds_schema("organization")
    assert len(data["organizations"]) >= 20
    for organization in data["organizations"]:
        assert_valid(schema, organization)


def test_every_attribute_names_a_term_the_export_carries(social_map_module, tmp_path):
    data = export(tmp_path)
    taxonomies = {item["id"] for item in data["taxonomies"]}
    terms = {item["id"]: item for item in data["taxonomy_terms"]}
    attributes = [
        attribute
        for organization in data["organizations"]
        for service in organization["services"]
        for attribute in service["attributes"]
    ]
    assert OPEN_ON_HOLIDAYS in {item["link_type"] for item in attributes}
    for attribute in attributes:
        assert terms[attribute["taxonomy_term_id"]] == attribute["taxonomy_term"]
        assert attribute["taxonomy_term"]["taxonomy_id"] in taxonomies


def test_an_export_re_imports_to_the_same_data(social_map_module, tmp_path):
    first = export(tmp_path, "first.json")
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    output = io.StringIO()
    call_command("socialmap_import", str(tmp_path / "first.json"), stdout=output)
    assert "diensten: " in output.getvalue()
    second = export(tmp_path, "second.json")
    assert without_volatile(second) == without_volatile(first)


def test_importing_twice_changes_nothing(social_map_module, tmp_path):
    export(tmp_path)
    output = io.StringIO()
    call_command("socialmap_import", str(tmp_path / "export.json"), stdout=output)
    lines = output.getvalue().splitlines()
    assert len(lines) == 3  # organisations, locations, services
    assert all("0 nieuw, 0 bijgewerkt" in line for line in lines)


def test_an_import_updates_by_id(social_map_module, tmp_path):
    data = export(tmp_path)
    service = data["organizations"][0]["services"][0]
    service["name"] = "Nieuwe naam"
    service["languages"] = service["languages"][:1]
    (tmp_path / "changed.json").write_text(json.dumps(data), encoding="utf-8")
    output = io.StringIO()
    call_command("socialmap_import", str(tmp_path / "changed.json"), stdout=output)
    assert "diensten: 0 nieuw, 1 bijgewerkt" in output.getvalue()
    updated = Service.objects.get(pk=service["id"])
    assert updated.name == "Nieuwe naam"
    assert updated.languages.count() == 1
    assert updated.revisions.count() == 2  # every change is kept


def test_a_broken_file_is_refused(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("socialmap_import", str(path))
    path.write_text(json.dumps({"services": [{"id": "nope", "name": "x"}]}))
    with pytest.raises(CommandError):
        call_command("socialmap_import", str(path))
