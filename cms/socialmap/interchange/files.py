"""Which HSDS format a path means, and reading and writing it: JSON (one file, or
standard input/output as `-`) or the CSV tables (a directory or a zip file)."""

import json
import sys
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError

from cms.socialmap.interchange import tabular


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"


def format_for(path: str, given: str | None = None) -> Format:
    """The format asked for, else the one the path names: `-` or `*.json` is JSON;
    `*.zip`, an existing directory or a path without a suffix is CSV."""
    if given:
        return Format(given)
    target = Path(path)
    suffix = target.suffix.lower()
    if path == "-" or suffix == ".json":
        return Format.JSON
    if suffix == ".zip" or target.is_dir() or not suffix:
        return Format.CSV
    raise ValidationError(
        f"{path}: kies een .json-bestand, een .zip-bestand of een map, "
        "of geef --format json|csv."
    )


def read(path: str, format: Format) -> dict:
    """HSDS data as the nested dicts `socialmap_import` takes. A JSON list is a
    list of full services."""
    if format == Format.CSV:
        return tabular.read_tables(Path(path))
    try:
        if path == "-":
            data = json.load(sys.stdin)
        else:
            with open(path, encoding="utf-8-sig") as stream:
                data = json.load(stream)
    except json.JSONDecodeError as error:
        raise ValidationError(f"{path} is geen geldige JSON: {error}.") from None
    return {"services": data} if isinstance(data, list) else data


def write(data: dict, path: str, format: Format, *, stdout=None) -> None:
    """Write HSDS data (as `socialmap_export` returns it) in the given format."""
    if format == Format.CSV:
        tabular.write_tables(data, Path(path))
        return
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if path == "-":
        (stdout or sys.stdout).write(text)
        return
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
