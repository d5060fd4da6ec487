import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from cms.site import ensure_home_page

SEEDS_DIR = Path(settings.SHARED_DIR) / "seeds" / "structured"


@pytest.fixture(autouse=True, scope="session")
def temporary_media_root(tmp_path_factory):
    """Uploaded and generated files (demo files, renditions) go to a temporary folder
    per test run, not to var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def home(db):
    return ensure_home_page()


@pytest.fixture
def seeds_dir() -> Path:
    """The seed import files, read from ../shared at run time (never copied here)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    return SEEDS_DIR


@contextmanager
def demo_loaded(django_db_blocker) -> Iterator[None]:
    """The demo town, loaded once for a wider-scoped fixture (it takes seconds) and
    rolled back afterwards; each test inside still runs in its own transaction."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        patch.delenv("IMPORT_DIR", raising=False)
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)
        cache.clear()  # Wagtail caches the site's root paths
