"""The bodies in other pages: the due date in advice tables, the panels of the
partner and intranet dashboards, and the open meetings on the home page."""

import datetime
from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.bodies.display import overdue_ids
from cms.bodies.follow_up import open_meetings, seated_workspaces
from cms.bodies.lifecycle import BODY_TERM_STATES, TOWN_TERM_STATES
from cms.bodies.models import Advice
from cms.bodies.selectors import advising_bodies_without_advice, overdue_advice
from cms.bodies.terms import body_due_date, town_due_date
from portal.access.bodies import advice_visible_to

register = template.Library()

LISTED = 10
OPEN_MEETINGS_LISTED = 5


@dataclass(frozen=True)
class Due:
    label: str
    date: datetime.date


@register.simple_tag
def advice_due(advice) -> Due | None:
    """The term that runs now: the body's while it works, the town's while it
    owes an answer."""
    if advice.state in BODY_TERM_STATES:
        day = body_due_date(advice)
        return Due(_("orgaan"), day) if day else None
    if advice.state in TOWN_TERM_STATES:
        day = town_due_date(advice)
        return Due(_("bestuur"), day) if day else None
    return None


@register.inclusion_tag("bodies/includes/partner_panel.html")
def bodies_partner_panel(user) -> dict:
    """ "Mijn overlegorganen": what waits in the bodies the person sits in."""
    return {"workspaces": seated_workspaces(user, now=timezone.now())}


@register.inclusion_tag("bodies/includes/intranet_panel.html")
def bodies_intranet_panel(user) -> dict:
    """The overdue advice (all of `overdue_advice`) and the advising bodies
    without advice this year."""
    today = timezone.localdate()
    visible = advice_visible_to(user, Advice.objects.select_related("body"))
    overdue = overdue_advice(today, visible).order_by("asked_on", "pk")
    return {
        "overdue": overdue[:LISTED],
        "overdue_count": overdue.count(),
        "overdue_pks": overdue_ids(today, visible),
        "without_advice": advising_bodies_without_advice(today.year),
        "year": today.year,
    }


@register.inclusion_tag("bodies/includes/open_meetings.html")
def open_meetings_agenda() -> dict:
    """The coming open meetings, as events on the public site."""
    return {"meetings": open_meetings()[:OPEN_MEETINGS_LISTED]}
