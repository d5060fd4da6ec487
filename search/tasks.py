"""Background indexing through django-tasks: a request never waits on the engine.

When the engine fails, a task schedules itself again with a growing delay (on task
backends that can defer, such as the database backend and `db_worker`); after the
last attempt `manage.py search_check --repair` catches up.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from search import services

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def retry_delay(attempt: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, ... up to an hour."""
    return timedelta(seconds=min(30 * 2 ** (attempt - 1), 3600))


def _retry(task_object, attempt: int, error: Exception, **kwargs) -> None:
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Search indexing gave up after %s attempts (%s); run search_check.",
            attempt,
            error,
        )
        return
    backend = task_object.get_backend()
    if not backend.supports_defer:
        logger.warning(
            "Search indexing failed (%s); this task backend cannot retry later, "
            "run search_check --repair.",
            error,
        )
        return
    try:
        task_object.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            attempt=attempt + 1, **kwargs
        )
    except Exception:
        logger.exception("Could not schedule a retry of search indexing.")


def _update(model_label: str, pk, descendants: bool, attempt: int, seen=None) -> None:
    try:
        with transaction.atomic():
            services.index_update(
                model_label=model_label, pk=pk, descendants=descendants, seen=seen
            )
    except Exception as error:
        logger.warning("Indexing %s:%s failed: %s", model_label, pk, error)
        _retry(
            update_index,
            attempt,
            error,
            model_label=model_label,
            pk=pk,
            descendants=descendants,
        )


@task()
def update_index(
    model_label: str, pk: int, descendants: bool = False, attempt: int = 1
):
    """Reindex one object (and its dependents), or remove it when it is gone."""
    _update(model_label, pk, descendants, attempt)


@task()
def update_index_many(items: list[list]):
    """Reindex many objects (a bulk import's batch: `[model_label, pk,
    descendants]` each), each once even when it is also another's dependent; one
    that fails is retried on its own."""
    seen: set[str] = set()
    for model_label, pk, descendants in items:
        _update(model_label, pk, descendants, 1, seen)


@task()
def remove_from_index(keys: list[str], attempt: int = 1):
    """Remove documents (an object's key also removes its parts)."""
    try:
        with transaction.atomic():
            services.index_remove(keys=keys)
    except Exception as error:
        logger.warning("Removing %s from the index failed: %s", keys, error)
        _retry(remove_from_index, attempt, error, keys=keys)
