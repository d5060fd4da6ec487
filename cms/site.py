"""The skeleton of a portal's page tree: the home page and its main sections.

Shared by `load_demo`, the importers and the tests, so the tree is built one way.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage, IndexPage

SECTIONS = {
    "kaderteksten": "Kaderteksten",
    "beleidsplannen": "Beleidsplannen",
}


@transaction.atomic
def ensure_home_page(*, title: str = "Lokaal sociaal beleid") -> HomePage:
    """Return the default site's HomePage, replacing Wagtail's welcome page (a plain
    Page made by Wagtail's migrations) the first time."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_page.specific if site else None
    if isinstance(root, HomePage):
        return root
    home = HomePage.objects.first()
    created = home is None
    if created:
        tree_root = Page.get_first_root_node()
        welcome = type(root) is Page and root.depth == 2 and not root.get_children()
        if welcome:
            root.delete()
        home = HomePage(title=title, slug="home", show_in_menus=False)
        tree_root.add_child(instance=home)
    if site is None:
        site = Site(is_default_site=True)
    # The API's html_url and the sitemap use the site's host: take it from BASE_URL.
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base_url.hostname or "localhost"
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.root_page = home
    site.site_name = title
    site.save()
    if created:
        # Published once the site points at it, so its URL is known to listeners
        # such as the search index.
        home.save_revision().publish()
    return home


def ensure_section(slug: str, title: str | None = None) -> IndexPage:
    """Return the IndexPage under the home page with this slug, creating it."""
    home = ensure_home_page()
    existing = home.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    section = IndexPage(
        title=title or SECTIONS.get(slug, slug), slug=slug, show_in_menus=True
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    return section
