"""What an import from Plone made of each Plone item, keyed on the item's UID, so a
second import updates what the first one made instead of making it again."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PloneItem(models.Model):
    """One Plone item (page, folder, file, image, ...) and the object it became.

    A folder's default page points at the folder's page. `metadata` keeps what has
    no field of its own in the portal: language, creators, subjects, translations
    and relations."""

    uid = models.CharField(_("Plone-UID"), max_length=64, unique=True)
    portal_type = models.CharField(_("Plone-type"), max_length=100)
    path = models.CharField(_("Plone-pad"), max_length=1000)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    checksum = models.CharField(max_length=64, blank=True)
    history_until = models.DateTimeField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now=True)

    class Meta:
        verbose_name = _("Plone-item")
        verbose_name_plural = _("Plone-items")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.portal_type} {self.path}"
