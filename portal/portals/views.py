"""Shared pieces of the portal views: rendering inside a door's navigation, going
back after a form, and turning a service's refusal into a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from portal.portals.doors import may_enter
from portal.portals.navigation import navigation
from portal.roles import Door


def render_in_door(request, template: str, context: dict, *, door: Door, current=""):
    """Render a page of `door`, with its navigation when the user may enter it (the
    join page also serves citizens, who keep the public site's menu)."""
    context = {
        "portal_nav": (
            navigation(door, current) if may_enter(request.user, door) else None
        ),
        **context,
    }
    return render(request, template, context)


def go_back(request, default: str):
    """Redirect to the form's `next` when it is a page of this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def report_refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
