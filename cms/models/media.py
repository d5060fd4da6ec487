"""Documents and images with an audience, like pages: a file meant for partners or
staff is served only through the checking views of `portal.files`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from portal.access.audiences import AUDIENCE_RANK, Audience


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
    # The API and the admin's search filter on the audience (portal.access).
    search_fields = [*AbstractDocument.search_fields, index.FilterField("audience")]
    api_fields = [APIField("audience")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class PortalImage(AbstractImage):
    audience = _audience_field()

    admin_form_fields = (*Image.admin_form_fields, "audience")
    search_fields = [*AbstractImage.search_fields, index.FilterField("audience")]
    api_fields = [APIField("audience")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(
        PortalImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def files_narrower_than(page) -> dict[str, list[PortalDocument | PortalImage]]:
    """The documents and images a page uses (in its StreamFields and rich text) that
    are meant for a smaller audience than the page's own, by field name. Readers of
    the page would get a 404 for them, so the page's `clean` refuses them."""
    used: dict[type, dict[str, set[str]]] = {PortalDocument: {}, PortalImage: {}}
    for field in page._meta.get_fields():
        if not hasattr(field, "extract_references"):
            continue
        value = field.value_from_object(page)
        if value is None:
            continue
        for model, object_id, _model_path, _content_path in field.extract_references(
            value
        ):
            model = model._meta.concrete_model
            if model in used:
                used[model].setdefault(str(object_id), set()).add(field.name)

    page_rank = AUDIENCE_RANK[page.audience]
    narrower: dict[str, list] = {}
    for model, fields_by_id in used.items():
        ids = [object_id for object_id in fields_by_id if object_id.isdigit()]
        if not ids:
            continue
        files = model.objects.filter(pk__in=ids).order_by("title")
        for file in files:
            if AUDIENCE_RANK[file.audience] > page_rank:
                for name in sorted(fields_by_id[str(file.pk)]):
                    narrower.setdefault(name, []).append(file)
    return narrower
