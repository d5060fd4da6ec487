"""Who may see which document or image: those whose audience is one of theirs."""

from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.access.audiences import Audience, audiences_for


def _audience_is_open_to(user, audience: str) -> bool:
    """A public object is decided without looking at the user, so serving it never
    touches the session (and a shared cache may keep it)."""
    return audience == Audience.PUBLIC or audience in audiences_for(user)


def documents_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Documents this user may see: those whose audience is one of theirs."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    return queryset.filter(audience__in=audiences_for(user))


def document_is_visible_to(user, document) -> bool:
    """Whether this user may download this document."""
    return _audience_is_open_to(user, document.audience)


def images_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Images this user may see: those whose audience is one of theirs."""
    queryset = get_image_model().objects.all() if queryset is None else queryset
    return queryset.filter(audience__in=audiences_for(user))


def image_is_visible_to(user, image) -> bool:
    """Whether this user may see this image: its original file and every rendition."""
    return _audience_is_open_to(user, image.audience)
