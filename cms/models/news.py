"""News items and events: content pages with the dates readers look for."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField

from cms.models.base import ContentPage


class NewsPage(ContentPage):
    """A news item: a content page with the day it was published."""

    date = models.DateField(_("datum"), null=True, blank=True)

    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("date"),
        *ContentPage.content_panels[1:],
    ]
    api_fields = [*ContentPage.api_fields, APIField("date")]

    class Meta:
        verbose_name = _("nieuwsbericht")


class EventPage(ContentPage):
    """An event: when and where it takes place, and whom to contact."""

    start = models.DateTimeField(_("begin"), null=True, blank=True)
    end = models.DateTimeField(_("einde"), null=True, blank=True)
    whole_day = models.BooleanField(_("hele dag"), default=False)
    location = models.CharField(_("locatie"), max_length=255, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=255, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    event_url = models.URLField(_("website"), blank=True, max_length=500)

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("whole_day"),
                FieldPanel("location"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("event_url"),
            ],
            heading=_("Wanneer en waar"),
        ),
        *ContentPage.content_panels[1:],
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("whole_day"),
        APIField("location"),
        APIField("event_url"),
    ]

    class Meta:
        verbose_name = _("activiteit")
