"""/api/v1/: the portal's REST API, and its OpenAPI schema and docs.

Every endpoint is put on the one router by its app's `register(router)`.
"""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from cms import api as cms_api
from cms.bodies import api as bodies_api
from cms.followup import api as followup_api
from cms.signals import api as signals_api
from cms.socialmap import api as socialmap_api
from portal.api import me
from portal.api.errors import NotFoundView
from portal.api.routers import ApiRouter
from search import api as search_api

router = ApiRouter()
for app_api in (
    me,
    search_api,
    socialmap_api,
    cms_api,
    signals_api,
    bodies_api,
    followup_api,
):
    app_api.register(router)

urlpatterns = [
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
