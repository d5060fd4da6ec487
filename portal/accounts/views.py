"""Sign-in doors of libraries that would offer a password form of their own."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def django_admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Django's admin signs in through allauth (MFA, rate limits) and is for
    administrators only. allauth's `secure_admin_login` still shows Django's password
    form to signed-in staff; here they are refused instead."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(target, resolve_url(settings.LOGIN_URL))
    if request.user.is_active and request.user.is_superuser:
        return redirect(target)
    raise PermissionDenied
