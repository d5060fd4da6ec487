from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.access.roles import may_use_django_admin
from portal.accounts.views import django_admin_login, wagtail_admin_login
from portal.api.wagtail import api_router
from portal.files import serve_document_view, serve_media_file

# Every sign-in goes through allauth (MFA, rate limits): Django's admin and Wagtail's
# front-end login for private pages would otherwise each offer a password form of
# their own.
admin.site.has_permission = lambda request: may_use_django_admin(request.user)
admin.site.login = django_admin_login
to_account_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # The admin signs in and out through allauth (MFA, rate limits, one account).
    path("admin/login/", wagtail_admin_login),
    path("_util/login/", to_account_login),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    # Wagtail's document serve view, wrapped for the cache headers of the audience.
    re_path(r"^documents/(\d+)/(.*)$", serve_document_view, name="document_file"),
    path("documents/", include(wagtaildocs_urls)),
    # Every uploaded file (images, renditions, documents) is served after the access
    # check, in every environment; the web server must not serve MEDIA_ROOT itself.
    path("media/<path:path>", serve_media_file, name="media_file"),
    path("api/v2/", api_router.urls),
    path("api/", include("portal.api.urls")),
    path("partners/sociale-kaart/", include("cms.socialmap.partner_urls")),
    path("", include("portal.portals.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("zoeken/", include("search.urls")),
    path("sociale-kaart/", include("cms.socialmap.urls")),
    path("overleg/", include("cms.bodies.urls")),
    path("plannen/", include("cms.followup.urls")),
    path("doelen/", include("cms.goalpages.urls")),
    path("indicatoren/", include("cms.indicators.urls")),
    path("", include(wagtail_urls)),
]
