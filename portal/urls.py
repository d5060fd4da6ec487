from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api.wagtail import api_router

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # The admin signs in and out through allauth (MFA, rate limits, one account).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/", include("portal.api.urls")),
    path("", include("portal.portals.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(wagtail_urls)),
]
