"""Wagtail's API v2 behind the portal's access rules: every endpoint lists only what the
caller may see."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.access import (
    documents_visible_to,
    images_visible_to,
    pages_visible_to,
)


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    """Pages for the caller's audiences only; an invisible page answers 404."""

    schema = None  # Wagtail documents API v2 itself; the OpenAPI schema is /api/v1/

    def get_base_queryset(self):
        return pages_visible_to(self.request.user, super().get_base_queryset())


class VisibleDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents for the caller's audiences only; an invisible one answers 404. The
    download_url is Wagtail's serve view, which checks the audience again."""

    schema = None

    def get_queryset(self):
        return documents_visible_to(self.request.user, super().get_queryset())


class VisibleImagesAPIViewSet(ImagesAPIViewSet):
    """Images for the caller's audiences only; an invisible one answers 404. The
    download_url is under MEDIA_URL, served by the checking view of portal.files."""

    schema = None

    def get_queryset(self):
        return images_visible_to(self.request.user, super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", VisibleImagesAPIViewSet)
api_router.register_endpoint("documents", VisibleDocumentsAPIViewSet)
