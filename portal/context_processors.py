"""Template context every portal page needs: the navigation the user may see."""

from wagtail.models import Site

from portal.access import pages_visible_to
from portal.audiences import audiences_for


def portal(request) -> dict:
    def navigation():
        site = Site.find_for_request(request)
        if site is None:
            return []
        root = site.root_page
        return list(
            pages_visible_to(request.user, root.get_children()).in_menu().specific()
        )

    return {
        # Pages with footnotes set their own; block templates everywhere else need the
        # name to exist (a missing filter argument is an error in Django templates).
        "footnote_refs": None,
        "site_navigation": navigation,
        "user_audiences": lambda: audiences_for(request.user),
    }
