"""The admin's document and image forms (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, refusing an upload the storage cannot
hold with a message instead of a server error."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from portal.storage import StoresFileFirstMixin


class PortalDocumentForm(StoresFileFirstMixin, BaseDocumentForm):
    pass


class PortalImageForm(StoresFileFirstMixin, BaseImageForm):
    pass
