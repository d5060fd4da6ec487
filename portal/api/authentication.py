"""API sign-in: allauth's session token for apps (`X-Session-Token`)."""

from allauth.headless.contrib.rest_framework.authentication import (
    XSessionTokenAuthentication,
)
from django.http import HttpRequest
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from portal.accounts.mfa import lacks_required_second_factor


def _token_request(user, session) -> HttpRequest:
    """A request carrying the token's own session: that session, not the cookie's,
    records how this client signed in (password, or the identity provider)."""
    request = HttpRequest()
    request.session = session
    request.user = user
    return request


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth's token authentication, plus the portal's MFA rule: a civil servant
    who has not enrolled a second factor gets no API access with a token either.

    A token that is sent but unknown, expired or not fully signed in (second step
    pending) answers 401, so a client notices it
    must sign in again instead of silently getting only public data."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None and self.get_session_token(request):
            raise AuthenticationFailed(
                detail="Deze sessie is niet (meer) aangemeld; meld je opnieuw aan.",
                code="invalid_token",
            )
        if result and lacks_required_second_factor(_token_request(*result)):
            raise PermissionDenied(
                detail="Stel eerst tweestapsverificatie in voor dit account.",
                code="mfa_required",
            )
        return result

    def authenticate_header(self, request):
        return "X-Session-Token"


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": (
                "Session token from `POST /_allauth/app/v1/auth/login` "
                '(`{"email": ..., "password": ...}`).'
            ),
        }
