"""Rendered fragments of published content, cached with Django's `{% cache %}` tag.

Every fragment's key (the `fragment_key` template tag) holds the reader's audiences,
so no audience ever gets a fragment rendered for a wider one, and one content
version, bumped after any published content changes: a page or snippet published,
unpublished, moved or deleted, or any row of the content apps saved. One version
for all fragments keeps invalidation simple and never stale; content changes far
less often than it is read.
Templates keep a fragment an hour at most (`{% cache 3600 ... %}`).
"""

import threading
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

VERSION_KEY = "cms:fragments:version"
#: The packages whose rows a cached fragment may show, and the portal's models that
#: content names (organisations own plans, goals and services) or that decide what a
#: person's dashboard shows (memberships, invitations, groups).
CONTENT_PACKAGES = ("cms.",)
CONTENT_MODELS = frozenset(
    {
        "portal.organisation",
        "portal.membership",
        "portal.invitation",
        "portal.user_groups",
    }
)


#: Whether this thread changed content since it last read the version.
_local = threading.local()


def fragments_version() -> int:
    """The current content version. A fresh one starts from the clock, so a version
    key lost on its own (evicted) never brings back fragments of an older one."""
    if getattr(_local, "changed", False):
        _local.changed = False
        _bump()
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def fragments_invalidate() -> None:
    """Retire every cached fragment (they expire unread): before this transaction's
    own next read of the version, and again once the change is committed, since a
    request in between may have cached the old content under the new version.

    An import saves thousands of rows in one transaction: the version is bumped
    once before the next read and once on commit, not twice per row (with the
    database cache each bump is three queries). Django can neither say whether a
    callback is already waiting for the commit nor announce a rollback, so the
    waiting callbacks are looked up in `run_on_commit` (a rollback empties it)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump()
        return
    _local.changed = True
    if not any(func is _bump for _ids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_bump)


def _is_content(model) -> bool:
    return (
        model.__module__.startswith(CONTENT_PACKAGES)
        or model._meta.label_lower in CONTENT_MODELS
    )


def _changed(sender, **kwargs) -> None:
    fragments_invalidate()


def _row_changed(sender, raw=False, **kwargs) -> None:
    if not raw and _is_content(sender):
        fragments_invalidate()


def connect() -> None:
    """Listen for every change of content (called once, from `CmsConfig.ready`)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"fragments_{id(signal)}")
    for signal in (published, unpublished):
        signal.connect(_changed, dispatch_uid=f"fragments_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"fragments_{id(signal)}")
