"""Template helpers for a plan's reports: amounts and values from the frozen
figures (decimal strings), and the plan page's list of reports and versions."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.followup.selectors import plan_reports_visible_to, plan_versions_of
from cms.indicators.selectors import indicators_for

register = template.Library()


@register.filter
def euro(value) -> str:
    """`"250000.00"` as `€ 250.000`; `–` when there is no amount."""
    if value in (None, ""):
        return "–"
    return f"€ {floatformat(value, '0g')}"


@register.filter
def iso_day(value) -> str:
    """An ISO date from the figures as 05/11/2026; `–` when missing."""
    day = parse_date(value) if isinstance(value, str) else value
    return date_format(day, "d/m/Y") if day else "–"


@register.filter
def figure(value, decimals=0) -> str:
    """An indicator value or target with its decimals; `–` when missing."""
    if value in (None, ""):
        return "–"
    return floatformat(value, f"{int(decimals)}g")


@register.filter
def on_track_label(value) -> str:
    """In words, never by colour alone."""
    if value is None:
        return _("onbekend")
    return _("op koers") if value else _("niet op koers")


@register.simple_tag(takes_context=True)
def plan_follow_up(context, plan) -> dict:
    """The plan's reports and versions the reader may see, and whether any
    indicator the reader may see measures its goals."""
    if plan.pk is None:  # a preview before the first save has none of these
        return {"reports": [], "versions": [], "measured": False}
    user = context["request"].user
    return {
        "measured": indicators_for(user).filter(goals__plan=plan).exists(),
        "reports": list(plan_reports_visible_to(user, plan)),
        "versions": list(plan_versions_of(user, plan)),
    }
