"""Documents and images with an audience, like pages: a file meant for partners or
staff is served only through the checking views of `portal.files`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from portal.audiences import Audience


def _audience_field():
    return models.CharField(
        _("publiek"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        db_index=True,
        help_text=_("Wie dit bestand mag zien."),
    )


# Wagtail checks permissions on its own Document and Image models (auth_model), so the
# existing editor and moderator groups keep working with these models.
class PortalDocument(AbstractDocument):
    audience = _audience_field()

    admin_form_fields = (*Document.admin_form_fields, "audience")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class PortalImage(AbstractImage):
    audience = _audience_field()

    admin_form_fields = (*Image.admin_form_fields, "audience")

    class Meta(AbstractImage.Meta):
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(
        PortalImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
