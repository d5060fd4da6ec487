"""The second-factor rule: who must have one, and whether this session is covered."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

from portal.roles import requires_second_factor

SECOND_FACTOR_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def signed_in_through_identity_provider(request: HttpRequest) -> bool:
    """Single sign-on through the town's identity provider: the provider enforces
    its own second factor, so the portal does not ask for another one."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount" for record in records)


def lacks_required_second_factor(request: HttpRequest, user=None) -> bool:
    """True when this user must use MFA but has not enrolled a second factor yet."""
    user = user or request.user
    if not (user and user.is_authenticated) or not requires_second_factor(user):
        return False
    if is_mfa_enabled(user, SECOND_FACTOR_TYPES):
        return False
    return not (
        hasattr(request, "session") and signed_in_through_identity_provider(request)
    )
