"""Texts and their links: Plone's HTML and Volto blocks to the body's blocks, with
`resolveuid` and path links pointed at what each item became."""

import re
from html import escape

from wagtail.models import Page, Revision

from cms.importers.plone.rich_text import (
    Target,
    complete_pending_links,
    html_to_blocks,
    volto_blocks_to_html,
)
from cms.importers.plone.source import SourceItem
from cms.models import PortalImage
from portal.access.audiences import AUDIENCE_RANK, Audience

PORTAL_VARIABLE = re.compile(r"^\$\{[a-z_]+\}")
# Links to Plone's own screens rather than to content
PLONE_SCREEN = re.compile(
    r"^(/|\.\./)*(@@|\+\+|controlpanel|manage|portal_|acl_users|prefs_|"
    r"plone_control_panel|login|logout|mail_password|contact-info|sitemap|"
    r"accessibility-info|search\b)"
)


def escape_html(text: str) -> str:
    """The text escaped for HTML, quotes included; empty for None."""
    return escape(text or "", quote=True)


class LinksMixin:
    """Converts texts and resolves their links, in a second pass for later items."""

    def link_blocks(self, item: SourceItem, *, audience: str) -> list[dict]:
        url = PORTAL_VARIABLE.sub("", item.remote_url.strip())
        html = (
            f'<p><a href="{escape_html(url)}">{escape_html(item.title or url)}</a></p>'
        )
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
