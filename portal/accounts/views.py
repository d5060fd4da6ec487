"""Sign-in doors of libraries that would offer a password form of their own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from portal.access.doors import not_for_the_admin
from portal.access.roles import may_use_wagtail_admin


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


def wagtail_admin_login(request: HttpRequest) -> HttpResponse:
    """Where Wagtail's admin sends whoever may not use it. Anonymous visitors go on
    to allauth's sign-in; a signed-in partner or citizen is told that the admin is
    for editors, with the way to their own door, rather than shown a second
    sign-in form (and Wagtail's bare "no access" message is dropped)."""
    if not request.user.is_authenticated:
        target = reverse("account_login")
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{target}?{query}" if query else target)
    if may_use_wagtail_admin(request.user):
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            target = reverse("wagtailadmin_home")
        return redirect(target)
    for _message in messages.get_messages(request):
        pass  # read, so they do not follow on to the next page
    return not_for_the_admin(request)
