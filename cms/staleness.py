"""When a goal's progress must be reported again, and which goals are late.

Each plan says how often its goals must be updated (`update_interval_months`). A
goal's *due date* is its last progress report plus that many months; without any
report, the later of the plan's start (1 January of its first year) and the goal's
own start date plus that many months. A goal is *stale* from the day after its due
date: the report is then older than the interval.

Only goals that someone has to report on count: open (no status, or a status that
is not closed: realised and stopped goals need no more reports), started (no start
date, or one on or before today), in a live plan that is not closed, and carried by
someone who reports: a lead organisation, a co-owner or a contact person. Goals of
the town's own services without such an owner are followed on the intranet by their
end date instead (`cms.selectors.goals_overdue`).

The dates are computed in Python from one query per call (the last report date is a
subquery on the goals), so the month arithmetic is the same on every database.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cms.models import Goal, PlanStatus, ProgressUpdate

#: How many days ahead `goals_due_soon` looks by default.
DUE_SOON_DAYS = 14


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months (negative: back); a day the target
    month lacks becomes its last day (31 August + 6 months = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _reported_by_someone() -> Q:
    through_owners = Goal.owner_organisations.through.objects.filter(
        goal_id=OuterRef("pk")
    )
    through_contacts = Goal.contact_persons.through.objects.filter(
        goal_id=OuterRef("pk")
    )
    return (
        Q(lead_organisation__isnull=False)
        | Exists(through_owners)
        | Exists(through_contacts)
    )


def followed_goals(queryset: QuerySet[Goal], today: datetime.date) -> QuerySet[Goal]:
    """The goals of `queryset` whose progress must be reported (see the module's
    docstring), annotated with `last_report_date` (None without any report)."""
    last_report = (
        ProgressUpdate.objects.filter(goal_id=OuterRef("pk"))
        .values("goal_id")
        .annotate(last=Max("date"))
        .values("last")
    )
    return (
        Goal.objects.filter(pk__in=queryset.values("pk"))
        .filter(Q(status__isnull=True) | Q(status__is_closed=False))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(plan__live=True)
        .exclude(plan__status=PlanStatus.CLOSED)
        .filter(_reported_by_someone())
        .annotate(last_report_date=Subquery(last_report))
        .select_related("plan", "status", "lead_organisation")
    )


def reference_date(goal: Goal) -> datetime.date:
    """The day the goal's interval counts from: its last report or, without any,
    the later of the plan's start and the goal's own start."""
    if hasattr(goal, "last_report_date"):
        last = goal.last_report_date
    else:
        last = goal.progress_updates.aggregate(last=Max("date"))["last"]
    if last is not None:
        return last
    plan_start = datetime.date(goal.plan.start_year, 1, 1)
    return max(plan_start, goal.start_date) if goal.start_date else plan_start


def update_due_date(goal: Goal) -> datetime.date:
    """The last day by which the goal's next progress report is due: its reference
    date (see `reference_date`) plus the plan's update interval."""
    return add_months(reference_date(goal), goal.plan.update_interval_months)


def goals_with_due_dates(
    queryset: QuerySet[Goal], today: datetime.date | None = None
) -> list[Goal]:
    """Every followed goal of `queryset`, each with `last_report_date` and
    `due_date`, the earliest due first."""
    today = today or timezone.localdate()
    goals = list(followed_goals(queryset, today))
    for goal in goals:
        goal.due_date = update_due_date(goal)
    goals.sort(key=lambda goal: (goal.due_date, goal.plan.title, goal.sort_order))
    return goals


@dataclass(frozen=True)
class DueGoals:
    """The followed goals that are stale (longest overdue first) and those due
    within a few days (earliest first); each carries `last_report_date` and
    `due_date`."""

    stale: list[Goal]
    soon: list[Goal]


def goals_by_due(
    queryset: QuerySet[Goal],
    today: datetime.date | None = None,
    days: int = DUE_SOON_DAYS,
) -> DueGoals:
    """`stale_goals` and `goals_due_soon` from one query (a dashboard shows both)."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=days)
    goals = goals_with_due_dates(queryset, today)
    return DueGoals(
        stale=[goal for goal in goals if goal.due_date < today],
        soon=[goal for goal in goals if today <= goal.due_date <= until],
    )


def stale_goals(
    queryset: QuerySet[Goal], today: datetime.date | None = None
) -> list[Goal]:
    """The followed goals of `queryset` whose due date has passed (the last report
    is older than the plan's interval), the longest overdue first; each carries
    `last_report_date` and `due_date`."""
    return goals_by_due(queryset, today).stale


def goals_due_soon(
    queryset: QuerySet[Goal],
    today: datetime.date | None = None,
    days: int = DUE_SOON_DAYS,
) -> list[Goal]:
    """The followed goals of `queryset` due today or within `days` days (not stale
    yet), the earliest first; each carries `last_report_date` and `due_date`."""
    return goals_by_due(queryset, today, days).soon
