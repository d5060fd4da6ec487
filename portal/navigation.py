"""The frame of every page behind a signed-in door, whichever app serves it: the
door's menu (the public site's comes from the page tree, see
`portal.context_processors`), rendering inside it, going back after a form, and a
service's refusal as messages. Domain apps (signals, the social map) render their
door pages with these, so they never import the doors (`portal.portals`)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from portal.access.doors import may_enter
from portal.access.roles import Door


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class PortalNavigation:
    name: str
    label: str
    items: list[NavItem]
    # Where the header's search box sends its query inside this door.
    search_url: str = ""


PARTNER_ITEMS = [
    ("dashboard", _("Overzicht"), "partners:dashboard"),
    ("signals", _("Signalen"), "partners:signals"),
    ("bodies", _("Overleg"), "partners:bodies"),
    ("socialmap", _("Sociale kaart"), "socialmap_partners:proposals"),
    ("organisations", _("Mijn organisatie"), "partners:organisations"),
    ("pages", _("Pagina's voor partners"), "partners:pages"),
    ("join", _("Lid worden"), "partners:join"),
]
INTRANET_ITEMS = [
    ("dashboard", _("Overzicht"), "intranet:dashboard"),
    ("signals", _("Signalen"), "intranet:signals"),
    ("advice", _("Advies"), "intranet:advice"),
    ("progress", _("Voortgang"), "intranet:progress"),
    ("socialmap", _("Sociale kaart"), "intranet:socialmap_proposals"),
    ("requests", _("Lidmaatschapsaanvragen"), "intranet:requests"),
    ("admin", _("Beheeromgeving"), "wagtailadmin_home"),
]


def navigation(door: Door, current: str) -> PortalNavigation:
    """The menu of `door`, with `current` (an item key) marked as the current page."""
    if door == Door.INTRANET:
        name, label, items = _("Intranet"), _("Menu van het intranet"), INTRANET_ITEMS
    else:
        name, label, items = (
            _("Partnerportaal"),
            _("Menu van het partnerportaal"),
            PARTNER_ITEMS,
        )
    return PortalNavigation(
        name=name,
        label=label,
        items=[
            NavItem(key, text, reverse(url_name), key == current)
            for key, text, url_name in items
        ],
        search_url=reverse(
            "intranet:search" if door == Door.INTRANET else "partners:search"
        ),
    )


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
