"""Multi-year policy plans: their chapters, approvals and goal tree."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock, FootnoteBlock
from cms.models.base import PortalPage
from cms.models.goal_tree import build_goal_tree
from cms.outline import flatten, outline


class PlanKind(models.TextChoices):
    MULTI_YEAR = "multi_year_plan", _("Meerjarenplan")
    LOCAL_SOCIAL_POLICY = "local_social_policy_plan", _("Lokaal sociaal beleidsplan")
    THEMATIC = "thematic_plan", _("Thematisch plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Ontwerp")
    ADOPTED = "adopted", _("Goedgekeurd")
    RUNNING = "running", _("In uitvoering")
    CLOSED = "closed", _("Afgesloten")


class GoalTreeField(serializers.Field):
    """The goal tree as nested {code, title, level, owners, timing, status, progress,
    children}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, nodes):
        return [node.as_dict() for node in nodes]


class PolicyPlanPage(PortalPage):
    """A plan for a period, with mission and vision, chapters and a goal tree."""

    plan_kind = models.CharField(
        _("soort plan"),
        max_length=32,
        choices=PlanKind.choices,
        default=PlanKind.MULTI_YEAR,
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    owner_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_plans",
    )
    governing_bodies = ParentalManyToManyField(
        "portal.Organisation",
        blank=True,
        verbose_name=_("besturen"),
        related_name="governed_plans",
        help_text=_("Bijvoorbeeld de gemeente en het OCMW."),
    )
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    timing_terms = models.CharField(
        _("betekenis van de termijnen"),
        max_length=255,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: korte termijn = 2026-2027, lange termijn = 2028-2031"
        ),
    )
    life_domains = ParentalManyToManyField(
        "cms.LifeDomain", blank=True, verbose_name=_("levensdomeinen")
    )
    mission = RichTextField(
        _("missie"), blank=True, features=["bold", "italic", "link"]
    )
    vision = RichTextField(
        _("visie"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("hoofdstukken"))
    footnotes = StreamField(
        [("footnote", FootnoteBlock())], blank=True, verbose_name=_("voetnoten")
    )
    strategic_label = models.CharField(
        _("naam niveau 1"), max_length=60, default="Strategische doelstelling"
    )
    tactical_label = models.CharField(
        _("naam niveau 2"), max_length=60, default="Tactische doelstelling"
    )
    operational_label = models.CharField(
        _("naam niveau 3"), max_length=60, default="Operationele doelstelling"
    )
    action_label = models.CharField(_("naam niveau 4"), max_length=60, default="Actie")
    update_interval_months = models.PositiveSmallIntegerField(
        _("bijwerken om de (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Hoe vaak de trekkers de voortgang van elke doelstelling moeten melden."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("plan_kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("owner_organisation"),
                FieldPanel("governing_bodies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("timing_terms"),
                FieldPanel("update_interval_months"),
            ],
            heading=_("Plan"),
        ),
        InlinePanel("approvals", label=_("Goedkeuringen"), heading=_("Goedkeuringen")),
        FieldPanel("life_domains", widget=forms.CheckboxSelectMultiple),
        FieldPanel("mission"),
        FieldPanel("vision"),
        FieldPanel("body"),
        FieldPanel("footnotes"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("strategic_label"), FieldPanel("tactical_label")]
                ),
                FieldRowPanel(
                    [FieldPanel("operational_label"), FieldPanel("action_label")]
                ),
            ],
            heading=_("Namen van de niveaus in de doelenboom"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("mission"),
        index.SearchField("vision"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("plan_kind"),
    ]
    api_fields = [
        *PortalPage.api_fields,
        APIField("plan_kind"),
        APIField("summary"),
        APIField("owner_organisation", serializer=serializers.StringRelatedField()),
        APIField(
            "governing_bodies", serializer=serializers.StringRelatedField(many=True)
        ),
        APIField("start_year"),
        APIField("end_year"),
        APIField("status"),
        APIField("timing_terms"),
        APIField("approvals"),
        APIField("life_domains", serializer=serializers.StringRelatedField(many=True)),
        APIField("mission"),
        APIField("vision"),
        APIField("level_labels"),
        APIField("body"),
        APIField("footnotes"),
        APIField("goals", serializer=GoalTreeField(source="goal_tree")),
    ]
    parent_page_types = ["cms.IndexPage", "cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("beleidsplan")
        verbose_name_plural = _("beleidsplannen")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("Het eindjaar ligt voor het beginjaar.")}
            )

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def level_labels(self) -> dict[str, str]:
        return {
            "strategic": self.strategic_label,
            "tactical": self.tactical_label,
            "operational": self.operational_label,
            "action": self.action_label,
        }

    def outline(self):
        return outline(self.body)

    def sections(self):
        return flatten(self.outline())

    def get_sitemap_urls(self, request=None):
        """The plan, then each of its goals' own pages (a search engine finds a
        goal as a citizen's search does); none for a plan the public may not see."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        _site, root, _path = self.get_url_parts(request)
        lastmod = urls[0].get("lastmod")
        goals = self.goals.only("pk", "code").order_by("sort_order", "pk")
        return urls + [
            {"location": root + goal.get_absolute_url(), "lastmod": lastmod}
            for goal in goals
        ]

    def goal_tree(self):
        """The goal tree with progress rolled up from the leaves (one query); empty
        for a plan being previewed before its first save."""
        if self.pk is None:
            return []
        return build_goal_tree(self)


class PlanApproval(Orderable):
    """A decision by a governing body on the plan (gemeenteraad, raad voor
    maatschappelijk welzijn, ...)."""

    page = ParentalKey(
        PolicyPlanPage, on_delete=models.CASCADE, related_name="approvals"
    )
    body = models.CharField(_("orgaan"), max_length=255)
    date = models.DateField(_("datum"))
    reference = models.CharField(
        _("kenmerk van de beslissing"), max_length=255, blank=True
    )

    panels = [FieldPanel("body"), FieldPanel("date"), FieldPanel("reference")]
    api_fields = [APIField("body"), APIField("date"), APIField("reference")]

    class Meta(Orderable.Meta):
        verbose_name = _("goedkeuring")
        verbose_name_plural = _("goedkeuringen")

    def __str__(self) -> str:
        return f"{self.body} ({self.date:%d-%m-%Y})"
