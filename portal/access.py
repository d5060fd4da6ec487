"""The access selectors: one function per kind of object decides what a user may see.

Page serving, menus, listings, sitemaps and the API all call these; never filter on
`audience` anywhere else.
"""

from django.db.models import QuerySet
from wagtail.models import Page

from portal.audiences import audiences_for


def pages_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Live pages this user may see. Pages without an audience (Wagtail's root, plain
    Page) count as public; portal pages carry their own audience."""
    from cms.models import PortalPage

    queryset = Page.objects.all() if queryset is None else queryset
    allowed = audiences_for(user)
    restricted = PortalPage.objects.exclude(audience__in=allowed).values("pk")
    return queryset.live().exclude(pk__in=restricted)


def page_is_visible_to(user, page: Page) -> bool:
    """Whether this user may see this page (live or not, the audience decides)."""
    audience = getattr(page.specific_deferred, "audience", None)
    return audience is None or audience in audiences_for(user)
