"""Wagtail's API v2 behind the portal's access rules: every endpoint lists only what the
caller may see."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.access import pages_visible_to


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    """Pages for the caller's audiences only; an invisible page answers 404."""

    schema = None  # Wagtail documents API v2 itself; the OpenAPI schema is /api/v1/

    def get_base_queryset(self):
        return pages_visible_to(self.request.user, super().get_base_queryset())


class StaffDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents carry no audience yet: only staff may list them through the API."""

    schema = None

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not (user.is_authenticated and user.is_staff):
            return queryset.none()
        return queryset


class StaffImagesAPIViewSet(ImagesAPIViewSet):
    schema = None

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not (user.is_authenticated and user.is_staff):
            return queryset.none()
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", StaffImagesAPIViewSet)
api_router.register_endpoint("documents", StaffDocumentsAPIViewSet)
