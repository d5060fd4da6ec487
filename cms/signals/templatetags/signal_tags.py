"""Signal panels for the dashboards of the partner portal and the intranet, and the
legend of the state words."""

from django import template

from cms.signals import charts, selectors
from cms.signals.models import STATE_DESCRIPTIONS, SignalState
from portal.access.signals import sees_full_coordinator_queue

register = template.Library()

LISTED = 10


@register.inclusion_tag("signals/includes/partner_panel.html")
def signals_partner_panel(user) -> dict:
    """What awaits the person's organisations, and their signals per state; for a
    partner coordinator with the signal duty, also the signals to screen (the
    intranet queue is for staff only, so this is where they find them)."""
    own = selectors.signals_of_organisations(user)
    to_screen = selectors.signals_awaiting_coordinator(user)
    if sees_full_coordinator_queue(user):  # they work from the intranet queue
        to_screen = to_screen.none()
    return {
        "awaiting": selectors.signals_awaiting_organisation(user).select_related(
            "organisation"
        )[:LISTED],
        "own_count": own.count(),
        "to_screen": to_screen.select_related("organisation")[:LISTED],
        "to_screen_count": to_screen.count(),
    }


@register.inclusion_tag("signals/includes/intranet_panel.html")
def signals_intranet_panel(user):
    """The coordinators' queue in short, what is overdue, and the charts."""
    awaiting = selectors.signals_awaiting_coordinator(user)
    years, domains = charts.signals_per_domain_per_year(user)
    return {
        "awaiting": awaiting.select_related("organisation")[:LISTED],
        "awaiting_count": awaiting.count(),
        "overdue": selectors.signals_overdue(user).select_related("organisation"),
        "per_state": charts.signals_per_state(user),
        "years": years,
        "per_domain": domains,
    }


@register.inclusion_tag("signals/includes/state_legend.html")
def signal_state_legend() -> dict:
    """What each state word means, in the order of the lifecycle; each term has the
    id `status-<state>`, so a state word elsewhere on the page can link to it."""
    return {
        "states": [
            (state, label, STATE_DESCRIPTIONS[state])
            for state, label in SignalState.choices
        ]
    }
