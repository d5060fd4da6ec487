"""allauth adapters: where each role lands (an invited person on their organisation),
and how single sign-on accounts are made."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.headless.internal.restkit.response import ErrorResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from portal.access.roles import door_for
from portal.accounts.invitations import (
    accept_followed_invitation,
    membership_page,
    open_invitation_link_for,
    welcome_member,
)
from portal.accounts.mfa import may_enrol_without_reauthentication
from portal.accounts.throttling import is_headless, login_attempts_key, login_refusal


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Each role lands at its own door, unless a `next` page was asked for
        (allauth checks `next` before it calls this)."""
        return str(door_for(request.user))

    def post_login(
        self, request: HttpRequest, user, *, redirect_url: str | None, **kwargs
    ) -> HttpResponse:
        """Signing in (or up) through an invitation link accepts the invitation:
        the person lands as a member on their organisation's page."""
        membership = accept_followed_invitation(
            user=user, next_url=redirect_url or get_next_redirect_url(request)
        )
        if membership is not None:
            redirect_url = membership_page(membership)
        response = super().post_login(
            request, user, redirect_url=redirect_url, **kwargs
        )
        if membership is not None:
            welcome_member(request, membership)
        return response

    def get_email_verification_redirect_url(self, email_address) -> str:
        """Someone who confirms an invited address without being signed in (the
        mail opened in another browser) goes back to the invitation, so that
        signing in leads on to the organisation rather than to their door."""
        if not self.request.user.is_authenticated:
            link = open_invitation_link_for(email_address.email)
            if link:
                return link
        return super().get_email_verification_redirect_url(email_address)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        request = context.request
        if (
            app == "allauth.mfa"
            and request is not None
            and may_enrol_without_reauthentication(request)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """Failed sign-ins count per address and client network, not per address
        alone (portal/accounts/throttling.py says why)."""
        return login_attempts_key(
            request,
            site_domain=get_current_site(request).domain,
            login=credentials.get("email", credentials.get("username", "")),
        )

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        """allauth's check of the failed-login rates, with a refusal that says how
        long it lasts and where to set a new password; the app API answers it
        with 429, as the pages answer their rate limits."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            refusal = login_refusal(request)
            if is_headless(request):
                raise ImmediateHttpResponse(
                    ErrorResponse(request, exception=refusal, status=429)
                ) from error
            raise refusal from error

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return getattr(settings, "ACCOUNT_SIGNUP_OPEN", True)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """The town's identity provider vouches for its civil servants: accounts it
    creates are staff (OIDC_USERS_ARE_STAFF) with a verified address."""

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        # The only social provider configured is the town's OpenID Connect one.
        if getattr(settings, "OIDC_USERS_ARE_STAFF", True) and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        return user
