"""Reads of signals, filtered by who is asking. Who may see which signal is decided
by `portal.access.signals` (the one rule: pages, API, attachment downloads,
dashboards and search all follow it); these selectors only narrow it down for the
dashboards and queues.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

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


@dataclass(frozen=True)
class TimelineEntry:
    event: SignalEvent
    #: Who made the step, as this reader may know it: a person's name only for
    #: the organisations that carry the signal and civil servants; anyone else
    #: reads the organisation.
    by: str
    organisation: str


def timeline_for(signal: Signal, permissions: SignalPermissions) -> list[TimelineEntry]:
    """The timeline as the reader behind `permissions` may read it."""
    entries = []
    for event in timeline_of(signal):
        organisation = event.organisation.name if event.organisation else ""
        person = ""
        if permissions.sees_people and event.actor:
            person = event.actor.get_full_name() or str(event.actor)
        entries.append(TimelineEntry(event, person, organisation))
    return entries


def signals_of_organisations(user) -> QuerySet[Signal]:
    """The signals of the organisations this user belongs to (for the dashboards)."""
    own = active_organisation_ids(user)
    return signals_visible_to(
        user,
        Signal.objects.filter(Q(organisation_id__in=own) | Q(co_organisations__in=own)),
    ).distinct()


def signals_awaiting_organisation(user) -> QuerySet[Signal]:
    """What awaits the user's organisations: returned signals, drafts, and
    signals in a bundle without consent to publish."""
    return signals_of_organisations(user).filter(
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


def signals_awaiting_coordinator(user) -> QuerySet[Signal]:
    """The coordinators' queue: submitted signals to screen."""
    if not is_signal_coordinator(user):
        return Signal.objects.none()
    return signals_visible_to(user).filter(state=SignalState.SUBMITTED)


def signals_overdue(user, *, now=None) -> QuerySet[Signal]:
    """Communicated and still unanswered after the answer term (30 days)."""
    now = now or timezone.now()
    return signals_visible_to(user).filter(
        state=SignalState.COMMUNICATED, communicated_at__lt=now - ANSWER_TERM
    )


__all__ = [
    "bundles_visible_to",
    "signal_is_visible_to",
    "signal_permissions",
    "signals_awaiting_coordinator",
    "signals_awaiting_organisation",
    "signals_of_organisations",
    "signals_overdue",
    "signals_visible_to",
    "timeline_for",
    "timeline_of",
]
