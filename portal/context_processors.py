"""Template context every portal page needs: the navigation the user may see and the
way to sign in."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from wagtail.models import Site

from cms.fragments import fragments_version
from portal.access import pages_visible_to
from portal.access.audiences import audiences_for

ACCOUNT_PAGES = ("/accounts/", "/_allauth/")


def portal(request) -> dict:
    def navigation():
        """The menu pages, cached per audience and content version (they are
        the same for everyone who may see the same audiences)."""
        site = Site.find_for_request(request)
        if site is None:
            return []
        audiences = ",".join(audiences_for(request.user))
        key = f"site-navigation:{site.pk}:{fragments_version()}:{audiences}"
        return cache.get_or_set(
            key,
            lambda: list(
                pages_visible_to(request.user, site.root_page.get_children())
                .in_menu()
                .specific()
            ),
            timeout=60 * 60,
        )

    def login_url():
        """The sign-in page, coming back here afterwards (not from the start page
        nor from the account pages themselves)."""
        url = resolve_url(settings.LOGIN_URL)
        if request.path == "/" or request.path.startswith(ACCOUNT_PAGES):
            return url
        return f"{url}?{urlencode({'next': request.get_full_path()})}"

    return {
        "account_login_url": login_url,
        # Pages with footnotes set their own; block templates everywhere else need the
        # name to exist (a missing filter argument is an error in Django templates).
        "footnote_refs": None,
        "site_navigation": navigation,
        "user_audiences": lambda: audiences_for(request.user),
    }
