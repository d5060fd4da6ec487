"""Keep the search index in step with the social map: enqueue only (as
`search.receivers` does), with the UUID primary key as text so the task can be
queued as JSON. Publishing is heard too: children and taxonomy terms are committed
after the row's own save."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from cms.socialmap.models import Organization, Service
from search.documents import object_key
from search.receivers import _enqueue

INDEXED = (Service, Organization)
_paused: ContextVar[bool] = ContextVar("socialmap_indexing_paused", default=False)


@contextmanager
def paused():
    """No indexing per save inside this block (a bulk import enqueues its own)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def enqueue_update(instance) -> None:
    from search.tasks import update_index

    _enqueue(update_index, model_label=instance._meta.label_lower, pk=str(instance.pk))


def object_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A full save or a publication; a save of some fields only (a new revision,
    a lock) changes nothing that is indexed."""
    if raw or update_fields or _paused.get():
        return
    enqueue_update(instance)


def object_deleted(sender, instance, **kwargs):
    if _paused.get():
        return
    from search.tasks import remove_from_index

    _enqueue(remove_from_index, keys=[object_key(instance)])


def connect() -> None:
    for model in INDEXED:
        uid = f"socialmap_search_{model._meta.model_name}"
        post_save.connect(object_saved, sender=model, dispatch_uid=f"{uid}_save")
        published.connect(object_saved, sender=model, dispatch_uid=f"{uid}_pub")
        unpublished.connect(object_saved, sender=model, dispatch_uid=f"{uid}_unpub")
        post_delete.connect(object_deleted, sender=model, dispatch_uid=f"{uid}_del")
