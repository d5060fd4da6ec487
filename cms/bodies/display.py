"""What the pages show of an advice's terms and of a meeting's agenda, computed
once per page: the dates come from `cms.bodies.terms`, lateness from the overdue
selector (so a page and the intranet list never disagree), links on the agenda
only where the access rules let the viewer follow them."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.bodies.lifecycle import BODY_TERM_STATES, TOWN_TERM_STATES
from cms.bodies.models import Advice, AdviceState, AgendaItem
from cms.bodies.selectors import overdue_advice
from cms.bodies.terms import (
    body_due_date,
    body_term_days,
    closed_day,
    submitted_on,
    town_due_date,
)
from cms.selectors import goals_visible_to
from portal.access import pages_visible_to, signals_visible_to
from portal.access.bodies import advice_visible_to
from portal.access.doors import may_enter
from portal.access.roles import Door
from portal.access.signals import publication_pages


@dataclass(frozen=True)
class DueDate:
    """A due date, and why it is no working day when it falls on one (it stays
    as computed: the frameworks count calendar days)."""

    date: datetime.date
    closed_day: str | None


def _due(day: datetime.date | None) -> DueDate | None:
    return DueDate(day, closed_day(day)) if day else None


@dataclass(frozen=True)
class AdviceTerms:
    #: When the body owes its advice (requests only), and the term it had.
    body_due: DueDate | None
    body_term_days: int | None
    body_term_running: bool
    #: When it was submitted, and when the town owes its answer.
    submitted_on: datetime.date | None
    town_due: DueDate | None
    town_term_running: bool
    #: The day the town recorded its answer.
    answered_on: datetime.date | None
    overdue: bool


def answered_on(advice: Advice) -> datetime.date | None:
    event = (
        advice.events.filter(to_state=AdviceState.ANSWERED)
        .order_by("created_at")
        .last()
    )
    return timezone.localtime(event.created_at).date() if event else None


def advice_terms(advice: Advice, today: datetime.date) -> AdviceTerms:
    body_due = body_due_date(advice)
    answered = answered_on(advice)
    return AdviceTerms(
        body_due=_due(body_due),
        body_term_days=body_term_days(urgent=advice.urgent) if body_due else None,
        body_term_running=advice.state in BODY_TERM_STATES,
        submitted_on=submitted_on(advice),
        town_due=_due(town_due_date(advice)),
        town_term_running=advice.state in TOWN_TERM_STATES,
        answered_on=answered,
        overdue=overdue_advice(today, Advice.objects.filter(pk=advice.pk)).exists(),
    )


def overdue_ids(today: datetime.date, queryset) -> set[int]:
    """The pks of the overdue advice in `queryset`, for a list's "te laat"."""
    return set(overdue_advice(today, queryset).values_list("pk", flat=True))


@dataclass(frozen=True)
class AgendaLine:
    item: AgendaItem
    #: What the item is about, and where the viewer may follow it (or "").
    about: str
    url: str


def _signal_url(user, signal) -> str:
    if not signals_visible_to(user).filter(pk=signal.pk).exists():
        return ""
    if may_enter(user, Door.PARTNERS):
        return signal.get_absolute_url()
    visible = pages_visible_to(
        user, Page.objects.filter(pk__in=[p.pk for p in publication_pages(signal)])
    ).first()
    return visible.url if visible else ""


def _url_for(user, item: AgendaItem) -> tuple[str, str]:
    if item.advice_id:
        visible = advice_visible_to(user, Advice.objects.filter(pk=item.advice_id))
        url = reverse("bodies:advice", args=[item.advice_id])
        return "advice", url if visible.exists() else ""
    if item.signal_id:
        return "signal", _signal_url(user, item.signal)
    if item.goal_id:
        visible = goals_visible_to(user).filter(pk=item.goal_id).exists()
        return "goal", item.goal.plan.url if visible else ""
    if item.page_id:
        page = pages_visible_to(user, Page.objects.filter(pk=item.page_id)).first()
        return "page", page.url if page else ""
    return "", ""


def agenda_for(user, meeting) -> list[AgendaLine]:
    """The meeting's agenda, each item with a link only when the viewer may see
    what it links (otherwise just its title)."""
    items = meeting.agenda_items.select_related("signal", "goal__plan", "page")
    return [AgendaLine(item, *_url_for(user, item)) for item in items]
