"""The access selectors: one function per kind of object decides what a user may see.

Page serving, file serving, menus, listings, sitemaps and the API all call these;
never filter on `audience` anywhere else.
"""

from django.db.models import QuerySet
from wagtail.models import Page

from portal.audiences import Audience, audiences_for


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


def _audience_is_open_to(user, audience: str) -> bool:
    """A public object is decided without looking at the user, so serving it never
    touches the session (and a shared cache may keep it)."""
    return audience == Audience.PUBLIC or audience in audiences_for(user)


def documents_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Documents this user may see: those whose audience is one of theirs."""
    from wagtail.documents import get_document_model

    queryset = get_document_model().objects.all() if queryset is None else queryset
    return queryset.filter(audience__in=audiences_for(user))


def document_is_visible_to(user, document) -> bool:
    """Whether this user may download this document."""
    return _audience_is_open_to(user, document.audience)


def images_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Images this user may see: those whose audience is one of theirs."""
    from wagtail.images import get_image_model

    queryset = get_image_model().objects.all() if queryset is None else queryset
    return queryset.filter(audience__in=audiences_for(user))


def image_is_visible_to(user, image) -> bool:
    """Whether this user may see this image: its original file and every rendition."""
    return _audience_is_open_to(user, image.audience)


def signals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Signals this user may see; the rule (draft, submitted, registered, published
    with consent) lives in `cms.signals.selectors`."""
    from cms.signals.selectors import signals_visible_to as visible

    return visible(user, queryset)


def signal_is_visible_to(user, signal) -> bool:
    """Whether this user may see this signal (and its attachments)."""
    from cms.signals.selectors import signal_is_visible_to as visible

    return visible(user, signal)
