"""The page base every portal page builds on, and the general page types."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.media import files_narrower_than
from portal.access import (
    Audience,
    declares_page_audience,
    page_audience_problem,
    page_is_visible_to,
    pages_visible_to,
)


class PortalPageForm(WagtailAdminPageForm):
    """The admin's page form: a page never wider than its parent, also a new one
    (the model's `clean` does not know the parent of a page not yet in the tree)."""

    def clean(self):
        cleaned_data = super().clean()
        audience = cleaned_data.get("audience")
        if audience and self.instance._state.adding and self.parent_page:
            problem = page_audience_problem(audience, parent=self.parent_page)
            if problem:
                self.add_error("audience", problem)
        return cleaned_data


@declares_page_audience
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
    base_form_class = PortalPageForm
    settings_panels = [FieldPanel("audience"), *Page.settings_panels]
    api_fields = [APIField("audience")]

    class Meta:
        verbose_name = _("portaalpagina")

    def clean(self):
        super().clean()
        # In the tree (saved, or being added: treebeard sets the path first).
        parent = self.get_parent() if self.path and self.depth > 1 else None
        problem = page_audience_problem(self.audience, parent=parent, page=self)
        if problem:
            raise ValidationError({"audience": problem})
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

    def move(self, target, pos=None, user=None):
        """Moving checks the audience like saving does: never under a narrower
        parent. (The admin moves through its own view; the `before_move_page` hook
        in `cms.wagtail_hooks` refuses there, in words.)"""
        as_child = pos in (None, "first-child", "last-child", "sorted-child")
        parent = target if as_child else target.get_parent()
        problem = page_audience_problem(self.audience, parent=parent)
        if problem:
            raise ValidationError({"audience": problem})
        return super().move(target, pos=pos, user=user)

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
