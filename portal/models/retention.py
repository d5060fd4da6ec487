from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRecord(models.Model):
    """What one retention rule did in one run of `apply_retention`: appended, never
    edited, so the town can show when which personal data went. It names records by
    id or reference, never by the personal data it removed."""

    ran_at = models.DateTimeField(_("uitgevoerd op"), db_index=True)
    rule = models.CharField(_("regel"), max_length=64)
    term_days = models.PositiveIntegerField(_("bewaartermijn (dagen)"))
    count = models.PositiveIntegerField(_("aantal"))
    details = models.JSONField(_("details"), default=list, blank=True)

    class Meta:
        verbose_name = _("bewaartermijn toegepast")
        verbose_name_plural = _("bewaartermijnen toegepast")
        ordering = ["-ran_at", "pk"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d} {self.rule}: {self.count}"
