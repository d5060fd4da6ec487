"""The import run: every item of a `SourceSite` in order, each in its own savepoint,
then the second passes (links, local roles, redirects, relations)."""

import logging
from collections.abc import Callable, Iterator
from functools import partial

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, Page

from cms.importers.plone.mapper.audiences import AudiencesMixin
from cms.importers.plone.mapper.history import HistoryMixin
from cms.importers.plone.mapper.links import LinksMixin
from cms.importers.plone.mapper.media import MediaMixin, delete_file
from cms.importers.plone.mapper.pages import PagesMixin
from cms.importers.plone.mapper.portal_types import (
    FILE_TYPES,
    FOLDER_TYPES,
    IGNORED_TYPES,
    PAGE_TYPES,
)
from cms.importers.plone.mapper.principals import PrincipalsMixin
from cms.importers.plone.mapper.records import RecordsMixin
from cms.importers.plone.mapper.redirects import RedirectsMixin
from cms.importers.plone.report import ImportReport, Outcome
from cms.importers.plone.source import SourceItem, SourceSite
from cms.models import PloneItem

logger = logging.getLogger(__name__)


class PloneImporter(
    AudiencesMixin,
    PagesMixin,
    LinksMixin,
    MediaMixin,
    HistoryMixin,
    RecordsMixin,
    PrincipalsMixin,
    RedirectsMixin,
):
    """Imports one SourceSite under `parent`. Call `run()` inside a transaction; each
    item runs in its own savepoint, so one that fails is reported and skipped."""

    def __init__(
        self,
        site: SourceSite,
        *,
        parent: Page,
        report: ImportReport,
        slug: str | None = None,
        force: bool = False,
        advance: Callable[[], None] = lambda: None,
        saved_files: list | None = None,
    ):
        self.site = site
        self.parent = parent
        self.report = report
        self.slug = slug
        self.force = force
        self.advance = advance
        self.saved_files = saved_files if saved_files is not None else []
        self.items = {item.uid: item for item in site.all_items()}
        self.path_to_uid = {
            item.path.rstrip("/") or "/": item.uid for item in self.items.values()
        }
        self.records: dict[str, PloneItem] = {}
        self.final_checksums: dict[str, str] = {}  # uid -> checksum once complete
        self.targets: dict[
            str, object
        ] = {}  # uid -> Page / PortalDocument / PortalImage
        self.audiences: dict[str, str] = {}
        self.default_page_of = {
            page: folder for folder, page in site.default_pages.items()
        }
        self.users: dict[str, object] = {}
        self.groups: dict[str, Group] = {}
        self.pending: dict[str, SourceItem] = {}  # texts to complete, by UID
        self.refill: set[str] = set()  # pages whose text is converted again
        self.collections: dict[str, Collection] = {}
        self.slugs: dict[int, set[str]] = {}  # parent page -> its children's slugs
        self.child_steps: dict[int, int] = {}  # parent page -> its last child's step
        self.site_root_path: str | None = None
        self.wanted_redirects: dict[str, dict] = {}
        self.page_content_type_id = ContentType.objects.get_for_model(Page).pk

    def run(self) -> None:
        """The whole import, as one unit of work (the caller's transaction)."""
        for step in self.steps(batch_size=None):
            step()

    def steps(self, *, batch_size: int | None) -> Iterator[Callable[[], None]]:
        """The import as steps that may each be committed on their own: the
        preparation, the items in batches of `batch_size` (all at once when None),
        then the second passes. A later step relies only on what earlier steps
        saved, so after a crash a rerun carries on from the records."""
        yield self.prepare
        items = self.site.all_items()
        size = batch_size or max(len(items), 1)
        for start in range(0, len(items), size):
            yield partial(self.import_batch, items[start : start + size])
        pending = list(self.pending.values())  # known once every item is in
        for start in range(0, len(pending), size):
            yield partial(self.complete_batch, pending[start : start + size])
        yield self.finish

    def prepare(self) -> None:
        self.records = {
            record.uid: record
            for record in PloneItem.objects.filter(
                uid__in=[*self.items, *(f"{uid}#image" for uid in self.items)]
            )
        }
        for note in self.site.notes:
            self.report.note(note)
        self.import_principals()

    def import_batch(self, items: list[SourceItem]) -> None:
        for item in items:
            self.import_one(item)
            self.advance()

    def complete_batch(self, items: list[SourceItem]) -> None:
        for item in items:
            self.safely(item, self.complete)

    def finish(self) -> None:
        self.import_local_roles()
        self.import_redirects()
        self.keep_relations()

    def complete(self, item: SourceItem) -> None:
        self.relink(item)
        self.checksum_confirm(item)

    def safely(self, item: SourceItem, step) -> bool:
        try:
            with transaction.atomic():
                step(item)
            return True
        except Exception as error:  # one item must not stop the import
            logger.exception("Plone item %s failed", item.path)
            self.forget(item)
            self.report.failed.append((item.path, f"{type(error).__name__}: {error}"))
            self.report.count(item.portal_type, Outcome.FAILED)
            return False

    def forget(self, item: SourceItem) -> None:
        """After a failed item's savepoint is rolled back, drop what was cached from
        it: its records, its target and the collections made meanwhile."""
        self.collections.clear()
        self.targets.pop(item.uid, None)
        for uid in (item.uid, f"{item.uid}#image"):
            record = PloneItem.objects.filter(uid=uid).first()
            if record is None:
                self.records.pop(uid, None)
            else:
                self.records[uid] = record

    def import_one(self, item: SourceItem) -> None:
        files_before = len(self.saved_files)
        if not self.safely(item, self.import_item):
            for name in self.saved_files[files_before:]:
                delete_file(name)

    def import_item(self, item: SourceItem) -> None:
        if item.uid in self.default_page_of:
            self.merge_default_page(item)
            return
        if not item.is_root and item.parent_uid not in self.targets:
            parent = self.items.get(item.parent_uid)
            self.skip(
                item,
                f"its folder {parent.path if parent else item.parent_uid} "
                "was not imported",
            )
            return
        if item.raw.get("_orphan_of"):
            self.report.note(
                f"{item.path}: its folder ({item.raw['_orphan_of']}) is not in the "
                "export; placed at the top of the site"
            )
        if item.portal_type in FILE_TYPES:
            self.import_media(item)
        elif item.portal_type in PAGE_TYPES or item.portal_type in FOLDER_TYPES:
            self.import_page(item)
        elif item.portal_type in IGNORED_TYPES:
            self.skip(item, IGNORED_TYPES[item.portal_type])
        elif item.raw.get("is_folderish"):
            self.report.note(
                f"{item.portal_type}: imported as a section (folderish type without "
                "a counterpart)"
            )
            self.import_page(item)
        elif item.text_html or item.blocks:
            self.report.note(
                f"{item.portal_type}: imported as a content page (its text only)"
            )
            self.import_page(item)
        else:
            self.skip(item, f"type {item.portal_type} has no counterpart in the portal")

    def skip(self, item: SourceItem, reason: str) -> None:
        self.report.skipped.append((item.path, reason))
        self.report.count(item.portal_type, Outcome.SKIPPED)
