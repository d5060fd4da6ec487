"""Services a person keeps on their own page ("Mijn pagina"), to find them back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.socialmap.models.services import Service


class SavedService(models.Model):
    """One service one person saved. Removing the account or the service removes
    it; saving twice is the same row (the unique constraint)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="saved_services",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("dienst"),
        on_delete=models.CASCADE,
        related_name="saved_by",
    )
    saved_at = models.DateTimeField(_("bewaard op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewaarde dienst")
        verbose_name_plural = _("bewaarde diensten")
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service"], name="socialmap_saved_service_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.service}"
