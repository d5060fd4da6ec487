"""The navigation of the two signed-in doors (the public site's comes from the page
tree, see `portal.context_processors`)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.roles import Door


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
    ("socialmap", _("Sociale kaart"), "socialmap_partners:proposals"),
    ("organisations", _("Mijn organisatie"), "partners:organisations"),
    ("pages", _("Pagina's voor partners"), "partners:pages"),
    ("join", _("Lid worden"), "partners:join"),
]
INTRANET_ITEMS = [
    ("dashboard", _("Overzicht"), "intranet:dashboard"),
    ("signals", _("Signalen"), "intranet:signals"),
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
