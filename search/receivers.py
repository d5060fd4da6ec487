"""Signal receivers that keep the index in step: they only enqueue a task, and never
let a failure reach the save that sent the signal.

Every model with a registered adapter is heard: pages when published, unpublished
or moved; other models on save, delete and changes of their many-to-many
relations; models with drafts (Wagtail's `DraftStateMixin`) also when published
or unpublished, since their children and terms are committed after their own row.
"""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from search.bulk import current_batch
from search.documents import object_key
from search.registry import registered_models
from search.tasks import remove_from_index, update_index

logger = logging.getLogger(__name__)

# Saves of only these fields are Wagtail's bookkeeping (a new draft revision, a
# lock); nothing a document shows changes.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _enqueue(task_object, **kwargs) -> None:
    """Queue the task, or, inside `search.bulk.deferred_indexing()`, note the
    object for the batch's one task."""
    batch = current_batch()
    if batch is not None:
        if "keys" in kwargs:
            batch.removed_keys.extend(kwargs["keys"])
        else:
            key = (kwargs["model_label"], kwargs["pk"])
            batch.ours[key] = batch.ours.get(key, False) or kwargs.get(
                "descendants", False
            )
        return
    try:
        task_object.enqueue(**kwargs)
    except Exception:
        logger.exception("Could not queue search indexing (%s)", kwargs)


def _label(instance) -> str:
    if isinstance(instance, Page):
        return instance.specific_class._meta.label_lower
    return instance._meta.label_lower


def enqueue_update(instance, *, descendants: bool = False) -> None:
    """Queue the reindexing of one object (its primary key as text, so a UUID
    travels as JSON too)."""
    _enqueue(
        update_index,
        model_label=_label(instance),
        pk=str(instance.pk),
        descendants=descendants,
    )


def page_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: reindex the page (and, when moved, the pages
    under it, whose URLs changed)."""
    enqueue_update(instance, descendants="parent_page_after" in kwargs)


def object_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    enqueue_update(instance)


def object_published(sender, instance, **kwargs):
    enqueue_update(instance)


def relations_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        object_saved(sender, instance)


def object_deleted(sender, instance, **kwargs):
    _enqueue(remove_from_index, keys=[object_key(instance)])


def connect() -> None:
    """Connect the receivers for every registered model (called once, in ready())."""
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="search_page_moved")
    for model in registered_models():
        uid = f"search_{model._meta.label_lower}"
        post_delete.connect(object_deleted, sender=model, dispatch_uid=f"{uid}_delete")
        if issubclass(model, Page):
            continue  # pages are indexed when published, not on every draft save
        post_save.connect(object_saved, sender=model, dispatch_uid=f"{uid}_save")
        if issubclass(model, DraftStateMixin):
            published.connect(object_published, sender=model, dispatch_uid=f"{uid}_pub")
            unpublished.connect(
                object_published, sender=model, dispatch_uid=f"{uid}_unpub"
            )
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            m2m_changed.connect(
                relations_changed, sender=through, dispatch_uid=f"{uid}_{field.name}"
            )
