"""/api/v1/: the portal's REST API, and its OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from cms import api as cms_api
from cms.signals import api as signals_api
from portal.api.errors import NotFoundView
from portal.api.me import MeView

router = DefaultRouter()
cms_api.register(router)
signals_api.register(router)

urlpatterns = [
    path("v1/me/", MeView.as_view(), name="api-me"),
    path("v1/search/", include("search.api_urls")),
    path("v1/hsds/", include("cms.socialmap.api_urls")),
    path("v1/", include(router.urls)),
    path("v1/<path:unknown>", NotFoundView.as_view(), name="api-not-found"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "docs/redoc/",
        SpectacularRedocView.as_view(url_name="api-schema"),
        name="api-redoc",
    ),
]
