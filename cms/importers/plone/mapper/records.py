"""The import records (`PloneItem`): what each Plone UID became, so that a rerun
leaves unchanged items alone, and what the portal has no field for."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from cms.importers.plone.source import SourceItem
from cms.models import PloneItem


class RecordsMixin:
    """Reads and writes the import records."""

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
        # A text whose links wait for later items is not done until `complete`:
        # until then its record says "changed", so a rerun after a crash in
        # between converts it again instead of keeping the unresolved links.
        record.checksum = "" if uid in self.pending else checksum
        self.final_checksums[uid] = checksum
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

    def checksum_confirm(self, item: SourceItem) -> None:
        """The item's text is complete: its record may say so."""
        checksum = self.final_checksums.get(item.uid)
        record = self.records.get(item.uid)
        if checksum and record is not None and record.checksum != checksum:
            record.checksum = checksum
            record.save(update_fields=["checksum"])

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
