"""A body's yearly report as a page: generated as a draft from the body's year
(`cms.bodies.report.create_year_report_draft`), completed and published by an
editor through the usual moderation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.bodies.models.body import Body
from cms.models import PortalPage


class BodyYearReportPage(PortalPage):
    """ "Jaarverslag 2026 Werkgroep Welzijn": one per body and calendar year."""

    body = models.ForeignKey(
        Body,
        verbose_name=_("orgaan"),
        on_delete=models.PROTECT,
        related_name="year_reports",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    intro = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Wat het orgaan dit jaar deed en wat het volgend jaar wil doen."),
    )
    report = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("verslag"),
        help_text=_(
            "Opgemaakt uit de vergaderingen, aanwezigheden, adviezen en antwoorden "
            "van het jaar; vul aan of pas aan."
        ),
    )

    parent_page_types = ["cms.IndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("body", read_only=True), FieldPanel("year", read_only=True)],
            heading=_("Orgaan en jaar"),
        ),
        FieldPanel("intro"),
        FieldPanel("report"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("report"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("year"),
        APIField("intro"),
        APIField("report"),
    ]

    class Meta:
        verbose_name = _("jaarverslag van een orgaan")
        verbose_name_plural = _("jaarverslagen van organen")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"], name="unique_body_year_report"
            )
        ]
