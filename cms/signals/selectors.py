"""Reads of signals, filtered by who is asking. Who may see which signal is decided
by `portal.access.signals` (the one rule: pages, API, attachment downloads,
dashboards and search all follow it); these selectors only narrow it down for the
dashboards and queues.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils import timezone

from cms.models import Goal
from cms.selectors import goals_visible_to, plans_visible_to
from cms.signals.lifecycle import EDITABLE_STATES
from cms.signals.models import Signal, SignalBundlePage, SignalEvent, SignalState
from portal.access import pages_visible_to
from portal.access.audiences import active_organisation_ids
from portal.access.roles import is_signal_coordinator
from portal.access.signals import (
    SignalPermissions,
    signal_is_visible_to,
    signal_permissions,
    signals_visible_to,
)

ANSWER_TERM = timedelta(days=30)


def bundles_visible_to(user) -> QuerySet[SignalBundlePage]:
    """Live signal bundles whose audience this user belongs to."""
    return pages_visible_to(user, SignalBundlePage.objects.all())


def timeline_of(signal: Signal) -> QuerySet[SignalEvent]:
    """The signal's timeline, oldest first (the signal's visibility is checked by
    the caller)."""
    return signal.events.select_related("actor", "organisation")


GOAL_EVENTS = frozenset({SignalEvent.Kind.GOAL_LINKED, SignalEvent.Kind.GOAL_UNLINKED})


def goal_notes_hidden_from(user, events) -> set[int]:
    """The goal events (linked, unlinked) whose goal this reader may not see: the
    note names the goal by code and title, so the reader learns that a goal was
    linked, never which one of a plan closed to them."""
    goal_events = [event for event in events if event.kind in GOAL_EVENTS]
    if not goal_events:
        return set()
    label = Concat("code", Value(" "), "title", output_field=CharField())
    seen = set(
        goals_visible_to(user)
        .annotate(label=label)
        .filter(label__in={event.note for event in goal_events})
        .values_list("label", flat=True)
    )
    return {event.pk for event in goal_events if event.note not in seen}


@dataclass(frozen=True)
class TimelineEntry:
    event: SignalEvent
    #: Who made the step, as this reader may know it: a person's name only for
    #: the organisations that carry the signal and civil servants; anyone else
    #: reads the organisation.
    by: str
    organisation: str
    #: The event's note, unless it names a goal the reader may not see.
    note: str = ""


def timeline_for(signal: Signal, permissions: SignalPermissions) -> list[TimelineEntry]:
    """The timeline as the reader behind `permissions` may read it."""
    events = list(timeline_of(signal))
    hidden = goal_notes_hidden_from(permissions.user, events)
    entries = []
    for event in events:
        organisation = event.organisation.name if event.organisation else ""
        person = ""
        if permissions.sees_people and event.actor:
            person = event.actor.get_full_name() or str(event.actor)
        note = "" if event.pk in hidden else event.note
        entries.append(TimelineEntry(event, person, organisation, note))
    return entries


def goals_of_signal(user, signal: Signal) -> QuerySet[Goal]:
    """The goals a signal informs, those of plans this reader may see."""
    return (
        goals_visible_to(user)
        .filter(signals=signal)
        .select_related("plan")
        .order_by("plan__title", "sort_order", "code")
    )


def goals_to_link(user, signal: Signal) -> list[tuple[str, list[Goal]]]:
    """The goals a civil servant may link this signal to, grouped by plan (plans
    they may see, goals not linked yet)."""
    goals = (
        goals_visible_to(user)
        .exclude(signals=signal)
        .select_related("plan")
        .order_by("plan__title", "plan_id", "sort_order", "code")
    )
    groups: dict[int, tuple[str, list[Goal]]] = {}
    for goal in goals:
        groups.setdefault(goal.plan_id, (goal.plan.title, []))[1].append(goal)
    return list(groups.values())


def visible_plan_ids(user) -> frozenset[int]:
    """The plans this reader may see, to filter many signals' goals at once."""
    return frozenset(plans_visible_to(user).values_list("pk", flat=True))


def signals_of_organisations(user) -> QuerySet[Signal]:
    """The signals of the organisations this user belongs to (for the dashboards)."""
    own = active_organisation_ids(user)
    return signals_visible_to(
        user,
        Signal.objects.filter(Q(organisation_id__in=own) | Q(co_organisations__in=own)),
    ).distinct()


def signals_awaiting_organisation(user) -> QuerySet[Signal]:
    """What awaits the user's organisations: returned signals, drafts, and
    signals in a bundle without consent to publish (with their organisation, which
    every list of them names)."""
    return (
        signals_of_organisations(user)
        .select_related("organisation")
        .filter(
            Q(state__in=EDITABLE_STATES)
            | Q(
                state__in=[
                    SignalState.BUNDLED,
                    SignalState.ANALYSED,
                    SignalState.COMMUNICATED,
                    SignalState.ANSWERED,
                ],
                consent_given=False,
            )
        )
    )


def signals_awaiting_coordinator(user) -> QuerySet[Signal]:
    """The coordinators' queue: submitted signals to screen."""
    if not is_signal_coordinator(user):
        return Signal.objects.none()
    return signals_visible_to(user).filter(state=SignalState.SUBMITTED)


def overdue_among(signals: QuerySet[Signal], *, now=None) -> QuerySet[Signal]:
    """Those of `signals` communicated and still unanswered after the answer term
    (30 days); the caller has narrowed `signals` to what the reader may see."""
    now = now or timezone.now()
    return signals.filter(
        state=SignalState.COMMUNICATED, communicated_at__lt=now - ANSWER_TERM
    )


def signals_overdue(user, *, now=None) -> QuerySet[Signal]:
    """Communicated and still unanswered after the answer term (30 days)."""
    return overdue_among(signals_visible_to(user), now=now)


__all__ = [
    "bundles_visible_to",
    "goal_notes_hidden_from",
    "goals_of_signal",
    "goals_to_link",
    "overdue_among",
    "signal_is_visible_to",
    "signal_permissions",
    "signals_awaiting_coordinator",
    "signals_awaiting_organisation",
    "signals_of_organisations",
    "signals_overdue",
    "signals_visible_to",
    "timeline_for",
    "timeline_of",
    "visible_plan_ids",
]
