"""A Plone site (`SourceSite`) to the portal: pages in the same tree and order,
documents and images, accounts, page permissions, audit log entries and redirects.

Every item is keyed on its Plone UID (`cms.models.PloneItem`), so an import can run
again: an unchanged item is left alone, a changed one gets a new revision.
"""

import hashlib
import io
import logging
import re
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
)
from wagtail.signals import page_published

from cms.importers.plone.report import ImportReport, Outcome
from cms.importers.plone.rich_text import (
    Target,
    complete_pending_links,
    html_to_blocks,
    volto_blocks_to_html,
)
from cms.importers.plone.source import HistoryEntry, SourceItem, SourceSite
from cms.models import (
    ContentPage,
    EventPage,
    IndexPage,
    NewsPage,
    PloneItem,
    PortalDocument,
    PortalImage,
)
from portal.audiences import AUDIENCE_RANK, Audience, narrowest
from portal.roles import EDITORS_GROUP, MODERATORS_GROUP

logger = logging.getLogger(__name__)

# review_state -> (audience, live); None: the item has no workflow of its own
# (files and images in Plone 5 and 6) and follows its folder.
STATES = {
    "published": (Audience.PUBLIC, True),
    "external": (Audience.PUBLIC, True),
    "visible": (Audience.PUBLIC, True),
    "internally_published": (Audience.STAFF, True),
    "internal": (Audience.STAFF, True),
    "pending": (Audience.STAFF, False),
    "private": (Audience.STAFF, False),
}
FOLDER_TYPES = {"Folder", "LRF", "LIF", "Collection", "Topic", "FormFolder"}
PAGE_TYPES = {"Document", "News Item", "Event", "Link", "Plone Site"}
FILE_TYPES = {"File": "file", "Image": "image"}
IGNORED_TYPES = {
    "Discussion Item": "comments are not carried over",
    "Plone Site": "",
}
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
# Plone roles -> the portal's groups (site-wide) or Wagtail page permissions (local)
ROLE_GROUPS = {
    "Editor": EDITORS_GROUP,
    "Contributor": EDITORS_GROUP,
    "Reviewer": MODERATORS_GROUP,
}
ROLE_PAGE_PERMISSIONS = {
    "Contributor": ["add_page"],
    "Editor": ["add_page", "change_page"],
    "Reviewer": ["publish_page"],
}
PORTAL_VARIABLE = re.compile(r"^\$\{[a-z_]+\}")
# Links to Plone's own screens rather than to content
PLONE_SCREEN = re.compile(
    r"^(/|\.\./)*(@@|\+\+|controlpanel|manage|portal_|acl_users|prefs_|"
    r"plone_control_panel|login|logout|mail_password|contact-info|sitemap|"
    r"accessibility-info|search\b)"
)


def _slug(value: str) -> str:
    return slugify(value.replace(".", "-"))[:200] or "pagina"


