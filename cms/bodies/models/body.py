"""A body (working group, forum, council, ...) and who sits in it, for which period.

A membership gives rights only while it runs (`BodyMember.is_active_on`); the access
rules in `portal.access.bodies` apply the same period in the database.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel


class BodyKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("werkgroep")
    STEERING_GROUP = "steering_group", _("stuurgroep")
    DIRECTORS_MEETING = "directors_meeting", _("regisseursoverleg")
    FORUM = "forum", _("forum")
    ADVISORY_COUNCIL = "advisory_council", _("adviesraad")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("voorzitter of trekker")
    SECRETARY = "secretary", _("secretaris")
    MEMBER = "member", _("lid")
    OBSERVER = "observer", _("waarnemer")


class Body(ClusterableModel):
    """A group that meets and, when `gives_advice`, advises the town."""

    kind = models.CharField(
        _("soort"),
        max_length=24,
        choices=BodyKind.choices,
        default=BodyKind.WORKING_GROUP,
    )
    name = models.CharField(_("naam"), max_length=200, unique=True)
    remit = models.TextField(
        _("opdracht"),
        blank=True,
        help_text=_("Waarover dit orgaan werkt of adviseert."),
    )
    life_domains = models.ManyToManyField(
        "cms.LifeDomain", verbose_name=_("levensdomeinen"), blank=True
    )
    target_groups = models.ManyToManyField(
        "cms.TargetGroup", verbose_name=_("doelgroepen"), blank=True
    )
    contact_civil_servant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanspreekpunt bij het bestuur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gives_advice = models.BooleanField(_("geeft advies"), default=False)
    is_public = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_(
            "Een openbaar orgaan staat op de publieke site; zijn werkruimte blijft "
            "voor de leden."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("remit"),
        MultiFieldPanel(
            [FieldPanel("life_domains"), FieldPanel("target_groups")],
            heading=_("Thema's"),
        ),
        FieldPanel("contact_civil_servant"),
        FieldPanel("gives_advice"),
        FieldPanel("is_public"),
        InlinePanel("members", heading=_("Leden"), label=_("lid")),
    ]

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    """A seat in a body for a period: a person, the organisation they represent,
    or both (an organisation may send whoever it likes)."""

    body = ParentalKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_memberships",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("vertegenwoordigt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_seats",
    )
    role = models.CharField(
        _("rol"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    start_date = models.DateField(_("van"), default=timezone.localdate)
    end_date = models.DateField(_("tot en met"), null=True, blank=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["body", "role", "start_date", "pk"]

    def __str__(self) -> str:
        who = self.user or self.organisation or _("onbekend")
        return f"{who} ({self.get_role_display()}, {self.body})"

    def clean(self) -> None:
        if self.user_id is None and self.organisation_id is None:
            raise ValidationError(
                _("Kies een persoon of de organisatie die dit lid vertegenwoordigt.")
            )
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Het einde valt voor het begin van het lidmaatschap.")}
            )

    def is_active_on(self, day: datetime.date) -> bool:
        """Whether the seat runs on `day` (both ends included)."""
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )
