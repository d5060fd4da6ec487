"""Bulk writes (an import of thousands of items) index in bulk: inside
`deferred_indexing()` a save queues no task; the objects saved are collected, and
`flush()` queues one task per index for all of them.

Three indexes follow every save: ours (`search.receivers`), Wagtail's own search
index (modelsearch's `post_save` handler) and Wagtail's reference index (used by the
admin's usage counts and by `PortalPage.clean`). Saved one by one, a 5,000-item
import queued tens of thousands of tasks, one per save per index.

Wagtail lets the reference index be paused (`disable_reference_index_auto_update`),
but not its search index: modelsearch's handler always queues a task, whatever
`AUTO_UPDATE` says (that setting only makes the task do nothing). So the first use
of `deferred_indexing()` puts a wrapper in place of that handler, which collects
while a batch is open in this thread and hands over to modelsearch otherwise.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.local import Local
from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from modelsearch import index as modelsearch_index
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from search.tasks import remove_from_index, update_index_many

logger = logging.getLogger(__name__)

_state = Local()
_wrap_lock = threading.Lock()
_wrapped = False


@dataclass
class IndexBatch:
    """What was saved while indexing was deferred."""

    # our index: (model_label, pk) -> reindex descendants too
    ours: dict[tuple[str, int], bool] = field(default_factory=dict)
    removed_keys: list[str] = field(default_factory=list)
    # Wagtail's indexes: (app_label, model_name, pk)
    wagtail: set[tuple[str, str, str]] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.ours) + len(self.removed_keys) + len(self.wagtail)

    def flush(self) -> int:
        """Queue one task per index for what was collected, then start afresh.
        Call it inside the transaction that made the changes: the tasks are then
        committed with them, or rolled back with them. Returns the tasks queued."""
        queued = 0
        if self.ours:
            items = [[label, pk, below] for (label, pk), below in self.ours.items()]
            update_index_many.enqueue(items=items)
            queued += 1
        if self.removed_keys:
            remove_from_index.enqueue(keys=sorted(set(self.removed_keys)))
            queued += 1
        if self.wagtail:
            wagtail_indexes_update.enqueue(items=sorted(map(list, self.wagtail)))
            queued += 1
        self.ours.clear()
        self.removed_keys.clear()
        self.wagtail.clear()
        return queued


def current_batch() -> IndexBatch | None:
    """The open batch of this thread, if indexing is deferred."""
    return getattr(_state, "batch", None)


@contextmanager
def deferred_indexing() -> Iterator[IndexBatch]:
    """Collect the saves made inside instead of queuing a task for each; the
    caller calls `flush()` on the batch (what is not flushed is not indexed:
    `search_check --repair` and Wagtail's `rebuild_references_index` catch up)."""
    _wrap_modelsearch_handler()
    if current_batch() is not None:
        # Inside another bulk write (an import within the demo's load): join its
        # batch; a flush here queues what both collected so far.
        yield current_batch()
        return
    batch = IndexBatch()
    _state.batch = batch
    try:
        with disable_reference_index_auto_update():
            yield batch
    finally:
        del _state.batch


def _collect_for_wagtail(instance) -> None:
    batch = current_batch()
    batch.wagtail.add(
        (instance._meta.app_label, instance._meta.model_name, str(instance.pk))
    )


def _search_index_on_save(sender, instance, **kwargs):
    """modelsearch's handler, deferred while a batch is open."""
    if kwargs.get("raw", False):
        return
    if current_batch() is not None:
        _collect_for_wagtail(instance)
        return
    modelsearch_handlers.post_save_signal_handler(instance, **kwargs)


def _reference_index_on_save(sender, instance, raw=False, **kwargs):
    """Wagtail skips its own handler inside the batch; note the object instead."""
    if raw or current_batch() is None:
        return
    if type(instance) in ReferenceIndex.tracked_models:  # as Wagtail connects it
        _collect_for_wagtail(instance)


def _wrap_modelsearch_handler() -> None:
    global _wrapped
    with _wrap_lock:
        if _wrapped:
            return
        for model in modelsearch_index.get_indexed_models():
            if not getattr(model, "search_auto_update", True):
                continue
            if post_save.disconnect(
                modelsearch_handlers.post_save_signal_handler, sender=model
            ):
                post_save.connect(
                    _search_index_on_save,
                    sender=model,
                    dispatch_uid=f"deferrable_search_index_{model._meta.label_lower}",
                )
        post_save.connect(
            _reference_index_on_save, dispatch_uid="deferrable_reference_index"
        )
        _wrapped = True


@task()
def wagtail_indexes_update(items: list[list[str]]) -> None:
    """Wagtail's reference index and search index for many objects, each in turn
    the way Wagtail's own per-save tasks do it; one that fails is logged and the
    rest goes on (Wagtail's `rebuild_references_index` and `update_index` repair)."""
    indexed = {
        (model._meta.app_label, model._meta.model_name)
        for model in modelsearch_index.get_indexed_models()
    }
    for app_label, model_name, pk in items:
        try:
            with transaction.atomic():
                update_reference_index_task.call(app_label, model_name, pk)
            if (app_label, model_name) in indexed:
                insert_or_update_object_task.call(app_label, model_name, pk)
        except Exception as error:
            logger.warning(
                "Wagtail's indexes for %s.%s %s failed: %s",
                app_label,
                model_name,
                pk,
                error,
            )
