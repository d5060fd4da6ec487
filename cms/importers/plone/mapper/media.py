"""Files and images, in a collection per Plone folder; a news item's own image."""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.models import Collection

from cms.importers.plone.mapper.portal_types import FILE_TYPES
from cms.importers.plone.report import Outcome
from cms.importers.plone.source import SourceItem
from cms.models import PortalDocument, PortalImage

logger = logging.getLogger(__name__)


def delete_file(name: str) -> None:
    """Delete a stored file, e.g. one saved by an item that failed; never raises."""
    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s", name)


class MediaMixin:
    """Files and images (PortalDocument, PortalImage), keyed on their Plone UID."""

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
            delete_file(obj.file.name)
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
