"""`Cache-Control: private` and `Vary` on every answer that depends on who asks.

Django adds `Vary: Cookie` when a view reads the session, but leaves the answer
cacheable by shared caches (a proxy, a CDN) unless the view says otherwise: a page
rendered for a signed-in person could then be served to the next visitor. The API
is read with a session cookie or with allauth's `X-Session-Token`; a cache must
keep those answers apart as well.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

SESSION_TOKEN_HEADER = "X-Session-Token"
# Answers under these paths may depend on a session token.
TOKEN_PATHS = ("/api/", "/_allauth/")


def depends_on_caller(request: HttpRequest) -> bool:
    """Whether the answer may differ per caller: a session the view read (the
    browser sent one), a session token, or a signed-in user."""
    if request.headers.get(SESSION_TOKEN_HEADER):
        return True
    session = getattr(request, "session", None)
    if (
        session is not None
        and session.accessed
        and settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return True
    user = getattr(request, "user", None)
    # Only when something already looked at the (lazy) user: asking here would read
    # the session of every anonymous request. Token sign-in sets a plain user.
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return False
    return bool(user.is_authenticated)


def is_declared_public(response: HttpResponseBase) -> bool:
    """The view said the answer is the same for everyone (a public file)."""
    return "public" in response.get("Cache-Control", "").lower()


class PrivateCacheMiddleware:
    """Marks answers that depend on the caller private (shared caches must not keep
    them) and varies them on the cookie and, in the API, on the session token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith(TOKEN_PATHS):
            patch_vary_headers(response, [SESSION_TOKEN_HEADER])
        if depends_on_caller(request) and not is_declared_public(response):
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response
