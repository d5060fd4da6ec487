"""Reads of plans, goals and the public directory, filtered by who is asking.

The API, feeds and dashboards call these; the audience rule itself stays in
`portal.access` (a goal is visible when its plan page is).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from cms.models import (
    Goal,
    PolicyPlanPage,
    PortalPage,
    ProgressQuestion,
    ProgressUpdate,
)
from portal.access import Audience, active_organisation_ids, pages_visible_to
from portal.models import Organisation


def plans_visible_to(user) -> QuerySet[PolicyPlanPage]:
    """Live policy plans whose audience this user belongs to."""
    return pages_visible_to(user, PolicyPlanPage.objects.all())


def goals_visible_to(user) -> QuerySet[Goal]:
    """Goals and actions of the plans this user may see."""
    return Goal.objects.filter(plan__in=plans_visible_to(user).values("pk"))


def progress_updates_visible_to(user) -> QuerySet[ProgressUpdate]:
    """Progress reports on the goals this user may see."""
    return ProgressUpdate.objects.filter(goal__in=goals_visible_to(user).values("pk"))


def open_progress_questions(goals: QuerySet[Goal]) -> QuerySet[ProgressQuestion]:
    """The questions on reports of `goals` that no later report answered yet, the
    oldest first."""
    return (
        ProgressQuestion.objects.filter(
            update__goal__in=goals.values("pk"), answer__isnull=True
        )
        .select_related("update__goal__plan", "asked_by")
        .order_by("asked_at", "pk")
    )


def progress_reports_for_review(user) -> QuerySet[ProgressUpdate]:
    """Progress reports on the goals this user may see, newest first, with their
    questions, for the civil servants who read and question them."""
    # The plans come in a query of their own: joined in (a page is three tables),
    # they made PostgreSQL spend 21 ms planning a query that ran in 1.5 ms.
    return (
        progress_updates_visible_to(user)
        .select_related("goal", "status", "organisation", "author")
        .prefetch_related("questions", "goal__plan")
        .order_by("-date", "-created_at", "-pk")
    )


def organisations_listed(user=None) -> QuerySet[Organisation]:
    """The directory of organisations. Name, sector, partner flag, KBO number and
    website are public facts; memberships are never part of it."""
    return Organisation.objects.all()


# Dashboards of the doors ------------------------------------------------------------


def partner_pages_visible_to(user) -> QuerySet[Page]:
    """Live pages meant for partners that this user may see, newest first."""
    partner_pages = PortalPage.objects.filter(audience=Audience.PARTNERS).values("pk")
    return (
        pages_visible_to(user, Page.objects.filter(pk__in=partner_pages))
        .specific()
        .order_by("-last_published_at", "title")
    )


def goals_of_organisations_of(user):
    """The goals and actions carried by the user's organisations, in the plans the
    user may see."""
    organisation_ids = active_organisation_ids(user)
    return (
        goals_visible_to(user)
        .filter(
            Q(lead_organisation__in=organisation_ids)
            | Q(owner_organisations__in=organisation_ids)
        )
        .distinct()
        .select_related("plan", "status")
        .order_by("plan__title", "sort_order", "code")
    )


def quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    if first_month == 10:
        next_start = datetime.date(day.year + 1, 1, 1)
    else:
        next_start = datetime.date(day.year, first_month + 3, 1)
    return start, next_start - datetime.timedelta(days=1)


def _open_goals_visible_to(user):
    return (
        goals_visible_to(user)
        .filter(end_date__isnull=False)
        .filter(Q(status__isnull=True) | Q(status__is_closed=False))
        .select_related("plan", "status")
        .order_by("end_date", "plan__title", "sort_order", "code")
    )


def goals_due_this_quarter(user, *, today: datetime.date | None = None):
    """Goals not realised nor stopped whose end date falls in the current quarter
    (from today on: earlier ones are overdue)."""
    today = today or timezone.localdate()
    _, end = quarter_bounds(today)
    return _open_goals_visible_to(user).filter(end_date__gte=today, end_date__lte=end)


def goals_overdue(user, *, today: datetime.date | None = None):
    """Goals not realised nor stopped whose end date has passed."""
    today = today or timezone.localdate()
    return _open_goals_visible_to(user).filter(end_date__lt=today)
