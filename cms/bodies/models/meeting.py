"""A meeting of a body: when and where, its agenda, who came, and its minutes.

Times are stored aware (UTC in the database) and shown in Europe/Brussels, the
site's `TIME_ZONE`. Minutes move from draft to approved (by the body) to published
(for everyone who may see the meeting); `portal.access.bodies` decides who reads
them in each state.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from cms.bodies.models.body import Body


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("aanwezig")
    EXCUSED = "excused", _("verontschuldigd")
    ABSENT = "absent", _("afwezig")


class Meeting(ClusterableModel):
    body = models.ForeignKey(
        Body,
        verbose_name=_("orgaan"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("link om online deel te nemen"), blank=True)
    is_public = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Een besloten vergadering blijft binnen het orgaan."),
    )
    minutes = models.TextField(_("verslag"), blank=True)
    minutes_state = models.CharField(
        _("stand van het verslag"),
        max_length=16,
        choices=MinutesState.choices,
        default=MinutesState.DRAFT,
    )

    panels = [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Wanneer")
        ),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("is_public"),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agendapunt")),
        InlinePanel("attendances", heading=_("Aanwezigheden"), label=_("lid")),
        FieldPanel("minutes"),
        FieldPanel("minutes_state"),
    ]

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.body} – {self.local_starts_at:%d/%m/%Y %H:%M}"

    @property
    def local_starts_at(self) -> datetime.datetime:
        """The start as people in Flanders read it (Europe/Brussels)."""
        return timezone.localtime(self.starts_at)

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("Een vergadering eindigt na haar begin.")}
            )


class AgendaItem(models.Model):
    """A point on a meeting's agenda, optionally about a signal, a goal of a plan,
    an advice or a page."""

    meeting = ParentalKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=300)
    signal = models.ForeignKey(
        "signals.Signal",
        verbose_name=_("signaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goal = models.ForeignKey(
        "cms.Goal",
        verbose_name=_("doelstelling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    advice = models.ForeignKey(
        "bodies.Advice",
        verbose_name=_("advies"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("order"),
        FieldPanel("title"),
        FieldPanel("signal"),
        FieldPanel("goal"),
        FieldPanel("advice"),
        FieldPanel("page"),
    ]

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agenda")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        "bodies.BodyMember",
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("aanwezigheid"),
        max_length=16,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    panels = [FieldPanel("member"), FieldPanel("status")]

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="unique_attendance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"

    def clean(self) -> None:
        if (
            self.meeting_id
            and self.member_id
            and self.member.body_id != self.meeting.body_id
        ):
            raise ValidationError(
                {"member": _("Kies een lid van het orgaan dat vergadert.")}
            )
