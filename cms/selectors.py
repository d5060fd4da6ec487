"""Reads of plans, goals and the public directory, filtered by who is asking.

The API, feeds and dashboards call these; the audience rule itself stays in
`portal.access` (a goal is visible when its plan page is).
"""

from django.db.models import QuerySet

from cms.models import Goal, PolicyPlanPage, ProgressUpdate
from portal.access import pages_visible_to
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


def organisations_listed(user=None) -> QuerySet[Organisation]:
    """The directory of organisations. Name, sector, partner flag, KBO number and
    website are public facts; memberships are never part of it."""
    return Organisation.objects.all()
