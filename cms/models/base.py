"""The page base every portal page builds on, and the general page types."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.media import files_narrower_than
from portal.access import page_is_visible_to, pages_visible_to
from portal.audiences import AUDIENCE_RANK, Audience


class PortalPage(Page):
    """A page with an audience. Serving, menus and the API ask `portal.access` whether
    a user may see it; an invisible page answers 404."""

    audience = models.CharField(
        _("publiek"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_(
            "Wie deze pagina mag zien. Nooit ruimer dan de bovenliggende pagina."
        ),
        db_index=True,
    )

    is_creatable = False
    settings_panels = [FieldPanel("audience"), *Page.settings_panels]
    api_fields = [APIField("audience")]

    class Meta:
        verbose_name = _("portaalpagina")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        parent_audience = getattr(
            getattr(parent, "specific_deferred", None), "audience", None
        )
        if (
            parent_audience
            and AUDIENCE_RANK[self.audience] < AUDIENCE_RANK[parent_audience]
        ):
            raise ValidationError(
                {
                    "audience": _(
                        "Deze pagina kan niet ruimer zichtbaar zijn dan de "
                        "bovenliggende pagina (%(parent)s)."
                    )
                    % {"parent": Audience(parent_audience).label}
                }
            )
        # Files are checked again when served; this tells the editor before readers
        # of the page meet a 404.
        narrower = files_narrower_than(self)
        if narrower:
            raise ValidationError(
                {
                    name: _(
                        "Deze pagina is zichtbaar voor: %(audience)s. Niet elke "
                        "lezer mag deze bestanden zien: %(files)s. Kies een ruimer "
                        "publiek voor het bestand of een kleiner voor de pagina."
                    )
                    % {
                        "audience": Audience(self.audience).label,
                        "files": ", ".join(
                            f"{file.title} ({Audience(file.audience).label})"
                            for file in files
                        ),
                    }
                    for name, files in narrower.items()
                }
            )

    def serve(self, request, *args, **kwargs):
        if not page_is_visible_to(request.user, self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Sitemaps are public: only pages for the public audience are listed."""
        if self.audience != Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def visible_children(self, user):
        return pages_visible_to(user, self.get_children()).specific()


class HomePage(PortalPage):
    """The public front page of a town's portal."""

    intro = RichTextField(
        _("inleiding"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [*PortalPage.api_fields, APIField("intro"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")


class IndexPage(PortalPage):
    """A section that lists its children: framework texts, plans, news, ..."""

    intro = RichTextField(
        _("inleiding"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [*PortalPage.api_fields, APIField("intro")]

    class Meta:
        verbose_name = _("overzichtspagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.visible_children(request.user)
        return context


class ContentPage(PortalPage):
    """A general page of text."""

    summary = models.TextField(_("samenvatting"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [*PortalPage.api_fields, APIField("summary"), APIField("body")]

    class Meta:
        verbose_name = _("inhoudspagina")
