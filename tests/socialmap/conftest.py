import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from cms.socialmap.demo.loader import ensure_social_map

HSDS_DIR = Path(settings.SHARED_DIR) / "hsds-3.0"


@pytest.fixture
def social_map(db):
    """The demo social map of Wilgendonk (fictional), imported through HSDS."""
    return ensure_social_map()


@pytest.fixture(scope="module")
def social_map_module(django_db_setup, django_db_blocker):
    """The demo social map, loaded once for a module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = ensure_social_map()
        yield report
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def hsds_schema():
    """A compiled HSDS 3.0 schema by name ("service", "service_list", ...), read from
    ../shared at run time."""
    directory = HSDS_DIR / "schema" / "compiled"
    if not directory.is_dir():
        pytest.skip(f"HSDS schemas not found at {directory}")
    cache = {}

    def load(name: str) -> dict:
        if name not in cache:
            cache[name] = json.loads((directory / f"{name}.json").read_text())
        return cache[name]

    return load
