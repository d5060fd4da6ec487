"""The social map in the admin: a menu group "Sociale kaart" with services,
organisations and locations, each edited as a snippet with revisions (services and
organisations also with drafts). Partners' proposals are reviewed on the intranet;
what a civil servant takes over shows in the history as a revision of its own."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.socialmap.models import Location, Organization, Service
from cms.socialmap.services import PROPOSAL_ACCEPT_LOG_ACTION, PROPOSAL_LOG_ACTION


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    menu_label = _("Diensten")
    list_display = ["name", "organization", "status", "assured_date", "live"]
    list_filter = ["status", "life_domains", "live", "has_unpublished_changes"]
    search_fields = ["name", "description"]
    search_backend_name = None
    list_per_page = 50


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisaties")
    list_display = ["name", "portal_organisation", "live"]
    search_fields = ["name"]
    search_backend_name = None


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locaties")
    list_display = ["name", "address_1", "postal_code", "city"]
    list_filter = ["postal_code"]
    search_fields = ["name", "address_1", "city"]
    search_backend_name = None


class SocialMapGroup(SnippetViewSetGroup):
    menu_label = _("Sociale kaart")
    menu_icon = "site"
    menu_order = 250
    items = (ServiceViewSet, OrganizationViewSet, LocationViewSet)


register_snippet(SocialMapGroup)


@hooks.register("register_log_actions")
def register_proposal_action(actions):
    actions.register_action(
        PROPOSAL_LOG_ACTION,
        _("Voorstel van een partner"),
        _("Wijziging voorgesteld door een partner"),
    )
    actions.register_action(
        PROPOSAL_ACCEPT_LOG_ACTION,
        _("Voorstel overgenomen"),
        _("Onderdelen van een voorstel overgenomen en gepubliceerd"),
    )
