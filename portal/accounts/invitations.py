"""An invitation link followed before signing in. Signing in or signing up through the
link is how the invited person says yes, so they arrive as a member on their
organisation's page rather than at a second "accept" button."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from portal import memberships as services
from portal import selectors
from portal.models import Membership

INVITATION_VIEW = "partners:invitation"


def invitation_token_in(url: str | None) -> str | None:
    """The token of `url` when it is an invitation link of this site."""
    if not url:
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.kwargs.get("token") if match.view_name == INVITATION_VIEW else None


def accept_followed_invitation(*, user, next_url: str | None) -> Membership | None:
    """Accept the invitation the person signed in for (`next_url` is its link). One
    for another address, or no longer open, is left alone: its page explains."""
    token = invitation_token_in(next_url)
    invitation = token and selectors.invitation_addressed_to(user, token)
    if not invitation or not invitation.is_open:
        return None
    try:
        return services.invitation_accept(invitation=invitation, user=user)
    except (PermissionDenied, ValidationError):
        return None


def membership_page(membership: Membership) -> str:
    """The page that shows a new member their organisation and their role in it."""
    return reverse("partners:organisation", args=[membership.organisation.slug])


def welcome_member(request: HttpRequest, membership: Membership) -> None:
    """Confirm in words what accepting an invitation did."""
    messages.success(
        request,
        _("Welkom bij %(organisation)s: je bent nu %(role)s van deze organisatie.")
        % {
            "organisation": membership.organisation,
            "role": membership.get_role_display(),
        },
    )


def ask_to_sign_in_for_invitation(request: HttpRequest) -> None:
    """Tell someone who follows an invitation link before signing in which account
    to use, and that signing in accepts the invitation."""
    messages.info(
        request,
        _(
            "Meld je aan met het e-mailadres waarop je de uitnodiging kreeg, of maak "
            "met dat adres een account aan. Daarmee aanvaard je de uitnodiging."
        ),
    )


def open_invitation_link_for(email: str) -> str | None:
    """The link of the newest open invitation to this address, if any."""
    invitation = selectors.newest_open_invitation_to(email)
    return invitation.get_absolute_url() if invitation else None
