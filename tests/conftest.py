from pathlib import Path

import pytest
from django.conf import settings
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
