"""Who may see and do what with a plan's yearly reports, its evaluation and its
versions.

Seeing:
- a draft report is for the town's civil servants and editors only;
- a published report is for whoever may see its plan (the plan page's audience,
  ancestors included, see `pages`); the plan must be live;
- a plan version is visible as its plan is.

Doing: civil servants and editors publish a draft report, and record a version.
A published report never changes again (`cms.followup.services`).

What a report may name: its figures are frozen once and then read by everyone
who may see the plan, so they list only what that audience may see. A report of
a staff-only plan names every signal, advice and indicator; any other report
names what everyone may see (a published signal, a published advice, an
indicator whose audience is at least as wide as the plan's). Counts cover all,
as the body's yearly report counts its closed meetings.

Access knows no content app: querysets are passed in, and only these fields are
read: on reports `status` and `plan_id`/`plan`, on versions `plan_id`, on
indicators `audience`.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from portal.access.audiences import AUDIENCE_RANK, Audience
from portal.access.bodies import advice_visible_to
from portal.access.pages import page_audience, page_is_visible_to, pages_visible_to
from portal.access.roles import Role, roles_for
from portal.access.signals import signals_visible_to

PUBLISHED = "published"
REPORT_MAKERS = {Role.CIVIL_SERVANT, Role.EDITOR}


def may_manage_reports(user) -> bool:
    """Civil servants and editors: they see drafts, publish reports and record
    versions."""
    return bool(REPORT_MAKERS & set(roles_for(user)))


def _plan_is_visible_to(user, plan) -> bool:
    return bool(plan.live) and page_is_visible_to(user, plan)


def report_is_visible_to(user, report) -> bool:
    """A draft for those who make reports; a published one for the plan's
    readers."""
    if report.status != PUBLISHED:
        return may_manage_reports(user) and _plan_is_visible_to(user, report.plan)
    return _plan_is_visible_to(user, report.plan)


def reports_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The reports of `queryset` this user may see (see the module's rule)."""
    visible = queryset.filter(plan__in=pages_visible_to(user).values("pk"))
    if may_manage_reports(user):
        return visible
    return visible.filter(status=PUBLISHED)


def may_publish_report(user, report) -> bool:
    """Civil servants and editors publish a draft; a published one stays as it
    is."""
    return report.status != PUBLISHED and may_manage_reports(user)


def may_record_plan_version(user) -> bool:
    return may_manage_reports(user)


def plan_version_is_visible_to(user, version) -> bool:
    return _plan_is_visible_to(user, version.plan)


def plan_versions_visible_to(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(plan__in=pages_visible_to(user).values("pk"))


# What the frozen figures may name -------------------------------------------------


def report_readers(plan) -> str:
    """The audience that reads a plan's published reports: the plan's own."""
    return page_audience(plan)


def signals_listed_in_report(queryset: QuerySet, readers: str) -> QuerySet:
    """Signals a report for `readers` may name."""
    if readers == Audience.STAFF:
        return queryset
    return signals_visible_to(AnonymousUser(), queryset)


def advice_listed_in_report(queryset: QuerySet, readers: str) -> QuerySet:
    """Advice a report for `readers` may name."""
    if readers == Audience.STAFF:
        return queryset
    return advice_visible_to(AnonymousUser(), queryset)


def indicators_listed_in_report(queryset: QuerySet, readers: str) -> QuerySet:
    """Indicators whose audience takes in every reader of the report."""
    wide_enough = [
        value
        for value in Audience.values
        if AUDIENCE_RANK[value] <= AUDIENCE_RANK[readers]
    ]
    return queryset.filter(audience__in=wide_enough)


__all__ = [
    "advice_listed_in_report",
    "indicators_listed_in_report",
    "may_manage_reports",
    "may_publish_report",
    "may_record_plan_version",
    "plan_version_is_visible_to",
    "plan_versions_visible_to",
    "report_is_visible_to",
    "report_readers",
    "reports_visible_to",
    "signals_listed_in_report",
]