class PloneImporter:
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

    # The run

    def run(self) -> None:
        self.records = {
            record.uid: record
            for record in PloneItem.objects.filter(
                uid__in=[*self.items, *(f"{uid}#image" for uid in self.items)]
            )
        }
        for note in self.site.notes:
            self.report.note(note)
        self.import_principals()
        for item in self.site.all_items():
            self.import_one(item)
            self.advance()
        for item in list(self.pending.values()):
            self.safely(item, self.relink)
        self.import_local_roles()
        self.import_redirects()
        self.keep_relations()

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
                _delete_file(name)

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

    # Audiences

    def audience_and_live(self, item: SourceItem) -> tuple[str, bool]:
        parent_audience = (
            self.audiences.get(item.parent_uid, Audience.PUBLIC)
            if not item.is_root
            else self.parent_audience()
        )
        if item.review_state is None:
            audience, live = parent_audience, True
        elif item.review_state in STATES:
            audience, live = STATES[item.review_state]
        else:
            audience, live = Audience.STAFF, False
            self.report.note(
                f"review state '{item.review_state}' is unknown: imported as a draft "
                "for staff"
            )
        if AUDIENCE_RANK[audience] < AUDIENCE_RANK[parent_audience]:
            self.report.note(
                f"{item.path}: {item.review_state} in Plone, but its folder is not "
                "public; it has its folder's audience, as a page is never wider than "
                "its parent"
            )
            audience = narrowest(audience, parent_audience)
        return audience, live

    def parent_audience(self) -> str:
        return getattr(self.parent.specific, "audience", Audience.PUBLIC)

    # Pages

    def page_class(self, item: SourceItem):
        if item.portal_type == "News Item":
            return NewsPage
        if item.portal_type == "Event":
            return EventPage
        if (
            item.portal_type in FOLDER_TYPES
            and item.uid not in self.site.default_pages
            and not (item.text_html or item.blocks)
        ):
            return IndexPage
        return ContentPage

    def existing(self, uid: str, model):
        record = self.records.get(uid)
        if record is None or not record.object_id:
            return None
        found = model.objects.filter(pk=record.object_id).first()
        return found.specific if isinstance(found, Page) else found

    def checksum(self, item: SourceItem) -> str:
        parts = [item.checksum()]
        default = self.items.get(self.site.default_pages.get(item.uid, ""))
        if default is not None:
            parts.append(default.checksum())
        if item.is_root:
            parts.append(f"{self.parent.pk}:{self.slug}")
        if len(parts) == 1:
            return parts[0]
        # One digest of the parts: it must fit PloneItem.checksum (64 characters).
        return hashlib.sha256("-".join(parts).encode()).hexdigest()

    def import_page(self, item: SourceItem) -> None:
        cls = self.page_class(item)
        audience, live = self.audience_and_live(item)
        self.audiences[item.uid] = audience
        parent = self.parent if item.is_root else self.targets[item.parent_uid]
        page = self.existing(item.uid, Page)
        checksum = self.checksum(item)
        record = self.records.get(item.uid)
        if page is not None and record.checksum == checksum and not self.force:
            self.targets[item.uid] = page
            self.audiences[item.uid] = page.audience
            self.report.count(item.portal_type, Outcome.UNCHANGED)
            return
        created = page is None
        if page is not None and not isinstance(page, cls):
            self.report.note(
                f"{item.path}: was imported as {type(page).__name__}, now maps to "
                f"{cls.__name__}; the page keeps its type"
            )
        if created:
            page = cls(slug=self.free_slug(parent, item), live=False)
        elif page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page = type(page).objects.get(pk=page.pk)
        source = self.items.get(self.site.default_pages.get(item.uid, ""), item)
        page.title = (item.title or source.title or item.plone_id)[:255]
        page.audience = audience
        page.show_in_menus = not item.exclude_from_nav and not item.is_root
        page.search_description = (source.description or item.description)[:255]
        owner = self.owner_of(item)
        if owner is not None:
            page.owner = owner
        self.fill(page, item, source, audience=audience)
        if created:
            self.create_page(page, parent=parent, item=item, live=live, owner=owner)
        else:
            revision = page.save_revision(
                user=owner, log_action=False, clean=True, changed=True
            )
            if live:
                revision.publish(
                    user=owner, log_action=False, skip_permission_checks=True
                )
            elif page.live:
                page.unpublish(log_action=False, user=owner)
            self.set_dates(page, revision, item)
            page.refresh_from_db()  # publishing saved a copy of the page
        until = self.write_history(page, item, created=created)
        self.remember(item, page, checksum, history_until=until)
        self.targets[item.uid] = page
        self.report.count(
            item.portal_type, Outcome.CREATED if created else Outcome.UPDATED
        )

    def create_page(self, page: Page, *, parent: Page, item: SourceItem, live, owner):
        """Add a new page with one revision, live or draft, dated as in Plone.

        A new page is saved once and its revision written directly, rather than
        through `save_revision()` and `publish()`, which save and validate the page
        twice more: that is most of the time of a large import. Listeners (the
        search index) still hear `page_published`."""
        modified = item.modified or item.created or timezone.now()
        page.live = live
        page.has_unpublished_changes = not live
        page.draft_title = page.title
        page.latest_revision_created_at = modified
        if live:
            page.first_published_at = item.effective or item.created or modified
            page.last_published_at = modified
        self.add_child(parent, page)
        self.slugs.setdefault(page.pk, set())
        revision = Revision.objects.create(
            content_type_id=page.content_type_id,
            base_content_type_id=self.page_content_type_id,
            object_id=str(page.pk),
            content=page.serializable_data(),
            object_str=page.title,
            user=owner,
            created_at=modified,
        )
        page.latest_revision = revision
        page.live_revision = revision if live else None
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=page.live_revision
        )
        if live:
            page_published.send(sender=type(page), instance=page, revision=revision)

    def add_child(self, parent: Page, page: Page) -> None:
        """treebeard's `add_child`, without a query for the last child each time
        and without Wagtail's creation log entry (Plone's history tells when the
        page was really made, see `write_history`).

        The page is not validated again here: the mapper only builds pages that
        pass (an audience never wider than the parent's, free slugs, lengths cut
        to size, files no narrower than the page); the tests check them with
        `full_clean()`."""
        if parent.pk not in self.child_steps:
            last = parent.get_last_child()
            self.child_steps[parent.pk] = (
                Page._str2int(last.path[-Page.steplen :]) if last else 0
            )
        self.child_steps[parent.pk] += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, self.child_steps[parent.pk])
        page.numchild = 0
        page.set_url_path(parent)
        page.save(clean=False, log_action=None)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1

    def free_slug(self, parent: Page, item: SourceItem) -> str:
        if item.is_root:
            base = _slug(self.slug or item.raw.get("id") or "plone")
        else:
            base = _slug(item.plone_id)
        if parent.pk not in self.slugs:
            self.slugs[parent.pk] = set(
                parent.get_children().values_list("slug", flat=True)
            )
        taken = self.slugs[parent.pk]
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        if slug != base:
            self.report.note(f"{item.path}: slug '{base}' was taken; '{slug}' used")
        return slug

    def fill(self, page: Page, item: SourceItem, source: SourceItem, *, audience: str):
        """The text and the type's own fields. `source` is the folder's default page
        when it has one (its text is what Plone showed at the folder's address)."""
        converted = self.convert(source, audience=audience, owner_item=item)
        if isinstance(page, IndexPage):
            page.intro = (
                f"<p>{_escape(item.description)}</p>" if item.description else ""
            )
            return
        if hasattr(page, "summary"):
            page.summary = source.description or item.description
        blocks = converted.blocks
        if item.portal_type == "News Item":
            lead = self.lead_image(item, audience=audience)
            if lead is not None:
                blocks = [
                    {
                        "type": "image",
                        "value": {
                            "image": {
                                "image": lead.pk,
                                "decorative": False,
                                "alt_text": lead.title,
                            },
                            "caption": item.raw.get("image_caption") or "",
                        },
                    },
                    *blocks,
                ]
        if source.portal_type == "Link" and source.remote_url:
            blocks = [*blocks, *self.link_blocks(source, audience=audience)]
        page.body = blocks
        if isinstance(page, NewsPage):
            day = item.effective or item.created
            page.date = day.date() if day else None
        if isinstance(page, EventPage):
            from cms.importers.plone.source import parse_time

            event = item.event
            page.start = parse_time(event.get("start"))
            page.end = parse_time(event.get("end"))
            page.whole_day = bool(event.get("whole_day"))
            page.location = (event.get("location") or "")[:255]
            page.contact_name = (event.get("contact_name") or "")[:255]
            page.contact_email = _valid(validate_email, event.get("contact_email"))
            page.event_url = _valid(
                URLValidator(), (event.get("event_url") or "")[:500]
            )

    def link_blocks(self, item: SourceItem, *, audience: str) -> list[dict]:
        url = PORTAL_VARIABLE.sub("", item.remote_url.strip())
        html = f'<p><a href="{_escape(url)}">{_escape(item.title or url)}</a></p>'
        converted = html_to_blocks(
            html,
            base_path=item.path.rsplit("/", 1)[0] or "/",
            resolve=lambda uid: self.resolve(uid, audience=audience, source=item),
            resolve_path=lambda path: self.resolve_path(
                path, audience=audience, source=item
            ),
        )
        self.note_links(item, converted)
        return converted.blocks

    def convert(self, item: SourceItem, *, audience: str, owner_item: SourceItem):
        html = item.text_html
        if item.blocks:
            volto_html, skipped = volto_blocks_to_html(item.blocks, item.blocks_layout)
            html = html + volto_html
            for kind in sorted(set(skipped)):
                self.report.note(
                    f"Volto block type '{kind}' has no counterpart; its content is "
                    "not carried over"
                )
        converted = html_to_blocks(
            html,
            base_path=item.path
            if item.raw.get("is_folderish")
            else (item.path.rsplit("/", 1)[0] or "/"),
            resolve=lambda uid: self.resolve(uid, audience=audience, source=item),
            resolve_path=lambda path: self.resolve_path(
                path, audience=audience, source=item
            ),
        )
        self.note_links(owner_item, converted)
        return converted

    def note_links(self, item: SourceItem, converted) -> None:
        for href in converted.broken_links:
            if PLONE_SCREEN.search(href):
                self.report.note(
                    f"{item.path}: link to the Plone screen {href} left out (the "
                    "portal has its own administration)"
                )
            else:
                self.report.broken_links.append(
                    (item.path, f"{href} (not in the export: kept as plain text)")
                )
        for note in converted.notes:
            self.report.note(f"{item.path}: {note}")
        if converted.pending_images:
            self.refill.add(item.uid)
        if converted.pending or converted.pending_images:
            self.pending[item.uid] = item

    def resolve(self, uid: str, *, audience: str, source: SourceItem) -> Target | None:
        uid = self.site.uid_aliases.get(uid, uid)
        if uid in self.targets:
            return self.target(self.targets[uid], audience=audience, source=source)
        if uid in self.items:
            return Target("pending", url=uid)
        return None

    def resolve_path(
        self, path: str, *, audience: str, source: SourceItem
    ) -> Target | None:
        uid = self.path_to_uid.get(path.rstrip("/") or "/")
        if uid is None:
            return None
        return self.resolve(uid, audience=audience, source=source)

    def target(self, obj, *, audience: str, source: SourceItem) -> Target | None:
        if isinstance(obj, Page):
            return Target("page", obj.pk)
        if AUDIENCE_RANK[obj.audience] > AUDIENCE_RANK[audience]:
            self.report.note(
                f"{source.path}: '{obj.title}' left out of the text: the file is "
                f"for {Audience(obj.audience).label}, the page for "
                f"{Audience(audience).label}"
            )
            return Target("narrower")
        if isinstance(obj, PortalImage):
            return Target("image", obj.pk, obj.file.url)
        return Target("document", obj.pk, obj.url)

    def relink(self, item: SourceItem) -> None:
        """A second pass for texts that linked to items imported after them."""
        page = self.targets.get(item.uid)
        if page is None:
            return
        page = page.specific
        source = self.items.get(self.site.default_pages.get(item.uid, ""), item)
        self.pending.pop(item.uid, None)
        if not hasattr(page, "body"):
            return
        before = list(page.body.raw_data)
        completed = None
        if item.uid not in self.refill:
            completed = complete_pending_links(
                before,
                lambda uid: self.resolve(uid, audience=page.audience, source=item),
            )
        if completed is not None:
            page.body = completed
        else:
            self.fill(page, item, source, audience=page.audience)
        if page.body.raw_data == before:
            return
        # The links now point at pages made after this one: the text (and so its
        # search document) is the same, only the link targets are set. The
        # revision written a moment ago by this import is completed in place.
        type(page).objects.filter(pk=page.pk).update(body=page.body)
        revision = Revision.objects.filter(pk=page.latest_revision_id).first()
        if revision is not None:
            revision.content["body"] = page.serializable_data()["body"]
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)

    def merge_default_page(self, item: SourceItem) -> None:
        folder_uid = self.default_page_of[item.uid]
        folder = self.targets.get(folder_uid)
        if folder is None:
            self.skip(item, "default page of a folder that was not imported")
            return
        self.targets[item.uid] = folder
        self.audiences[item.uid] = self.audiences.get(folder_uid, Audience.STAFF)
        record = self.records.get(item.uid)
        if record and record.checksum == item.checksum() and not self.force:
            self.report.count(item.portal_type, Outcome.UNCHANGED)
            return
        until = self.write_history(folder, item)
        self.remember(item, folder, item.checksum(), history_until=until)
        self.report.count(item.portal_type, Outcome.MERGED)

    def set_dates(self, page: Page, revision, item: SourceItem) -> None:
        """Plone's own dates, not the day of the import."""
        modified = item.modified or item.created
        if modified is None:
            return
        first = item.effective or item.created or modified
        updates = {"latest_revision_created_at": modified}
        if Page.objects.filter(pk=page.pk, live=True).exists():
            updates["first_published_at"] = first
            updates["last_published_at"] = modified
        Page.objects.filter(pk=page.pk).update(**updates)
        type(revision).objects.filter(pk=revision.pk).update(created_at=modified)

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

    def remember(
        self, item: SourceItem, obj, checksum: str, *, uid=None, history_until=None
    ):
        uid = uid or item.uid
        content_type = ContentType.objects.get_for_model(
            obj.specific_class if isinstance(obj, Page) else type(obj)
        )
        record = self.records.get(uid) or PloneItem(uid=uid)
        record.portal_type = item.portal_type
        record.path = item.path
        record.content_type = content_type
        record.object_id = str(obj.pk)
        record.checksum = checksum
        record.history_until = history_until or record.history_until
        record.metadata = {
            **record.metadata,
            "language": item.language,
            "creators": item.creators,
            "subjects": item.subjects,
            "description": item.description,
            "layout": item.raw.get("layout") or "",
        }
        record.save()
        self.records[uid] = record

    def owner_of(self, item: SourceItem):
        owners = [
            principal
            for principal, roles in item.local_roles.items()
            if "Owner" in roles and principal in self.users
        ]
        for name in [*owners, *item.creators]:
            if name in self.users:
                return self.users[name]
        return None

    # Files and images

    def collection_for(self, uid: str | None) -> Collection:
        """Files and images keep their folder: a collection per Plone folder."""
        uid = uid or self.site.root.uid
        if uid in self.collections:
            return self.collections[uid]
        item = self.items.get(uid)
        if item is None or item.is_root:
            root = Collection.get_first_root_node()
            name = f"Plone: {self.site.root.title or 'site'}"[:255]
            collection = root.get_children().filter(name=name).first()
            if collection is None:
                collection = root.add_child(name=name)
        else:
            parent = self.collection_for(item.parent_uid)
            name = (item.title or item.plone_id)[:255]
            collection = parent.get_children().filter(name=name).first()
            if collection is None:
                collection = parent.add_child(name=name)
        self.collections[uid] = collection
        return collection

    def import_media(self, item: SourceItem) -> None:
        field_name = FILE_TYPES[item.portal_type]
        model = PortalImage if field_name == "image" else PortalDocument
        audience, _live = self.audience_and_live(item)
        self.audiences[item.uid] = audience
        obj = self.existing(item.uid, model)
        checksum = self.checksum(item)
        record = self.records.get(item.uid)
        if obj is not None and record.checksum == checksum and not self.force:
            self.targets[item.uid] = obj
            self.report.count(item.portal_type, Outcome.UNCHANGED)
            return
        blob = item.blobs.get(field_name)
        data = blob.load() if blob else None
        if not data:
            self.skip(item, "the export holds no file for it")
            return
        created = obj is None
        obj = self.save_media(
            obj or model(),
            item,
            data=data,
            filename=blob.filename,
            audience=audience,
            collection=self.collection_for(item.parent_uid),
        )
        self.remember(item, obj, checksum)
        self.targets[item.uid] = obj
        self.report.count(
            item.portal_type, Outcome.CREATED if created else Outcome.UPDATED
        )

    def save_media(self, obj, item, *, data, filename, audience, collection):
        obj.title = (item.title or filename)[:255]
        obj.audience = audience
        obj.collection = collection
        owner = self.owner_of(item)
        if owner is not None:
            obj.uploaded_by_user = owner
        if obj.pk and obj.file:
            _delete_file(obj.file.name)
        obj.file.save(filename, ContentFile(data), save=False)
        self.saved_files.append(obj.file.name)
        if isinstance(obj, PortalDocument):
            obj.file_size = len(data)
        else:
            with PILImage.open(io.BytesIO(data)) as picture:
                obj.width, obj.height = picture.size
        obj.save()
        if item.subjects:
            obj.tags.set(item.subjects)
        if item.created:
            type(obj).objects.filter(pk=obj.pk).update(created_at=item.created)
        return obj

    def lead_image(self, item: SourceItem, *, audience: str) -> PortalImage | None:
        """A news item's own image, as an image of its own (keyed '<UID>#image')."""
        blob = item.blobs.get("image")
        if blob is None:
            return None
        uid = f"{item.uid}#image"
        image = self.existing(uid, PortalImage)
        record = self.records.get(uid)
        if image is not None and record.checksum == item.checksum() and not self.force:
            return image
        data = blob.load()
        if not data:
            self.report.note(f"{item.path}: the export holds no file for its image")
            return image
        image = self.save_media(
            image or PortalImage(),
            item,
            data=data,
            filename=blob.filename,
            audience=audience,
            collection=self.collection_for(item.parent_uid),
        )
        self.remember(item, image, item.checksum(), uid=uid)
        return image

    # Accounts, groups and roles

    def import_principals(self) -> None:
        User = get_user_model()
        by_email = {}
        for source in self.site.users:
            if not source.email or "@" not in source.email:
                self.report.users["skipped"] += 1
                self.report.skipped.append(
                    (
                        f"user {source.username}",
                        "no e-mail address, so no way to sign in or reset a password",
                    )
                )
                continue
            email = source.email.lower()
            user = by_email.get(email) or User.objects.filter(email=email).first()
            if user is None:
                first, _, last = (source.fullname or "").partition(" ")
                user = User(email=email, first_name=first[:150], last_name=last[:150])
                user.set_unusable_password()
                user.save()
                self.report.users["created"] += 1
            else:
                self.report.users["existing"] += 1
            by_email[email] = user
            self.users[source.username] = user
            self.grant_site_roles(user, source.roles, who=f"user {source.username}")
        for source in self.site.groups:
            group, _ = Group.objects.get_or_create(name=f"Plone: {source.title}"[:150])
            self.groups[source.groupid] = group
            members = [
                self.users[name] for name in source.members if name in self.users
            ]
            members += [
                self.users[user.username]
                for user in self.site.users
                if source.groupid in user.groups and user.username in self.users
            ]
            for member in members:
                member.groups.add(group)
            for member in members:
                self.grant_site_roles(
                    member, source.roles, who=f"group {source.groupid}"
                )
            self.describe_group_roles(source)
        self.report.mapped(
            "Plone groups: a group 'Plone: <title>' with the same members"
        )
        unknown = sorted(
            {
                name
                for item in self.items.values()
                for name in [*item.creators, *(entry.actor for entry in item.history)]
                if name and name not in self.users
            }
        )
        if unknown:
            self.report.note(
                "people named as creators or in workflow history without an account "
                f"in the export ({', '.join(unknown)}): pages keep no owner for them; "
                "their names stay in the audit log entries"
            )

    def grant_site_roles(self, user, roles: list[str], *, who: str) -> None:
        for role in roles:
            if role in ROLE_GROUPS:
                user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
                if not user.is_staff:
                    user.is_staff = True
                    user.save(update_fields=["is_staff"])
                self.report.mapped(
                    f"site role {role}: group {ROLE_GROUPS[role]} and civil servant "
                    "(staff)"
                )
            elif role in ("Manager", "Site Administrator"):
                self.report.unmapped(
                    f"{who}: site role {role} not granted; give administrator rights "
                    "in the portal by hand"
                )
            elif role in ("Member", "Authenticated"):
                self.report.mapped(f"site role {role}: an account (citizen)")
            else:
                self.report.unmapped(f"{who}: site role {role} has no counterpart")

    def describe_group_roles(self, source) -> None:
        for role in source.roles:
            if role in ("Manager", "Site Administrator"):
                self.report.unmapped(
                    f"group {source.groupid}: site role {role} not granted; give "
                    "administrator rights in the portal by hand"
                )

    def import_local_roles(self) -> None:
        """Local roles on items: owners become page owners; roles of groups become
        page permissions for their group; the rest is reported."""
        permissions = {
            permission.codename: permission
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore",
                codename__in=["add_page", "change_page", "publish_page"],
            )
        }
        for item in self.site.all_items():
            target = self.targets.get(item.uid)
            if item.block_inheritance:
                self.report.unmapped(
                    f"{item.path}: inherited roles were blocked here; Wagtail's page "
                    "permissions always inherit, and its audience "
                    f"({Audience(self.audiences.get(item.uid, Audience.STAFF)).label}) "
                    "decides who sees it"
                )
            for name, detail in sorted(item.local_permissions.items()):
                self.report.unmapped(
                    f"{item.path}: local permission '{name}' for "
                    f"{', '.join(detail.get('roles') or [])} not carried over (the "
                    "portal's page types decide what may be added where)"
                )
            for principal, roles in sorted(item.local_roles.items()):
                for role in roles:
                    if role == "Owner":
                        continue
                    if role == "Reader":
                        self.report.unmapped(
                            f"{item.path}: {principal} may read it in Plone; in the "
                            "portal its audience decides who sees it"
                        )
                        continue
                    codenames = ROLE_PAGE_PERMISSIONS.get(role)
                    group = self.groups.get(principal)
                    if codenames and group is not None and isinstance(target, Page):
                        for codename in codenames:
                            GroupPagePermission.objects.get_or_create(
                                group=group,
                                page=target,
                                permission=permissions[codename],
                            )
                        self.report.mapped(
                            f"local role {role} of a group: Wagtail page permission "
                            f"{'/'.join(codenames)} for the group on that page"
                        )
                    elif codenames and group is None:
                        self.report.unmapped(
                            f"{item.path}: local role {role} of user {principal}; "
                            "Wagtail grants page permissions to groups only"
                        )
                    else:
                        self.report.unmapped(
                            f"{item.path}: local role {role} of {principal} has no "
                            "counterpart"
                        )
        self.report.mapped("local role Owner: the page's owner")

    # Redirects and relations

    def import_redirects(self) -> None:
        """Every old path to the new address, in bulk (one query per 500)."""
        self.wanted_redirects: dict[str, dict] = {}
        for item in self.site.all_items():
            target = self.targets.get(item.uid)
            if target is None or item.is_root:
                continue
            self.redirect(item.path, target)
        for old, new in self.site.redirects.items():
            uid = self.path_to_uid.get(new.rstrip("/") or "/")
            target = self.targets.get(uid) if uid else None
            if target is None:
                self.report.broken_links.append(
                    (old, f"Plone redirect to {new}: that path is not in the export")
                )
                continue
            self.redirect(old, target)
        wanted = self.wanted_redirects
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing = {
                redirect.old_path: redirect
                for redirect in Redirect.objects.filter(site=None, old_path__in=chunk)
            }
            changed, new = [], []
            for old in chunk:
                values = wanted[old]
                redirect = existing.get(old)
                if redirect is None:
                    new.append(Redirect(old_path=old, is_permanent=True, **values))
                    continue
                if any(
                    getattr(redirect, name) != value for name, value in values.items()
                ):
                    for name, value in values.items():
                        setattr(redirect, name, value)
                    redirect.is_permanent = True
                    changed.append(redirect)
            Redirect.objects.bulk_create(new)
            Redirect.objects.bulk_update(
                changed, ["redirect_page_id", "redirect_link", "is_permanent"]
            )
            self.report.redirects["created"] += len(new)
            self.report.redirects["updated"] += len(changed)
            self.report.redirects["kept"] += len(chunk) - len(new) - len(changed)

    def page_url(self, page: Page) -> str:
        """A page's path on the default site, without asking the site cache."""
        if self.site_root_path is None:
            site = Site.objects.filter(is_default_site=True).first()
            self.site_root_path = site.root_page.url_path if site else ""
        if self.site_root_path and page.url_path.startswith(self.site_root_path):
            return "/" + page.url_path[len(self.site_root_path) :]
        return page.url or ""

    def redirect(self, old_path: str, target) -> None:
        old = Redirect.normalise_path(old_path)
        if isinstance(target, Page):
            url = self.page_url(target)
            values = {"redirect_page_id": target.pk, "redirect_link": ""}
        else:
            url = target.file.url if isinstance(target, PortalImage) else target.url
            values = {"redirect_page_id": None, "redirect_link": url}
        if not old or old == "/" or Redirect.normalise_path(url) == old:
            self.report.redirects["same address, not needed"] += 1
            return
        self.wanted_redirects[old] = values

    def keep_relations(self) -> None:
        """Related items and translations have no field of their own: they are kept
        on the import records, so nothing is lost."""
        by_uid = {}
        for relation in self.site.relations:
            source = self.records.get(relation.get("from_uuid"))
            if source is None:
                continue
            by_uid.setdefault(source.uid, []).append(
                {
                    "attribute": relation.get("from_attribute"),
                    "to": relation.get("to_uuid"),
                }
            )
        for group in self.site.translations:
            members = {lang: uid for lang, uid in group.items() if lang != "_canonical"}
            canonical = group.get("_canonical")
            if canonical:
                members.setdefault(
                    self.items.get(canonical).language
                    if canonical in self.items
                    else "",
                    canonical,
                )
            for uid in members.values():
                record = self.records.get(uid)
                if record is not None:
                    record.metadata["translations"] = members
                    record.save(update_fields=["metadata"])
        for uid, relations in by_uid.items():
            record = self.records[uid]
            record.metadata["relations"] = relations
            record.save(update_fields=["metadata"])
        if self.site.relations:
            self.report.note(
                f"{len(self.site.relations)} relations (related items) kept on the "
                "import records; the portal's pages have no related-items field"
            )
        if self.site.translations:
            self.report.note(
                f"{len(self.site.translations)} translation groups kept on the import "
                "records; the portal is in one language, each language is a section"
            )


def _valid(validator, value) -> str:
    """The value if it passes the validator, else empty."""
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        return ""
    return value


def _escape(text: str) -> str:
    from html import escape

    return escape(text or "", quote=True)


def _delete_file(name: str) -> None:
    from django.core.files.storage import default_storage

    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s", name)
