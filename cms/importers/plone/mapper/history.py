"""Plone's workflow history in the pages' audit log."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.importers.plone.source import HistoryEntry, SourceItem

# Plone's workflow actions in Wagtail's audit log
LOG_ACTIONS = {
    None: "wagtail.create",
    "publish": "wagtail.publish",
    "publish_internally": "wagtail.publish",
    "publish_externally": "wagtail.publish",
    "show": "wagtail.publish",
    "retract": "wagtail.unpublish",
    "reject": "wagtail.unpublish",
    "hide": "wagtail.unpublish",
}


class HistoryMixin:
    """Appends Plone's workflow steps to a page's audit log, once each."""

    def write_history(self, page: Page, item: SourceItem, *, created=False):
        """Plone's workflow history, appended to the page's audit log with the
        original times; steps already written by an earlier import are not repeated."""
        record = self.records.get(item.uid)
        since = record.history_until if record else None
        new = [entry for entry in item.history if since is None or entry.time > since]
        if created and not any(entry.action is None for entry in new):
            new.insert(
                0,
                HistoryEntry(
                    time=item.created or timezone.now(),
                    action=None,
                    actor=(item.creators or [""])[0],
                    review_state=item.review_state or "",
                ),
            )
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=content_type,
                page_id=page.pk,
                label=item.title or page.title,
                action=LOG_ACTIONS.get(entry.action, "wagtail.edit"),
                timestamp=entry.time,
                user=self.users.get(entry.actor),
                data={
                    "plone": {
                        "action": entry.action,
                        "review_state": entry.review_state,
                        "actor": entry.actor,
                        "comments": entry.comments,
                        "path": item.path,
                    }
                },
                content_changed=entry.action is None,
            )
            for entry in new
        )
        return new[-1].time if new else since
