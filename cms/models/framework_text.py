"""Framework texts (kaderteksten, afsprakenkaders, kwaliteitskaders)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, FootnoteBlock
from cms.models.base import PortalPage
from cms.outline import Section, flatten, outline
from portal.access import pages_visible_to


class TextStyle(models.TextChoices):
    SECTIONS = "sections", _("Hoofdstukken en paragrafen")
    QUESTIONS_AND_ANSWERS = "questions_and_answers", _("Vragen en antwoorden")


class OutlineField(serializers.Field):
    """The table of contents as nested {number, title, anchor, children}."""

    def to_representation(self, sections: list[Section]):
        return [
            {
                "number": section.number,
                "title": section.title,
                "anchor": section.anchor,
                "children": self.to_representation(section.children),
            }
            for section in sections
        ]


class VisiblePageListField(serializers.Field):
    """A list of related pages as {id, title, url}, only those the caller may see."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, queryset):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return [
            {"id": page.pk, "title": page.title, "url": page.url}
            for page in pages_visible_to(user, queryset)
        ]


class FrameworkTextPage(PortalPage):
    """A text that fixes vision, roles and ways of working, in numbered chapters and
    sections, each with a stable anchor and a place in the table of contents."""

    summary = models.TextField(_("samenvatting"), blank=True)
    owner_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="framework_texts",
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    published_on = models.DateField(_("datum van de tekst"), null=True, blank=True)
    version_label = models.CharField(_("versie"), max_length=50, blank=True)
    replaces = models.ForeignKey(
        "cms.FrameworkTextPage",
        verbose_name=_("vervangt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_("De vorige versie van deze tekst."),
    )
    style = models.CharField(
        _("vorm"), max_length=32, choices=TextStyle.choices, default=TextStyle.SECTIONS
    )
    life_domains = ParentalManyToManyField(
        "cms.LifeDomain", blank=True, verbose_name=_("levensdomeinen")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("tekst"))
    footnotes = StreamField(
        [("footnote", FootnoteBlock())], blank=True, verbose_name=_("voetnoten")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("owner_organisation"),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel(
                    [FieldPanel("version_label"), FieldPanel("published_on")]
                ),
                FieldPanel("replaces"),
            ],
            heading=_("Geldigheid en versie"),
        ),
        FieldPanel("life_domains", widget=forms.CheckboxSelectMultiple),
        FieldPanel("style"),
        FieldPanel("body"),
        FieldPanel("footnotes"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("style"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("summary"),
        APIField("owner_organisation", serializer=serializers.StringRelatedField()),
        APIField("valid_from"),
        APIField("valid_until"),
        APIField("published_on"),
        APIField("version_label"),
        APIField(
            "replaces", serializer=serializers.PrimaryKeyRelatedField(read_only=True)
        ),
        APIField("newer_versions", serializer=VisiblePageListField()),
        APIField("style"),
        APIField("life_domains", serializer=serializers.StringRelatedField(many=True)),
        APIField("table_of_contents", serializer=OutlineField(source="outline")),
        APIField("body"),
        APIField("footnotes"),
    ]
    parent_page_types = ["cms.IndexPage", "cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("kadertekst")
        verbose_name_plural = _("kaderteksten")

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("De einddatum ligt voor de begindatum.")}
            )
        if self.replaces_id and self.replaces_id == self.pk:
            raise ValidationError(
                {"replaces": _("Een tekst kan zichzelf niet vervangen.")}
            )

    def outline(self) -> list[Section]:
        return outline(self.body)

    def sections(self) -> list[Section]:
        """Every numbered section in reading order, each with its own blocks."""
        return flatten(self.outline())

    def newer_versions(self):
        """Later versions that replace this text (their visibility is the caller's
        to check). A page being previewed before its first save has none."""
        if self.pk is None:
            return FrameworkTextPage.objects.none()
        return self.replaced_by.all().order_by("-valid_from")
