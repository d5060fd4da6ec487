"""Reads of advice that do not depend on who asks (access filters come on top,
from `portal.access.bodies`)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from cms.bodies.lifecycle import BODY_TERM_STATES, TOWN_TERM_STATES
from cms.bodies.models import Advice, AdviceEvent, AdviceKind, AdviceState, Body
from cms.bodies.terms import (
    BODY_TERM_DAYS,
    TOWN_TERM_DAYS,
    URGENT_BODY_TERM_DAYS,
    start_of_day,
)


def overdue_advice(today: datetime.date, queryset: QuerySet | None = None) -> QuerySet:
    """Advice whose due date (see `cms.bodies.terms`) lies before `today`: requests
    the body still owes, and submitted advice the town has not answered. Computed
    in the database with the same terms as `body_due_date` and `town_due_date`."""
    queryset = Advice.objects.all() if queryset is None else queryset
    days = datetime.timedelta
    body_late = Q(kind=AdviceKind.REQUEST, state__in=BODY_TERM_STATES) & (
        Q(extended_until__lt=today)
        | Q(
            extended_until__isnull=True,
            urgent=True,
            asked_on__lt=today - days(URGENT_BODY_TERM_DAYS),
        )
        | Q(
            extended_until__isnull=True,
            urgent=False,
            asked_on__lt=today - days(BODY_TERM_DAYS),
        )
    )
    submitted_long_ago = AdviceEvent.objects.filter(
        advice=OuterRef("pk"),
        to_state=AdviceState.SUBMITTED,
        created_at__lt=start_of_day(today - days(TOWN_TERM_DAYS)),
    )
    town_late = Q(state__in=TOWN_TERM_STATES) & Q(Exists(submitted_long_ago))
    return queryset.filter(body_late | town_late)


def advising_bodies_without_advice(year: int) -> QuerySet:
    """Bodies that give advice (`gives_advice`) and have none in calendar `year`:
    no request asked in it, no advice started in it and none submitted in it
    (Brussels). A withdrawn advice does not count: the frameworks want advice given
    at least once a year, and a dropped one gave none. The intranet flags these."""
    start = start_of_day(datetime.date(year, 1, 1))
    end = start_of_day(datetime.date(year + 1, 1, 1))
    submitted_in_year = AdviceEvent.objects.filter(
        advice=OuterRef("pk"),
        to_state=AdviceState.SUBMITTED,
        created_at__gte=start,
        created_at__lt=end,
    )
    of_year = (
        Advice.objects.filter(body=OuterRef("pk"))
        .exclude(state=AdviceState.WITHDRAWN)
        .filter(
            Q(asked_on__year=year)
            | Q(created_at__gte=start, created_at__lt=end)
            | Q(Exists(submitted_in_year))
        )
    )
    return Body.objects.filter(gives_advice=True).exclude(Exists(of_year))
