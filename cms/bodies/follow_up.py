"""Reads for following the bodies up: the public agenda of open meetings and what
waits in a body's workspace (the advising bodies without advice this year are
`cms.bodies.selectors.advising_bodies_without_advice`). What a person may see is
decided by `portal.access.bodies`; these only select and order within it."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from cms.bodies.lifecycle import BODY_TERM_STATES
from cms.bodies.models import (
    Advice,
    Body,
    Meeting,
    MinutesState,
)
from cms.bodies.selectors import overdue_advice
from portal.access.bodies import (
    active_seats,
    advice_visible_to,
    meetings_visible_to,
    workspace_bodies,
)

#: Advice the body is still working on.
OPEN_STATES = BODY_TERM_STATES


def open_meetings(*, after: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """The open meetings: exactly those anyone may attend (what the access rules
    show an anonymous visitor), from `after` (now) on, soonest first."""
    after = after or timezone.now()
    return (
        meetings_visible_to(AnonymousUser(), Meeting.objects.all())
        .filter(starts_at__gte=after)
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def seated_meetings(user) -> QuerySet[Meeting]:
    """The meetings of the bodies the user holds a seat in today (their personal
    agenda); a seat that ended takes its meetings along."""
    return meetings_visible_to(
        user,
        Meeting.objects.filter(body_id__in=active_seats(user).values("body_id")),
    ).select_related("body")


@dataclass(frozen=True)
class Workspace:
    """What waits in one body's workspace."""

    body: Body
    open_advice: QuerySet
    overdue: QuerySet
    upcoming: QuerySet
    minutes_awaiting: QuerySet


def workspace_of(user, body: Body, *, now: datetime.datetime) -> Workspace:
    advice = advice_visible_to(user, Advice.objects.filter(body=body))
    meetings = meetings_visible_to(user, Meeting.objects.filter(body=body))
    return Workspace(
        body=body,
        open_advice=advice.filter(state__in=OPEN_STATES).order_by("created_at"),
        overdue=overdue_advice(timezone.localdate(now), advice).order_by("asked_on"),
        upcoming=meetings.filter(starts_at__gte=now)
        .prefetch_related("agenda_items")
        .order_by("starts_at"),
        minutes_awaiting=meetings.filter(starts_at__lt=now)
        .exclude(minutes_state=MinutesState.PUBLISHED)
        .order_by("-starts_at"),
    )


def workspaces_of(user, *, now: datetime.datetime) -> list[Workspace]:
    """The workspace of every body the user works in."""
    bodies = workspace_bodies(user, Body.objects.all())
    return [workspace_of(user, body, now=now) for body in bodies]


def seated_workspaces(user, *, now: datetime.datetime) -> list[Workspace]:
    """The workspaces of the bodies the user holds a seat in (staff included only
    where they sit): "Mijn overlegorganen"."""
    bodies = Body.objects.filter(pk__in=active_seats(user).values("body_id"))
    return [workspace_of(user, body, now=now) for body in bodies]
