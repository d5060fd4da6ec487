"""Who may report on a plan's goals.

A goal is visible when its plan page is (see `pages`); reporting on it is for the
town's civil servants and for the active members of an organisation that owns it:
its lead organisation or a co-owner. Nobody else reports, whatever they may see.
Civil servants may return a report with a question. Reminders that a goal must be
updated go to its contact persons or, without any, to its owners' members.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from portal.access.audiences import active_organisation_ids
from portal.access.roles import Role, roles_for
from portal.models import Membership


def owning_organisation_ids(goal) -> set[int]:
    """The organisations that carry a goal: its lead and its co-owners."""
    owners = {organisation.pk for organisation in goal.owner_organisations.all()}
    if goal.lead_organisation_id:
        owners.add(goal.lead_organisation_id)
    return owners


def reporting_organisation_id(user, goal) -> int | None:
    """The owning organisation a member reports for (the lead first), or None."""
    mine = set(active_organisation_ids(user)) & owning_organisation_ids(goal)
    if goal.lead_organisation_id in mine:
        return goal.lead_organisation_id
    return min(mine) if mine else None


def may_report_progress(user, goal) -> bool:
    """Civil servants, and members of an organisation that owns the goal."""
    if not getattr(user, "is_authenticated", False):
        return False
    if Role.CIVIL_SERVANT in roles_for(user):
        return True
    return reporting_organisation_id(user, goal) is not None


def may_question_progress(user, update) -> bool:
    """Civil servants return a progress report with a question; nobody else does.
    Whether the report is visible to them is for the caller's selector."""
    return getattr(user, "is_authenticated", False) and (
        Role.CIVIL_SERVANT in roles_for(user)
    )


def goal_reminder_recipients(goal) -> QuerySet:
    """Who is reminded that a goal must be updated: its active contact persons;
    without any, the active members of its lead organisation; without a lead, the
    active members of its co-owners. Never anyone outside the goal's owners."""
    users = get_user_model().objects.filter(is_active=True)
    contacts = users.filter(pk__in=goal.contact_persons.values("pk"))
    if contacts.exists():
        return contacts
    if goal.lead_organisation_id:
        organisation_ids = {goal.lead_organisation_id}
    else:
        organisation_ids = owning_organisation_ids(goal)
    members = Membership.objects.filter(
        organisation_id__in=organisation_ids, status=Membership.Status.ACTIVE
    )
    return users.filter(pk__in=members.values("user_id"))


def goal_question_recipients(update) -> QuerySet:
    """Who is told of a question on a progress report: its author, while active."""
    return get_user_model().objects.filter(pk=update.author_id, is_active=True)
