"""The social map in other pages: the "Hulp zoeken" box of the home page."""

from django import template

from cms.socialmap.forms import ServiceSearchForm
from cms.socialmap.selectors import life_domains_with_services

register = template.Library()


@register.inclusion_tag("socialmap/includes/help_search.html", takes_context=True)
def help_search(context) -> dict:
    """A search box that searches the social map, and its life domains as the
    common needs to start from."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "query_label": ServiceSearchForm.base_fields["q"].label,
        "needs": life_domains_with_services(user),
    }
