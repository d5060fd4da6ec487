"""Signal receivers that keep the index in step: they only enqueue a task, and never
let a failure reach the save that sent the signal."""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.documents import object_key
from search.registry import registered_models

logger = logging.getLogger(__name__)


def _enqueue(task_object, **kwargs) -> None:
    """Queue the task, or, inside `search.bulk.deferred_indexing()`, note the
    object for the batch's one task."""
    from search.bulk import current_batch

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


def page_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: reindex the page (and, when moved, the pages
    under it, whose URLs changed)."""
    from search.tasks import update_index

    _enqueue(
        update_index,
        model_label=_label(instance),
        pk=instance.pk,
        descendants="parent_page_after" in kwargs,
    )


def object_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from search.tasks import update_index

    _enqueue(update_index, model_label=_label(instance), pk=instance.pk)


def relations_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        object_saved(sender, instance)


def object_deleted(sender, instance, **kwargs):
    from search.tasks import remove_from_index

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
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            m2m_changed.connect(
                relations_changed, sender=through, dispatch_uid=f"{uid}_{field.name}"
            )
