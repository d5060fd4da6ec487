"""Folders, documents, news items, events and links to pages, in the same tree and
order; a folder's default page becomes the folder's own text."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from cms.importers.plone.mapper.links import escape_html
from cms.importers.plone.mapper.portal_types import FOLDER_TYPES
from cms.importers.plone.report import Outcome
from cms.importers.plone.source import SourceItem, parse_time
from cms.models import ContentPage, EventPage, IndexPage, NewsPage
from portal.access.audiences import Audience


def _slug(value: str) -> str:
    return slugify(value.replace(".", "-"))[:200] or "pagina"


def _valid(validator, value) -> str:
    """The value if it passes the validator, else empty."""
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        return ""
    return value


class PagesMixin:
    """Pages: made once with a revision dated as in Plone, then revised on change."""

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
                f"<p>{escape_html(item.description)}</p>" if item.description else ""
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
