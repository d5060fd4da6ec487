from pathlib import Path

import pytest
from django.conf import settings

from cms.site import ensure_home_page

SEEDS_DIR = Path(settings.SHARED_DIR) / "seeds" / "structured"


@pytest.fixture
def home(db):
    return ensure_home_page()


@pytest.fixture
def seeds_dir() -> Path:
    """The seed import files, read from ../shared at run time (never copied here)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    return SEEDS_DIR
