"""Content-Security-Policy: django-csp's middleware, with extra sources per path.

One strict policy (settings.CONTENT_SECURITY_POLICY) covers the site: scripts and
style sheets from this origin only, inline scripts only with the request's nonce.
A few third-party pages need more than that, and only on their own paths
(settings.CONTENT_SECURITY_POLICY_PATHS: per path prefix, django-csp's "update"
and "replace" parts): django-csp offers per-view decorators for that, but those
pages are views of Wagtail and drf-spectacular that we do not write, so the
middleware picks the parts by path prefix instead.
"""

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def source_of(url: str) -> str | None:
    """The CSP source expression (scheme and host) of a URL template such as a
    Leaflet tile URL; `{s}` subdomains become a wildcard. None for an empty URL."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}.", "wildcard-subdomain."))
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc.replace("wildcard-subdomain.", "*.")
    return f"{parts.scheme}://{host}"


def inline_style_hashes(template: Path) -> list[str]:
    """CSP hash sources of the <style> blocks of a template that must stay
    self-contained (the 500 page: no static files, no request, no database)."""
    sources = []
    for block in re.findall(r"<style>(.*?)</style>", template.read_text(), re.S):
        digest = hashlib.sha256(block.encode()).digest()
        sources.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sources


class PathPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, applying the "update" and "replace" parts that
    CONTENT_SECURITY_POLICY_PATHS gives the longest matching path prefix (unless
    the view set its own with django-csp's decorators)."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        paths = getattr(settings, "CONTENT_SECURITY_POLICY_PATHS", {})
        matching = [p for p in paths if request.path_info.startswith(p)]
        if matching:
            extra = paths[max(matching, key=len)]
            if parts.update is None:
                parts.update = extra.get("update")
            if parts.replace is None:
                parts.replace = extra.get("replace")
        return parts
