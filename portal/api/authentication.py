"""API sign-in: allauth's session token for apps (`X-Session-Token`)."""

from allauth.headless.contrib.rest_framework.authentication import (
    XSessionTokenAuthentication,
)
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.exceptions import PermissionDenied

from portal.accounts.mfa import lacks_required_second_factor


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth's token authentication, plus the portal's MFA rule: a civil servant
    who has not enrolled a second factor gets no API access with a token either."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result and lacks_required_second_factor(request, result[0]):
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
