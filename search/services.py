"""Keeping the index in step with the database.

The receivers (`search.receivers`) only enqueue tasks (`search.tasks`); the tasks
call these functions, and so do the management commands.
"""

import logging
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import models

from search.backends.base import CheckReport
from search.conf import get_backend
from search.documents import object_key
from search.registry import adapter_for, all_documents, count_objects, documents_for

logger = logging.getLogger(__name__)


def _with_dependents(obj, seen: set[str]) -> Iterable[models.Model]:
    key = object_key(obj)
    if key in seen:
        return
    seen.add(key)
    yield obj
    adapter = adapter_for(obj)
    if adapter is not None:
        for dependent in adapter.dependents(obj):
            yield from _with_dependents(dependent, seen)


def index_object(obj, *, seen: set[str] | None = None) -> None:
    """Bring one object's documents (and those derived from it) up to date: write
    them when it may be found, remove them when it may not. Objects whose keys are
    in `seen` were brought up to date already (earlier in the same batch)."""
    backend = get_backend()
    for item in _with_dependents(obj, set() if seen is None else seen):
        backend.replace(object_key(item), documents_for(item))


def index_update(
    *, model_label: str, pk, descendants: bool = False, seen: set[str] | None = None
) -> None:
    """Reindex the object `model_label`:`pk`, or remove its documents when it is
    gone. For a page, `descendants` also reindexes the pages under it (a move
    changes their URLs). A batch passes one `seen` set to all its calls, so that an
    object and a dependent of another are indexed once."""
    seen = set() if seen is None else seen
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        index_remove(keys=[f"{model._meta.label_lower}:{pk}"])
        return
    if hasattr(obj, "specific"):
        obj = obj.specific
    index_object(obj, seen=seen)
    if descendants and hasattr(obj, "get_descendants"):
        for page in obj.get_descendants().specific().iterator(chunk_size=100):
            index_object(page, seen=seen)


def index_remove(*, keys: list[str]) -> None:
    """Remove documents by key (an object's key removes its parts too)."""
    get_backend().delete(keys)


def index_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the database; returns the documents indexed."""
    backend = get_backend()
    backend.setup()
    return backend.rebuild(all_documents(), progress=progress)


def index_check(*, repair: bool = False) -> CheckReport:
    """Compare the index with the database; with `repair`, write what is missing or
    outdated and remove what is stale. Returns what was found before repairing."""
    backend = get_backend()
    expected = {document.key: document for document in all_documents()}
    report = backend.check(expected.values())
    if repair and not report.is_clean:
        if report.stale:
            backend.delete(report.stale)
        backend.index(expected[key] for key in [*report.missing, *report.outdated])
    return report


def objects_to_index() -> int:
    return count_objects()
