"""The second-factor rule: who must have one, and whether this session is covered."""

import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from portal.access.roles import requires_second_factor

SECOND_FACTOR_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# Where a person was going when enrolment of a second factor interrupted them.
DESTINATION_AFTER_ENROLMENT = "portal_destination_after_enrolment"


def signed_in_through_identity_provider(request: HttpRequest) -> bool:
    """Single sign-on through the town's identity provider: the provider enforces
    its own second factor, so the portal does not ask for another one."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount" for record in records)


def signed_in_at(request: HttpRequest) -> datetime | None:
    """When this session last passed a sign-in step, if it lies within allauth's
    reauthentication window."""
    records = get_authentication_records(request, request.user)
    if not records:
        return None
    at = records[-1]["at"]
    if time.time() - at >= account_settings.REAUTHENTICATION_TIMEOUT:
        return None
    return datetime.fromtimestamp(at, tz=UTC)


def may_enrol_without_reauthentication(request: HttpRequest) -> bool:
    """Someone who signed in a moment ago sets up their second factor (and sees the
    recovery codes that come with it) without typing the password again: the portal
    sends staff there right after sign-in. A factor that existed before this sign-in
    is changed or removed only after reauthentication."""
    user = request.user
    if not user.is_authenticated:
        return False
    since = signed_in_at(request)
    return since is not None and not (
        Authenticator.objects.filter(user=user, created_at__lt=since).exists()
    )


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


def remember_destination_after_enrolment(request: HttpRequest) -> None:
    """Keep the `next` of the enrolment page, so that the person goes on to it once
    the recovery codes are shown (allauth's enrolment ends there and forgets `next`).
    Only a page of this site is kept: an outside address is dropped, never followed."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[DESTINATION_AFTER_ENROLMENT] = target
    else:
        request.session.pop(DESTINATION_AFTER_ENROLMENT, None)


def destination_after_enrolment(request: HttpRequest) -> str | None:
    """The page remembered when enrolment began, once: later visits go to the door."""
    if not hasattr(request, "session"):
        return None
    return request.session.pop(DESTINATION_AFTER_ENROLMENT, None)
