"""Civil servants, editors and administrators enrol a second factor before they do
anything else, and then go on to where they were going. allauth offers MFA but does
not make it mandatory for some roles."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.mfa import (
    lacks_required_second_factor,
    remember_destination_after_enrolment,
)

# Paths a person without a second factor may still use: signing in and out, enrolling
# MFA, and the static files those pages need.
EXEMPT_PREFIXES = ("/accounts/", "/_allauth/", "/static/", "/favicon")


class RequireMultiFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path == reverse("mfa_activate_totp"):
            remember_destination_after_enrolment(request)
        if not request.path.startswith(EXEMPT_PREFIXES) and (
            lacks_required_second_factor(request)
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "error": {
                        "code": "mfa_required",
                        "message": _(
                            "Stel eerst tweestapsverificatie in voor dit account."
                        ),
                    }
                },
                status=403,
            )
        messages.info(
            request,
            _(
                "Als medewerker meld je aan met tweestapsverificatie. Stel die nu in "
                "met een authenticator-app."
            ),
        )
        target = reverse("mfa_activate_totp")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
