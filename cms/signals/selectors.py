"""Who may see which signal. The one rule for signals: pages, API, attachment
downloads, dashboards and search all go through `signals_visible_to` and
`signal_is_visible_to`.

- a draft: its organisation only (and its author);
- once submitted: also civil servants and signal coordinators;
- once registered (and further): every partner organisation;
- the public: only a signal in a published bundle whose organisation consented.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.signals.lifecycle import (
    EDITABLE_STATES,
    SHARED_STATES,
    allowed_transitions,
    is_signal_coordinator,
)
from cms.signals.models import (
    BundleSignal,
    Signal,
    SignalBundlePage,
    SignalEvent,
    SignalState,
)
from portal.access import pages_visible_to
from portal.audiences import is_partner, organisation_ids_for

ANSWER_TERM = timedelta(days=30)


def bundles_visible_to(user) -> QuerySet[SignalBundlePage]:
    """Live signal bundles whose audience this user belongs to."""
    return pages_visible_to(user, SignalBundlePage.objects.all())


def _published(user) -> Q:
    bundled = BundleSignal.objects.filter(
        page__in=bundles_visible_to(user).values("pk")
    ).values("signal")
    return Q(pk__in=bundled, consent_given=True)


def signals_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[Signal]:
    """The signals this user may see (see the module's rule)."""
    queryset = Signal.objects.all() if queryset is None else queryset
    visible = _published(user)
    if user and user.is_authenticated:
        own = organisation_ids_for(user)
        visible |= (
            Q(organisation_id__in=own)
            | Q(co_organisations__in=own)
            | Q(author_id=user.pk)
        )
        if is_signal_coordinator(user):
            visible |= ~Q(state=SignalState.DRAFT)
        elif is_partner(user):
            visible |= Q(state__in=SHARED_STATES)
    ids = Signal.objects.filter(visible).values("pk")
    return queryset.filter(pk__in=ids)


def signal_is_visible_to(user, signal: Signal) -> bool:
    return signals_visible_to(user, Signal.objects.filter(pk=signal.pk)).exists()


def timeline_of(signal: Signal) -> QuerySet[SignalEvent]:
    """The signal's timeline, oldest first (the signal's visibility is checked by
    the caller)."""
    return signal.events.select_related("actor", "organisation")


def signals_of_organisations(user) -> QuerySet[Signal]:
    """The signals of the organisations this user belongs to (for the dashboards)."""
    own = organisation_ids_for(user)
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
    "allowed_transitions",
    "bundles_visible_to",
    "signal_is_visible_to",
    "signals_awaiting_coordinator",
    "signals_awaiting_organisation",
    "signals_of_organisations",
    "signals_overdue",
    "signals_visible_to",
    "timeline_of",
]
