"""Which search engine runs: `settings.SEARCH_BACKEND`, a dotted path to a module
whose `BACKEND` is the engine's class, the way `CACHES` and Wagtail's search
backends work.

Without the setting: Elasticsearch when `ELASTICSEARCH_URL` is set, else the
database backend.
"""

from functools import lru_cache
from importlib import import_module

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.backends.base import SearchBackend

DATABASE = "search.backends.database"
ELASTICSEARCH = "search.backends.elasticsearch"


def backend_path() -> str:
    configured = getattr(settings, "SEARCH_BACKEND", "")
    if configured:
        return configured
    return ELASTICSEARCH if getattr(settings, "ELASTICSEARCH_URL", "") else DATABASE


@lru_cache(maxsize=4)
def load_backend(path: str) -> SearchBackend:
    return import_module(path).BACKEND()


def get_backend() -> SearchBackend:
    """The configured engine (one instance per process)."""
    return load_backend(backend_path())


@receiver(setting_changed)
def _forget_backend(*, setting, **kwargs):
    if setting in {"SEARCH_BACKEND", "ELASTICSEARCH_URL", "SEARCH_ELASTICSEARCH"}:
        load_backend.cache_clear()
