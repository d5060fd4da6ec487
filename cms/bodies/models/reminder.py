"""Which term reminders went out: one row per advice, term, due date and step, so
the daily run sends each reminder once (see `cms.bodies.reminders`).

Only the count of recipients is kept, never their addresses: the portal keeps no
log of the e-mail it sends (README, "Personal data over time").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.bodies.models.advice import Advice


class ReminderTerm(models.TextChoices):
    BODY = "body", _("termijn van het orgaan")
    TOWN = "town", _("termijn van het bestuur")


class AdviceReminder(models.Model):
    """A reminder sent about one due date of one advice. A new due date (an
    extension) starts its own reminders."""

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="reminders"
    )
    term = models.CharField(_("termijn"), max_length=8, choices=ReminderTerm.choices)
    due_date = models.DateField(_("vervaldag"))
    days_before = models.PositiveSmallIntegerField(
        _("dagen voor de vervaldag"),
        help_text=_("7, 2 of 0 (de vervaldag zelf)."),
    )
    sent_on = models.DateField(_("verstuurd op"))
    recipient_count = models.PositiveSmallIntegerField(_("aantal ontvangers"))

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["advice", "term", "due_date", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "term", "due_date", "days_before"],
                name="unique_advice_reminder",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.advice}: {self.get_term_display()}, {self.due_date:%d/%m/%Y} "
            f"(-{self.days_before})"
        )
